import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Vite's dev server for the renderer (vite.config.ts), on 127.0.0.1 and the given port. */
export async function startDevServer(port: number): Promise<{ server: ViteDevServer; url: string }> {
  process.env.MP_DEV_PORT = String(port);
  const server = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: path.join(repoRoot, 'renderer'),
    logLevel: 'warn',
  });
  await server.listen();
  return { server, url: `http://127.0.0.1:${port}` };
}
