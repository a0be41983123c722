import { afterEach, describe, expect, it } from 'vitest';
import { computeModelChanges } from '../../../common/model-changes';
import { parsePortfolio } from '../../../main/sync/portfolio-parse';
import { CliUsageError, cliUsage, parseCliArgs } from '../../../sandbox/cli-args';
import { portfolioId, type SandboxPortfolio } from '../../../sandbox/data';
import {
  ManualClock,
  startSandbox,
  type RevisionRecord,
  type Sandbox,
  type SandboxOptions,
} from '../../../sandbox/server';
import { apiGet, getToken } from './helpers';

const minuteMs = 60_000;

describe('model revisions in the sandbox', () => {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  async function start(options: SandboxOptions = {}): Promise<{ s: Sandbox; token: string }> {
    const s = await startSandbox({ faults: true, clock: new ManualClock(Date.UTC(2025, 8, 1)), ...options });
    started.push(s);
    return { s, token: await getToken(s) };
  }
  const admin = (s: Sandbox, path: string, method = 'GET', body?: unknown): Promise<Response> =>
    fetch(`${s.baseUrl}/__admin/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const detail = async (s: Sandbox, token: string, id: string): Promise<{ body: SandboxPortfolio; res: Response }> => {
    const res = await apiGet(s, `/model-portfolios/${id}`, token);
    expect(res.status).toBe(200);
    return { body: (await res.clone().json()) as SandboxPortfolio, res };
  };
  const basisPoints = (p: SandboxPortfolio, perWhole = 10_000): Map<string, number> =>
    new Map((p.holdings ?? []).map((h) => [h.ticker, Math.round(h.weight * perWhole)]));

  /** Applies a revision record to the older holdings, independently of the sandbox's code: it must give the newer. */
  function applyRecord(before: Map<string, number>, record: RevisionRecord): Map<string, number> {
    const after = new Map(before);
    for (const h of record.removed) {
      expect(after.get(h.ticker)).toBe(Math.round(h.weight * 10_000));
      after.delete(h.ticker);
    }
    for (const h of record.reweighted) {
      expect(after.get(h.ticker)).toBe(Math.round(h.oldWeight * 10_000));
      after.set(h.ticker, Math.round(h.newWeight * 10_000));
    }
    for (const h of record.added) {
      expect(after.has(h.ticker)).toBe(false);
      after.set(h.ticker, Math.round(h.weight * 10_000));
    }
    return after;
  }

  it('publishes nothing unless asked', async () => {
    const { s } = await start();
    expect(s.revisions()).toEqual([]);
    expect(await (await admin(s, 'revisions')).json()).toEqual({ revisions: [] });
  });

  it('POST /__admin/revise {ids} publishes the next revision of those models, exactly as its record says', async () => {
    const { s, token } = await start();
    const before = await detail(s, token, 'mp-000004');
    const response = await admin(s, 'revise', 'POST', { ids: ['mp-000004'] });
    expect(response.status).toBe(200);
    const { revisions } = (await response.json()) as { revisions: RevisionRecord[] };
    expect(revisions).toHaveLength(1);
    const [record] = revisions as [RevisionRecord];
    expect(record).toMatchObject({
      sequence: 1,
      id: 'mp-000004',
      revision: 1,
      cause: 'request',
      publishedAt: '2025-09-01T00:00:00.000Z',
      previousUpdatedAt: before.body.updatedAt,
      updatedAt: '2025-09-01T00:00:00Z',
    });
    expect(record.added.length + record.removed.length + record.reweighted.length).toBeGreaterThan(0);

    const after = await detail(s, token, 'mp-000004');
    expect(after.body.updatedAt).toBe(record.updatedAt);
    expect(Date.parse(after.body.updatedAt)).toBeGreaterThan(Date.parse(before.body.updatedAt));
    expect(applyRecord(basisPoints(before.body), record)).toEqual(basisPoints(after.body));
    const units = [...basisPoints(after.body).values()];
    expect(units.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(units).toEqual([...units].sort((a, b) => b - a));
    for (const fact of record.facts) expect(after.body[fact.fact]).toBe(fact.newValue);
    expect(s.revisions()).toEqual([record]);
    expect(await (await admin(s, 'revisions')).json()).toEqual({ revisions: [record] });
  });

  it('changes the ETag and Last-Modified of exactly the revised detail and the list page holding it', async () => {
    const { s, token } = await start({ pageSize: 10 });
    const etag = async (path: string): Promise<string> => (await apiGet(s, path, token)).headers.get('etag') ?? '';
    const paths = [
      '/model-portfolios?page=1',
      '/model-portfolios?page=2',
      '/model-portfolios/mp-000012',
      '/model-portfolios/mp-000013',
    ];
    const before = await Promise.all(paths.map(etag));
    const untouched = await detail(s, token, 'mp-000013');
    expect(untouched.res.headers.get('last-modified')).toBe(new Date(untouched.body.updatedAt).toUTCString());

    s.revise({ ids: ['mp-000012'] });
    const after = await Promise.all(paths.map(etag));
    expect(after.map((tag, i) => tag !== before[i])).toEqual([false, true, true, false]);

    const revised = await detail(s, token, 'mp-000012');
    expect(revised.res.headers.get('last-modified')).toBe('Mon, 01 Sep 2025 00:00:00 GMT');
    const page2 = await apiGet(s, '/model-portfolios?page=2', token);
    expect(page2.headers.get('last-modified')).toBe('Mon, 01 Sep 2025 00:00:00 GMT');
    const conditional = (path: string, tag: string) => apiGet(s, path, token, { 'If-None-Match': tag });
    expect((await conditional(paths[2]!, before[2]!)).status).toBe(200);
    expect((await conditional(paths[3]!, before[3]!)).status).toBe(304);
    expect((await conditional(paths[1]!, before[1]!)).status).toBe(200);
    expect((await conditional(paths[0]!, before[0]!)).status).toBe(304);
    const listed = ((await page2.json()) as { data: SandboxPortfolio[] }).data.find((p) => p.id === 'mp-000012');
    expect(JSON.stringify(listed)).toBe(JSON.stringify(revised.body));
  });

  it('keeps 13 revisions of one model in order, updatedAt always moving forward, each record chaining on the last', async () => {
    const { s, token } = await start();
    let previous = await detail(s, token, 'mp-000001');
    const clock = s.options.clock as ManualClock;
    for (let n = 1; n <= 13; n++) {
      if (n % 3 === 0) clock.advance(minuteMs);
      const [record] = s.revise({ ids: ['mp-000001'] }) as [RevisionRecord];
      const current = await detail(s, token, 'mp-000001');
      expect(record.revision).toBe(n);
      expect(record.previousUpdatedAt).toBe(previous.body.updatedAt);
      expect(Date.parse(current.body.updatedAt)).toBeGreaterThan(Date.parse(previous.body.updatedAt));
      expect(applyRecord(basisPoints(previous.body), record)).toEqual(basisPoints(current.body));
      previous = current;
    }
    expect(s.revisions().map((r) => r.sequence)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect((await (await admin(s, 'revisions?after=10')).json()) as { revisions: RevisionRecord[] }).toMatchObject({
      revisions: [{ sequence: 11 }, { sequence: 12 }, { sequence: 13 }],
    });
  });

  it('{count} picks distinct models by the seed: the same calls give the same records on every run', async () => {
    const runOnce = async (seed: number): Promise<RevisionRecord[]> => {
      const { s } = await start({ seed, portfolios: 200 });
      const first = (await (await admin(s, 'revise', 'POST', { count: 5 })).json()) as { revisions: RevisionRecord[] };
      const second = s.revise({ count: 3 });
      return [...first.revisions, ...second];
    };
    const a = await runOnce(11);
    const b = await runOnce(11);
    const c = await runOnce(12);
    expect(a).toEqual(b);
    expect(new Set(a.slice(0, 5).map((r) => r.id)).size).toBe(5);
    expect(new Set(a.slice(5).map((r) => r.id)).size).toBe(3);
    expect(c.map((r) => r.id)).not.toEqual(a.map((r) => r.id));
  });

  it('refuses a bad revise request with 400, and the routes exist only with faults on', async () => {
    const { s } = await start();
    for (const body of [
      {},
      { ids: ['mp-000001'], count: 1 },
      { ids: [] },
      { ids: 'mp-000001' },
      { ids: ['mp-000041'] },
      { ids: ['nope'] },
      { count: 0 },
      { count: 41 },
      { count: '2' },
    ]) {
      const response = await admin(s, 'revise', 'POST', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await admin(s, 'revisions?after=x')).status).toBe(400);
    expect((await admin(s, 'revise')).status).toBe(405);
    expect((await admin(s, 'revisions', 'POST', {})).status).toBe(405);
    expect(() => s.revise({ ids: ['mp-999999'] })).toThrow(/No model portfolio/);
    expect(s.revisions()).toEqual([]);

    const plain = await startSandbox();
    started.push(plain);
    expect((await admin(plain, 'revise', 'POST', { count: 1 })).status).toBe(404);
    expect((await admin(plain, 'revisions')).status).toBe(404);
    expect(plain.revise({ count: 1 })).toHaveLength(1);
  });

  it('publishes `revisions: n` at start, dated from 2025-07-01 an hour apart, byte-identical on every run', async () => {
    const options = { revisions: 6, seed: 5, pagination: 'none' as const, clock: new ManualClock() };
    const one = await start(options);
    const two = await start({ ...options, clock: new ManualClock(Date.UTC(2030, 0, 1)) });
    const records = one.s.revisions();
    expect(records.map((r) => [r.cause, r.publishedAt])).toEqual(
      [1, 2, 3, 4, 5, 6].map((h) => ['start', new Date(Date.UTC(2025, 6, 1, h)).toISOString()]),
    );
    expect(two.s.revisions()).toEqual(records);
    const list = (x: { s: Sandbox; token: string }) => apiGet(x.s, '/model-portfolios', x.token);
    const [a, b] = await Promise.all([list(one), list(two)]);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(await a.text()).toBe(await b.text());
    const plain = await start({ seed: 5, pagination: 'none' });
    expect((await list(plain)).headers.get('etag')).not.toBe(a.headers.get('etag'));
  });

  it('publishes one revision per `revisionIntervalMs` of the sandbox clock, dated at its scheduled time', async () => {
    const clock = new ManualClock(Date.UTC(2025, 9, 1));
    const { s, token } = await start({ clock, revisionIntervalMs: 10 * minuteMs });
    expect(s.revisions()).toEqual([]);
    clock.advance(35 * minuteMs);
    const records = s.revisions();
    expect(records.map((r) => [r.cause, r.publishedAt])).toEqual([
      ['schedule', '2025-10-01T00:10:00.000Z'],
      ['schedule', '2025-10-01T00:20:00.000Z'],
      ['schedule', '2025-10-01T00:30:00.000Z'],
    ]);
    const last = records.at(-1)!;
    const served = await detail(s, token, last.id);
    expect(served.body.updatedAt).toBe(records.filter((r) => r.id === last.id).at(-1)?.updatedAt);
    await admin(s, 'clock', 'POST', { advanceMs: 10 * minuteMs });
    await apiGet(s, '/model-portfolios', token);
    expect(s.revisions()).toHaveLength(4);
  });

  it('keeps the deliberately imperfect records imperfect through revisions', async () => {
    const { s, token } = await start();
    const ids = ['mp-000003', 'mp-000005', 'mp-000007', 'mp-000011', 'mp-000019'];
    const before = await Promise.all(ids.map(async (id) => (await detail(s, token, id)).body));
    for (let n = 0; n < 8; n++) s.revise({ ids });
    const after = await Promise.all(ids.map(async (id) => (await detail(s, token, id)).body));
    expect(s.revisions().every((r) => r.facts.length === 0)).toBe(true);
    expect([...basisPoints(after[0]!).values()].reduce((a, b) => a + b, 0)).toBe(9_970);
    expect(Object.keys(after[1]!)).toEqual(Object.keys(before[1]!));
    expect(after[1]).not.toHaveProperty('benchmark');
    expect(after[2]).toMatchObject({ esgScore: 7.4, tags: ['legacy', 'closed-to-new-investors'] });
    for (const h of after[2]!.holdings ?? []) expect(h).toMatchObject({ exchange: 'XNYS', lotSize: 1 });
    expect(after.map((p) => p.name)).toEqual(before.map((p) => p.name));
  });

  it('serves revised weights in percent style with two decimals, still summing to exactly 100', async () => {
    const { s, token } = await start({ weights: 'percent' });
    s.revise({ count: 10 });
    for (const record of s.revisions()) {
      const { body } = await detail(s, token, record.id);
      const units = [...basisPoints(body, 100).values()];
      expect(units.reduce((a, b) => a + b, 0)).toBe(body.id === 'mp-000003' ? 9_970 : 10_000);
      for (const h of body.holdings ?? []) expect(String(h.weight)).toMatch(/^\d{1,3}(\.\d{1,2})?$/);
    }
  });

  it('the app’s trade lists (parsed as the sync parses, changes computed in common/) match the sandbox’s records', async () => {
    const bp = (w: number): number => Math.round(w * 10_000);
    const parse = (raw: SandboxPortfolio) => {
      const parsed = parsePortfolio(raw);
      if (!parsed.ok) throw new Error(`the sandbox served an unparsable portfolio: ${parsed.reason}`);
      return parsed.portfolio;
    };
    for (const weights of ['fraction', 'percent'] as const) {
      const { s, token } = await start({ weights, portfolios: 60 });
      let checked = 0;
      let facts = 0;
      for (let round = 0; round < 6; round++) {
        const ids = Array.from({ length: 8 }, (_, k) => portfolioId((round * 7 + k * 11) % 60));
        const before = await Promise.all(ids.map(async (id) => (await detail(s, token, id)).body));
        const records = s.revise({ ids });
        const after = await Promise.all(ids.map(async (id) => (await detail(s, token, id)).body));
        records.forEach((record, i) => {
          const changes = computeModelChanges(parse(before[i]!), parse(after[i]!));
          const app = (kind: string) =>
            changes.holdings
              .filter((c) => c.kind === kind)
              .map((c) => ({ ticker: c.ticker, oldBp: bp(c.oldWeight), newBp: bp(c.newWeight) }))
              .sort((a, b) => a.ticker.localeCompare(b.ticker));
          expect(record.id).toBe(ids[i]);
          expect(app('added')).toEqual(record.added.map((h) => ({ ticker: h.ticker, oldBp: 0, newBp: bp(h.weight) })));
          expect(app('removed')).toEqual(
            record.removed.map((h) => ({ ticker: h.ticker, oldBp: bp(h.weight), newBp: 0 })),
          );
          expect(app('reweighted')).toEqual(
            record.reweighted.map((h) => ({ ticker: h.ticker, oldBp: bp(h.oldWeight), newBp: bp(h.newWeight) })),
          );
          expect(changes.facts).toEqual(record.facts);
          checked += 1;
          facts += record.facts.length;
        });
      }
      expect(checked).toBe(48);
      expect(facts).toBeGreaterThan(0);
    }
  });
});

describe('the revision CLI flags', () => {
  it('read --revisions and --revise-every (seconds) into options, and the usage lists them', () => {
    expect(parseCliArgs(['--revisions', '3', '--revise-every', '600'])).toEqual({
      help: false,
      options: { revisions: 3, revisionIntervalMs: 600_000 },
    });
    expect(() => parseCliArgs(['--revisions', 'many'])).toThrow(CliUsageError);
    expect(cliUsage).toContain('--revisions <n>');
    expect(cliUsage).toContain('--revise-every <s>');
  });

  it('refuse an interval under a second, or a negative number of revisions', async () => {
    await expect(startSandbox({ revisionIntervalMs: 500 })).rejects.toThrow(/revisionIntervalMs/);
    await expect(startSandbox({ revisions: -1 })).rejects.toThrow(/revisions/);
  });
});
