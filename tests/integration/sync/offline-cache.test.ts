import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { inStatus, startTestApp, type TestApp } from '../support/app-fixture';

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

async function exportTo(dir: string, target: TestApp, kind: 'list' | 'holdings', ids: 'all' | string[]) {
  const file = path.join(dir, `${kind}.csv`);
  target.saveTo.path = file;
  return target.dispatch('export:csv', { kind, ids });
}

describe('offline, from the encrypted cache', () => {
  it('a restart with the API gone shows the cached portfolios as offline, and exports them', async () => {
    sandbox = await startSandbox({ portfolios: 25 });
    const first = await startTestApp();
    const profileId = await first.connect(sandbox);
    expect(first.services.portfolios.connection.state.status).toBe('online');
    await first.services.dispose();
    await sandbox.close();

    // Same user-data folder and keychain, a new "app run", and the API is unreachable.
    app = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets });
    await app.services.portfolios.start();
    const state = await app.waitForState((s) => s.status !== 'syncing');
    expect(state).toMatchObject({
      status: 'offline',
      profileId,
      portfolioCount: 25,
      error: { code: 'NETWORK_UNREACHABLE' },
    });
    expect(inStatus(state, 'offline').offlineSince).toBeTruthy();
    expect(inStatus(state, 'offline').lastSyncedAt).toBeTruthy();
    const listing = await app.dispatch('portfolios:list', undefined);
    expect(listing.ok && (listing.value as { portfolios: unknown[] }).portfolios).toHaveLength(25);

    const saved = await exportTo(app.userDataDir, app, 'holdings', ['mp-000001', 'mp-000002']);
    expect(saved).toMatchObject({ ok: true, value: { status: 'saved', fileName: 'holdings.csv' } });
    const text = (await readFile(path.join(app.userDataDir, 'holdings.csv'), 'utf8')).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: false }).data;
    const portfolios = await Promise.all(['mp-000001', 'mp-000002'].map((id) => app!.services.portfolios.get(id)));
    expect(rows.length - 1).toBe(portfolios.reduce((n, p) => n + p.holdings.length, 0));
    expect(rows.slice(1).every((row) => row[0] === 'mp-000001' || row[0] === 'mp-000002')).toBe(true);
  });

  it('an export cancelled in the dialog writes nothing; an empty selection is a clear error', async () => {
    sandbox = await startSandbox({ portfolios: 5 });
    app = await startTestApp();
    await app.connect(sandbox);
    app.saveTo.path = null;
    expect(await app.dispatch('export:csv', { kind: 'list', ids: 'all' })).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    });
    expect(await app.dispatch('export:csv', { kind: 'list', ids: ['nope'] })).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_NOTHING_SELECTED' },
    });
    expect(await app.dispatch('export:showInFolder', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('a cache whose key is gone is set aside and reported, then rebuilt by the next sync', async () => {
    sandbox = await startSandbox({ portfolios: 8 });
    const first = await startTestApp();
    const profileId = await first.connect(sandbox);
    await first.services.dispose();
    await first.services.secrets.delete(`cache-key:${profileId}`);

    app = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets });
    const state = await app.services.portfolios.state();
    expect(state).toMatchObject({ portfolioCount: 0, error: { code: 'CACHE_UNREADABLE' } });
    expect(inStatus(state, 'error').error.message).toMatch(/set aside/);
    const names = await readdir(path.join(app.userDataDir, 'cache'));
    expect(names.some((name) => name.includes('corrupt'))).toBe(true);
    await app.services.portfolios.syncNow();
    expect(app.services.portfolios.connection.state).toMatchObject({ status: 'online', portfolioCount: 8 });
    expect(app.services.portfolios.connection.state).not.toHaveProperty('error');
  });

  it('a cache with a damaged byte is set aside, never a crash', async () => {
    sandbox = await startSandbox({ portfolios: 8 });
    const first = await startTestApp();
    await first.connect(sandbox);
    await first.services.dispose();
    const folder = first.services.portfolios.cacheFor((await first.services.profiles.active())!.id).folder;
    const file = path.join(folder, 'manifest.rec');
    const bytes = await readFile(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x5a;
    await writeFile(file, bytes);

    app = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets });
    expect(await app.services.portfolios.state()).toMatchObject({
      status: 'error',
      error: { code: 'CACHE_UNREADABLE' },
    });
    expect(await app.dispatch('portfolios:list', undefined)).toMatchObject({ ok: true, value: { portfolios: [] } });
  });

  it('an auth error after the secret is rotated keeps the cache and says how to fix it', async () => {
    sandbox = await startSandbox({ portfolios: 6 });
    app = await startTestApp();
    const profileId = await app.connect(sandbox);
    await app.dispatch('profiles:setSecret', { profileId, secret: 'rotated-away-secret' });
    const state = await app.waitForState((s) => s.status !== 'syncing' && s.status !== 'online');
    expect(state).toMatchObject({ status: 'auth-error', portfolioCount: 6, error: { code: 'INVALID_CLIENT' } });
    expect(inStatus(state, 'auth-error').error.message).toMatch(/Check them in Settings/);
  });
});
