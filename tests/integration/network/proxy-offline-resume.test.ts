import { afterEach, describe, expect, it } from 'vitest';
import type { PortfolioListing } from '../../../common/portfolio-summary';
import { startSandbox } from '../../../sandbox';
import { inStatus, startTestApp } from '../support/app-fixture';
import { startTinyproxy } from '../support/tinyproxy';

// A profile behind a proxy that stops: the sync fails with PROXY_UNREACHABLE, which is "offline"
// (the cached data stays on hand), and main's own retry schedule syncs again once the proxy is back,
// without anyone asking. The retry is short here; nothing is timed.

const running: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

describe('a proxy that stops and comes back', () => {
  it('is offline with the cached data while the proxy is down, and syncs again by itself once it is back', async () => {
    const sandbox = await startSandbox({ portfolios: 9, pageSize: 4, listHoldings: false });
    running.push(sandbox);
    const proxy = await startTinyproxy();
    running.push(proxy);
    const app = await startTestApp({ autoSync: { intervalMs: 0, retryMs: 50 } });
    running.push(app);

    await app.saveBehindProxy(sandbox, proxy.url);
    const online = inStatus(await app.waitForState((state) => state.status === 'online'), 'online');
    expect(online.portfolioCount).toBe(9);
    const listsWhileUp = sandbox.counters.requests.list;

    // The proxy goes away: the next sync is offline, naming the proxy; the cache is still served.
    await proxy.stop();
    const outcome = await app.dispatch('sync:now', undefined);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'PROXY_UNREACHABLE' } });
    const offline = inStatus(app.services.portfolios.connection.state, 'offline');
    expect(offline.error.code).toBe('PROXY_UNREACHABLE');
    expect(offline.error.message).toContain(`the proxy at ${proxy.host}:${proxy.port}`);
    expect(offline).toMatchObject({ portfolioCount: 9, lastSyncedAt: online.lastSyncedAt });
    const cached = await app.dispatch('portfolios:list', undefined);
    expect(cached.ok && (cached.value as PortfolioListing).portfolios).toHaveLength(9);
    expect(sandbox.counters.requests.list).toBe(listsWhileUp);

    // Back: main's retry schedule finds it (no sync asked for here) and the state is online again.
    const statesBefore = app.states().length;
    await proxy.start();
    const resumed = inStatus(
      await app.waitForState(
        (state) => state.status === 'online' && state.lastSyncedAt !== online.lastSyncedAt,
        30_000,
      ),
      'online',
    );
    expect(resumed.portfolioCount).toBe(9);
    expect(sandbox.counters.requests.list).toBeGreaterThan(listsWhileUp);
    expect((await proxy.requests()).some((line) => line.target === `${sandbox.baseUrl}/model-portfolios`)).toBe(true);
    // The states in between: offline, then a retry ("reconnecting"), then online.
    const after = app.states().slice(statesBefore);
    expect(after.some((state) => state.status === 'syncing' && state.offlineSince === offline.offlineSince)).toBe(true);
  });
});
