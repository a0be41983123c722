import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { accepts, freePort } from './ports';

/** How to configure the test's own tinyproxy. */
export interface TinyproxyOptions {
  /** Ask every client for this user and password (tinyproxy's BasicAuth). */
  basicAuth?: { user: string; password: string };
  /** The only ports CONNECT may open (tinyproxy's ConnectPort); all ports when empty. */
  connectPorts?: number[];
}

/** One request line tinyproxy logged: `GET http://127.0.0.1:4010/model-portfolios` or `CONNECT 127.0.0.1:4443`. */
export interface ProxiedRequest {
  method: string;
  target: string;
}

/** A real tinyproxy on 127.0.0.1, with its own config file and log in a temp folder. */
export interface Tinyproxy {
  host: string;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The log so far. */
  log(): Promise<string>;
  /** Every request line in the log, in order. */
  requests(): Promise<ProxiedRequest[]>;
  /** Stops the process (the port is free until start()). */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same config and log. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Throws with the set-up step when tinyproxy is not installed. */
export function requireTinyproxy(): void {
  const found = spawnSync('tinyproxy', ['-v'], { encoding: 'utf8' });
  if (found.error)
    throw new Error('tinyproxy is not installed: run scripts/setup.sh (or apt-get install -y tinyproxy)');
}

/** Starts tinyproxy in the foreground (`tinyproxy -d -c <file>`) and waits until it accepts connections. */
export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  requireTinyproxy();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mp-tinyproxy-'));
  const port = await freePort();
  const logFile = path.join(dir, 'tinyproxy.log');
  const configFile = path.join(dir, 'tinyproxy.conf');
  const lines = [
    'Listen 127.0.0.1',
    `Port ${port}`,
    'Timeout 60',
    `LogFile "${logFile}"`,
    'LogLevel Info',
    'MaxClients 200',
    'Allow 127.0.0.1',
    ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
    ...(options.connectPorts ?? []).map((connectPort) => `ConnectPort ${connectPort}`),
  ];
  await writeFile(configFile, `${lines.join('\n')}\n`);
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    const started = spawn('tinyproxy', ['-d', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 15_000;
    while (!(await accepts(port))) {
      if (started.exitCode !== null) throw new Error(`tinyproxy exited (${started.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`tinyproxy did not listen on ${port}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const log = async (): Promise<string> => readFile(logFile, 'utf8').catch(() => '');

  await start();
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    async requests() {
      const text = await log();
      return [...text.matchAll(/Request \(file descriptor \d+\): (\S+) (\S+) HTTP\/1\.[01]/g)].map((match) => ({
        method: match[1] ?? '',
        target: match[2] ?? '',
      }));
    },
    stop,
    start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
