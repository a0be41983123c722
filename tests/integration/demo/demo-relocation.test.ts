import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-fixture';

// Demo mode after a restart: its sandbox comes back on its old port, unless another process took the
// port meanwhile. Then the demo moves, keeping its secret, and nothing is ever sent to the stranger.

const apps: TestApp[] = [];
const demoData = { portfolios: 9, seed: 3 };
let stranger: Server | null = null;
const received: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await new Promise<void>((resolve) => (stranger ? stranger.close(() => resolve()) : resolve()));
  stranger = null;
  received.length = 0;
});

/** Another local process on the demo's old port, recording whatever reaches it (and answering nothing useful). */
async function occupy(port: number): Promise<void> {
  stranger = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"accessToken":"stranger-token","expiresIn":86400,"tokenType":"bearer"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    stranger!.once('error', reject);
    stranger!.listen(port, '127.0.0.1', () => resolve());
  });
}

/** A first run that explored the demo data, then quit (the demo sandbox stops with the app). */
async function firstRunWithDemo(): Promise<{ first: TestApp; port: number; profileId: string }> {
  const first = await startTestApp({ demoData });
  apps.push(first);
  const started = await first.dispatch('demo:start', undefined);
  if (!started.ok) throw new Error(started.error.message);
  const profileId = (started.value as { id: string }).id;
  await first.waitForState((s) => s.status === 'online' && s.lastSyncedAt !== null);
  const port = Number(new URL((await first.services.profiles.get(profileId)).baseUrl).port);
  await first.services.dispose();
  return { first, port, profileId };
}

describe('demo mode after a restart', () => {
  it('comes back on its old port when it is free', async () => {
    const { first, port, profileId } = await firstRunWithDemo();
    const second = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets, demoData });
    apps.push(second);
    await second.services.portfolios.start();
    await second.waitForState((s) => s.status === 'online' && s.portfolioCount === 9);
    expect(new URL((await second.services.profiles.get(profileId)).baseUrl).port).toBe(String(port));
  });

  it('moves to a free port, secret and all, when another process holds the old one, and sends that process nothing', async () => {
    const { first, port, profileId } = await firstRunWithDemo();
    await occupy(port);
    const second = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets, demoData });
    apps.push(second);
    await second.services.portfolios.start();
    await second.waitForState((s) => s.status === 'online' && s.portfolioCount === 9);

    const moved = await second.services.profiles.get(profileId);
    expect(new URL(moved.baseUrl).port).not.toBe(String(port));
    expect(await second.services.profiles.hasSecret(profileId)).toBe(true);
    // Later syncs and Test connection go to the demo's own new address too.
    expect(await second.dispatch('sync:now', undefined)).toMatchObject({ ok: true });
    expect(await second.dispatch('auth:testConnection', { profileId })).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    expect(received).toEqual([]);
  });

  it('while the demo server is stopped, nothing is sent to whatever now listens on its port', async () => {
    const { first, port, profileId } = await firstRunWithDemo();
    const second = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets, demoData });
    apps.push(second);
    await second.services.portfolios.start();
    await second.waitForState((s) => s.status === 'online' && s.portfolioCount === 9);
    await second.services.demo.stop();
    await occupy(port);

    expect(await second.dispatch('sync:now', undefined)).toMatchObject({
      ok: false,
      error: { code: 'NETWORK_UNREACHABLE' },
    });
    expect(await second.dispatch('auth:testConnection', { profileId })).toMatchObject({
      ok: false,
      error: { code: 'NETWORK_UNREACHABLE' },
    });
    expect(second.services.portfolios.connection.state).toMatchObject({ status: 'offline', portfolioCount: 9 });
    expect(received).toEqual([]);
  });
});
