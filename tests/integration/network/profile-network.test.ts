import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionTestReport } from '../../../common/connection-test';
import type { DiagnosticsReport } from '../../../common/diagnostics';
import type { NetworkSetting } from '../../../common/network-setting';
import type { ProfileDraft } from '../../../common/profile';
import { environmentProxyResolver } from '../../../main/network/environment-proxy-resolver';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { profileIdOf, startTestApp, type TestApp } from '../support/app-fixture';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy';

// Each profile's own network setting, through main's real services (the composition root): its
// token POST, its API client and its Test connection take the route of its setting, through a real
// proxy (Debian's tinyproxy) where the setting says so, and nowhere else.

const running: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

function keep<T extends { close(): Promise<void> }>(item: T): T {
  running.push(item);
  return item;
}

/** A port on 127.0.0.1 where nothing listens (a system proxy that is down). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function draft(sandbox: Sandbox, network?: NetworkSetting, extra: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    name: 'Partner',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    tokenStyle: 'json',
    secret: sandbox.credentials.clientSecret,
    ...(network ? { network } : {}),
    ...extra,
  };
}

async function value<T>(app: TestApp, channel: string, arg?: unknown): Promise<T> {
  const result = await app.dispatch(channel, arg);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Saves a profile and waits for the sync it starts to settle. */
async function saveAndSettle(app: TestApp, input: ProfileDraft): Promise<string> {
  const saved = await value<{ id: string }>(app, 'profiles:save', input);
  await app.waitForState((state) => state.status !== 'syncing' && profileIdOf(state) === saved.id);
  return saved.id;
}

function proxied(proxy: Tinyproxy): Promise<number> {
  return proxy.requests().then((lines) => lines.length);
}

describe('a profile with a manual proxy', () => {
  it('sends its token POST and every GET through the proxy; Test connection, settings and diagnostics say so', async () => {
    const sandbox = keep(await startSandbox({ portfolios: 12, pageSize: 5, listHoldings: false }));
    const proxy = keep(await startTinyproxy());
    const copied: string[] = [];
    const app = keep(await startTestApp({ shell: { showInFolder() {}, copyText: (text) => copied.push(text) } }));
    const network: NetworkSetting = { mode: 'manual', proxyUrl: proxy.url, bypass: ['.internal.example'] };

    const profileId = await saveAndSettle(app, draft(sandbox, network));
    expect(app.services.portfolios.connection.state).toMatchObject({ status: 'online', portfolioCount: 12 });
    const logged = await proxy.requests();
    expect(logged[0]).toEqual({ method: 'POST', target: `${sandbox.baseUrl}/oauth/token` });
    const { token, list, detail, other } = sandbox.counters.requests;
    expect(logged).toHaveLength(token + list + detail + other);
    expect(sandbox.counters.connections).toBe(logged.length);

    const settings = await readFile(path.join(app.userDataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settings).profiles[0].network).toEqual(network);
    const listed = await value<{ profiles: Array<{ network: NetworkSetting }> }>(app, 'profiles:list');
    expect(listed.profiles[0]?.network).toEqual(network);

    const report = await value<ConnectionTestReport>(app, 'auth:testConnection', { profileId });
    expect(report.ok).toBe(true);
    const sandboxHost = new URL(sandbox.baseUrl).host;
    expect(report.steps[0]?.detail).toBe(`Reached ${sandboxHost} through the proxy at ${proxy.host}:${proxy.port}.`);

    const diagnostics = await value<DiagnosticsReport>(app, 'app:copyDiagnostics');
    expect(diagnostics.profiles[0]?.network).toBe(
      `Proxy: manual, http proxy at ${proxy.host}:${proxy.port}; 1 bypass entry`,
    );
    expect(copied.at(-1)).toContain(`Proxy: manual, http proxy at ${proxy.host}:${proxy.port}`);
  });

  it('a new network setting keeps the token, and the next sync goes the new way by itself', async () => {
    const sandbox = keep(await startSandbox({ portfolios: 8, listHoldings: false }));
    const proxy = keep(await startTinyproxy());
    const app = keep(await startTestApp());
    const input = draft(sandbox, { mode: 'manual', proxyUrl: proxy.url, bypass: [] });
    const profileId = await saveAndSettle(app, input);
    const throughProxy = await proxied(proxy);
    expect(throughProxy).toBeGreaterThan(1);
    const tokens = sandbox.counters.requests.token;
    const lists = sandbox.counters.requests.list;
    const { lastSyncedAt } = app.services.portfolios.connection.state as { lastSyncedAt: string };

    // "No proxy", secret left as stored: main syncs again by itself (a connection change)…
    const { secret: _kept, ...withoutSecret } = input;
    await value(app, 'profiles:save', { ...withoutSecret, id: profileId, network: { mode: 'none' } });
    await app.waitForState(
      (state) => state.status === 'online' && state.lastSyncedAt !== null && state.lastSyncedAt > lastSyncedAt,
    );
    // …directly, with the token it already had.
    expect(sandbox.counters.requests.list).toBeGreaterThan(lists);
    expect(sandbox.counters.requests.token).toBe(tokens);
    expect(await proxied(proxy)).toBe(throughProxy);
    const report = await value<ConnectionTestReport>(app, 'auth:testConnection', { profileId });
    expect(report.steps[0]?.detail).toMatch(/directly\.$/);
  });
});

