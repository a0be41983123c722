import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { imperfectRecords, startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { eventsNamed, startTestApp, type TestApp } from '../support/app-fixture';

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

async function setUp(options: SandboxOptions = {}) {
  sandbox = await startSandbox({ faults: true, ...options });
  app = await startTestApp();
  await app.connect(sandbox);
  return { app, sandbox };
}

afterEach(async () => {
  await app?.close();
  await sandbox?.close();
  if (app && sandbox) {
    expect(app.capture.leaks([sandbox.credentials.clientSecret, ...sandbox.issuedTokens()])).toEqual([]);
  }
  app = null;
  sandbox = null;
});

describe('sync against the sandbox', () => {
  it('follows next links to the end and caches every portfolio', async () => {
    const { app, sandbox } = await setUp({ portfolios: 40, pageSize: 7 });
    expect(app.services.portfolios.connection.state).toMatchObject({ status: 'online', portfolioCount: 40 });
    const listing = await app.services.portfolios.list();
    expect(listing.portfolios).toHaveLength(40);
    expect(new Set(listing.portfolios.map((p) => p.id)).size).toBe(40);
    expect(sandbox.counters.requests.list).toBe(6);
    // Progress rides on the published connection state: each page moves it on.
    const progress = eventsNamed(app, 'connection:state').flatMap((state) =>
      state.status === 'syncing' && state.progress.pages > 0 ? [state.progress] : [],
    );
    expect(progress.map((p) => p.pages)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toMatchObject({ portfolios: 40, total: 40 });
  });

  it.each(['link-header', 'cursor', 'none'] as const)('follows %s pagination', async (pagination) => {
    const { app } = await setUp({ portfolios: 23, pageSize: 5, pagination });
    expect((await app.services.portfolios.list()).portfolios).toHaveLength(23);
  });

  it('fetches holdings from the detail route when the list has none', async () => {
    const { app, sandbox } = await setUp({ portfolios: 30, listHoldings: false });
    expect(sandbox.counters.requests.detail).toBe(30);
    const portfolio = await app.services.portfolios.get('mp-000001');
    expect(portfolio.holdings.length).toBeGreaterThanOrEqual(5);
    expect(portfolio.weightsOk).toBe(true);
  });

  it('normalises percent weights to fractions', async () => {
    const { app } = await setUp({ portfolios: 10, weights: 'percent' });
    const portfolio = await app.services.portfolios.get('mp-000001');
    expect(portfolio.weightSum).toBeCloseTo(1, 6);
    expect(portfolio.holdings.every((h) => h.weight > 0 && h.weight < 1)).toBe(true);
  });

  it('reports the imperfect records as the user would see them', async () => {
    const { app } = await setUp({ portfolios: 40 });
    const listing = await app.services.portfolios.list();
    const byId = new Map(listing.portfolios.map((p) => [p.id, p]));
    expect(listing.portfolios).toHaveLength(40);
    // 99.7 %: kept, flagged, and explained.
    expect(byId.get('mp-000003')).toMatchObject({ weightsOk: false });
    expect(byId.get('mp-000003')!.weightSum).toBeCloseTo(0.997, 6);
    expect(listing.issues).toContainEqual({
      portfolioId: 'mp-000003',
      message: expect.stringMatching(/weights add up to 99\.70 %, not 100 %/),
    });
    // Missing optional fields: kept, with nulls.
    expect(byId.get('mp-000005')).toMatchObject({ benchmark: null, minimumInvestment: null });
    expect(await app.services.portfolios.get('mp-000005')).toMatchObject({ description: null, benchmark: null });
    // Names kept exactly.
    for (const record of imperfectRecords.filter((r) => r.name)) expect(byId.get(record.id)?.name).toBe(record.name);
    // Unknown extra fields do not leak into the app's shape.
    expect(Object.keys(byId.get('mp-000007')!).sort()).toEqual(Object.keys(byId.get('mp-000001')!).sort());
  });

  it('skips and reports a bad record without losing the rest', async () => {
    const items = [
      { id: 'ok-1', name: 'Good', holdings: [{ ticker: 'AAA', weight: 1 }] },
      { name: 'No id here', holdings: [] },
      { id: 'ok-2', name: '   ' },
      'not even an object',
      {
        id: 'ok-3',
        name: 'Half-bad holdings',
        holdings: [{ ticker: 'BBB', weight: 0.6 }, { ticker: 'CCC' }, { weight: 0.4 }],
      },
      { id: 'ok-1', name: 'Duplicate', holdings: [] },
    ];
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/oauth/token')
        res.end(JSON.stringify({ accessTtoken: 'tok-bad-records', expiresIn: 3600, tokenType: 'bearer' }));
      else res.end(JSON.stringify({ data: items, next: null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      app = await startTestApp();
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await app.connect({
        baseUrl: base,
        credentials: { clientId: 'c', clientSecret: 's3cret-bad-records' },
      } as Sandbox);
      const listing = await app.services.portfolios.list();
      expect(listing.portfolios.map((p) => p.id)).toEqual(['ok-1', 'ok-3']);
      const messages = listing.issues.map((issue) => issue.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          'Record 2 was skipped: it has no id.',
          'Record 3 (ok-2) was skipped: its name is not valid.',
          'Record 4 was skipped: it is not an object.',
          'Half-bad holdings: Holding 2 was skipped: it has no weight.',
          'Half-bad holdings: Holding 3 was skipped: it has no ticker.',
          'Portfolio ok-1 appeared twice; the first copy was kept.',
        ]),
      );
    } finally {
      server.close();
    }
  });

  it('answers a one-page list with If-None-Match and keeps the cache on 304', async () => {
    const { app } = await setUp({ portfolios: 20, pageSize: 50 });
    const outcome = await app.services.portfolios.syncNow();
    expect(outcome.status).toBe('unchanged');
    expect(outcome.portfolioCount).toBe(20);
  });

  it('runs one sync at a time', async () => {
    const { app, sandbox } = await setUp({ portfolios: 10 });
    sandbox.faults.enqueue('list', { kind: 'delay', ms: 300 });
    const first = app.services.portfolios.syncNow();
    const second = await app.dispatch('sync:now', undefined);
    expect(second).toMatchObject({ ok: false, error: { code: 'SYNC_IN_PROGRESS' } });
    await first;
  });

  it('cancels a running sync and keeps the previous data', async () => {
    const { app, sandbox } = await setUp({ portfolios: 30, pageSize: 5 });
    const before = await app.cacheBytes();
    sandbox.faults.enqueue('list', { kind: 'delay', ms: 400 }, 3);
    const running = app.services.portfolios.syncNow().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await app.dispatch('sync:cancel', undefined)).toEqual({ ok: true, value: true });
    expect(await running).toMatchObject({ code: 'SYNC_CANCELLED' });
    expect((await app.cacheBytes()).equals(before)).toBe(true);
    expect((await app.services.portfolios.list()).portfolios).toHaveLength(30);
  });
});
