import { afterEach, describe, expect, it } from 'vitest';
import type { PortfolioListing } from '../../../common/portfolio-summary';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

let apps: TestApp[] = [];
let sandbox: Sandbox | null = null;

afterEach(async () => {
  for (const app of apps.reverse()) await app.close();
  await sandbox?.close();
  apps = [];
  sandbox = null;
});

const apiRequests = (s: Sandbox) => s.counters.tokenRequests + s.counters.requests.list + s.counters.requests.detail;

/** A first run that synced the sandbox into the cache, then a new "app run" over the same folder and keychain. */
async function restartWithCache(firstListGraceMs: number): Promise<TestApp> {
  sandbox = await startSandbox({ portfolios: 25 });
  const first = await startTestApp();
  apps.push(first);
  await first.connect(sandbox);
  await first.services.dispose();
  const second = await startTestApp({
    userDataDir: first.userDataDir,
    secrets: first.services.secrets,
    autoSync: { intervalMs: 0, retryMs: 60_000, firstListGraceMs },
  });
  apps.push(second);
  sandbox.counters.reset();
  return second;
}

describe('start order: cache open, list, state, and the sync after', () => {
  it('asks the API nothing until the cached list has been served, then syncs', async () => {
    const app = await restartWithCache(60_000);
    await app.services.portfolios.start();
    expect(app.services.portfolios.connection.state.status).toBe('syncing');
    // The cache is open and the state said; the network waits for the renderer's list.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(apiRequests(sandbox!)).toBe(0);

    const listed = await app.dispatch('portfolios:list', undefined);
    expect(listed.ok && (listed.value as PortfolioListing).portfolios).toHaveLength(25);
    const state = await app.waitForState((s) => s.status === 'online', 10_000);
    expect(state.status).toBe('online');
    expect(sandbox!.counters.requests.list).toBeGreaterThan(0);
    expect(sandbox!.counters.notModified.list).toBe(sandbox!.counters.requests.list);
  });

  it('serves the first screen from the cache too, without starting the sync', async () => {
    const app = await restartWithCache(60_000);
    await app.services.portfolios.start();
    const screen = await app.dispatch('portfolios:firstScreen', { limit: 10 });
    expect(screen).toMatchObject({ ok: true, value: { total: 25 } });
    expect(screen.ok && (screen.value as { portfolios: unknown[] }).portfolios).toHaveLength(10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(apiRequests(sandbox!)).toBe(0);
  });

  it('syncs after the grace period when no list is asked for', async () => {
    const app = await restartWithCache(200);
    await app.services.portfolios.start();
    await app.waitForState((s) => s.status === 'online', 10_000);
    expect(sandbox!.counters.requests.list).toBeGreaterThan(0);
  });

  it('syncs at once when there is no cache to show', async () => {
    sandbox = await startSandbox({ portfolios: 5 });
    const app = await startTestApp({ autoSync: { intervalMs: 0, retryMs: 60_000, firstListGraceMs: 60_000 } });
    apps.push(app);
    await app.connect(sandbox);
    expect(app.services.portfolios.connection.state).toMatchObject({ status: 'online', portfolioCount: 5 });
  });

  it('refuses a first screen larger than the contract allows', async () => {
    const app = await restartWithCache(60_000);
    expect(await app.dispatch('portfolios:firstScreen', { limit: 100_000 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