describe('“No proxy” and the system’s settings, per profile', () => {
  it('“No proxy” ignores a system proxy that is down; the system setting follows it (PROXY_UNREACHABLE, offline)', async () => {
    const sandbox = keep(await startSandbox({ portfolios: 5 }));
    const down = `http://127.0.0.1:${await deadPort()}`;
    const app = keep(
      await startTestApp({ network: { systemResolver: environmentProxyResolver({ http_proxy: down }) } }),
    );

    // A draft on the system's settings: the system proxy is down.
    const viaSystem = await value<ConnectionTestReport>(app, 'auth:testConnection', { draft: draft(sandbox) });
    expect(viaSystem.ok).toBe(false);
    expect(viaSystem.steps[0]).toMatchObject({ id: 'reach', status: 'failed' });
    expect(viaSystem.steps[0]?.detail).toContain(`the proxy at ${down.slice('http://'.length)}`);

    const systemId = await saveAndSettle(app, draft(sandbox));
    const offline = app.services.portfolios.connection.state;
    expect(offline).toMatchObject({ status: 'offline', error: { code: 'PROXY_UNREACHABLE' } });
    expect(sandbox.counters.requests.token).toBe(0);

    const direct = await value<ConnectionTestReport>(app, 'auth:testConnection', {
      draft: draft(sandbox, { mode: 'none' }),
    });
    expect(direct.ok).toBe(true);
    expect(direct.steps[0]?.detail).toMatch(/directly\.$/);

    // The same profile switched to "No proxy" syncs (the secret stays stored).
    await value(app, 'profiles:save', { ...draft(sandbox, { mode: 'none' }), id: systemId, secret: undefined });
    await app.waitForState((state) => state.status === 'online' && state.portfolioCount === 5);
    expect(profileIdOf(app.services.portfolios.connection.state)).toBe(systemId);
  });

  it('loads a settings file written before the setting existed as “the system’s settings”', async () => {
    const sandbox = keep(await startSandbox({ portfolios: 3 }));
    const first = await startTestApp();
    const saved = await value<{ id: string }>(first, 'profiles:save', draft(sandbox));
    await first.services.dispose();
    const file = path.join(first.userDataDir, 'settings.json');
    const written = JSON.parse(await readFile(file, 'utf8')) as { profiles: Array<Record<string, unknown>> };
    for (const profile of written.profiles) delete profile.network;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, JSON.stringify(written));

    const second = keep(await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets }));
    const listed = await value<{ profiles: Array<{ id: string; network: NetworkSetting }>; notice: unknown }>(
      second,
      'profiles:list',
    );
    expect(listed.notice).toBeNull();
    expect(listed.profiles).toEqual([expect.objectContaining({ id: saved.id, network: { mode: 'system' } })]);
  });
});
