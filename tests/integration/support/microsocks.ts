import { spawn, spawnSync } from 'node:child_process';
import { accepts, freePort } from './ports';

/** A real SOCKS5 server (Debian's microsocks) on 127.0.0.1, with what it logged. */
export interface Microsocks {
  host: string;
  port: number;
  /** Every `host:port` it connected a client to, in order (one per connection). */
  connections(): string[];
  close(): Promise<void>;
}

/** Starts microsocks on a free loopback port and waits until it accepts connections. */
export async function startMicrosocks(): Promise<Microsocks> {
  if (spawnSync('microsocks', ['-h']).error)
    throw new Error('microsocks is not installed: run scripts/setup.sh (or apt-get install -y microsocks)');
  const port = await freePort();
  const child = spawn('microsocks', ['-i', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`microsocks did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    host: '127.0.0.1',
    port,
    connections: () => [...output.matchAll(/connected to (\S+)/g)].map((match) => match[1] ?? ''),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
