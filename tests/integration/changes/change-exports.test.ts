import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RevisionRecord, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { call, callError, recordedTradeList } from './change-fixture';

// Trade lists and comparisons through the changes service: the save dialog's stand-in, the files written,
// read back with papaparse and checked against the sandbox's own record of what it changed.

let app: TestApp;
let sandbox: Sandbox;
let dir: string;
let tracked: number;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'change-exports-'));
  sandbox = await startSandbox({ portfolios: 30, pageSize: 10, seed: 4 });
  tracked = 0;
  app = await startTestApp({
    trackExport: (work) => {
      tracked += 1;
      return work();
    },
  });
  await app.connect(sandbox);
});

afterEach(async () => {
  await app.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  const text = await readFile(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), {
    header: true,
    newline: '\r\n',
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** A CSV's trade-list rows in the sandbox record's shape (basis points, by ticker). */
function csvTradeList(rows: Array<Record<string, string>>) {
  const bp = (percent: string) => Math.round(Number(percent) * 100);
  const of = (label: string) =>
    rows
      .filter((r) => r.Change === label)
      .map((r) => ({
        ticker: r.Ticker!,
        oldBp: bp(r['Old weight (%)']!),
        newBp: bp(r['New weight (%)']!),
        action: r.Action!,
      }))
      .sort((a, b) => (a.ticker < b.ticker ? -1 : 1));
  return { added: of('added'), removed: of('removed'), reweighted: of('re-weighted') };
}

function withoutFacts(list: ReturnType<typeof recordedTradeList>) {
  return { added: list.added, removed: list.removed, reweighted: list.reweighted };
}

describe('trade-list and comparison CSV exports', () => {
  it('writes one portfolio’s trade list through the save dialog, tracked, equal to the sandbox’s record', async () => {
    const [record] = sandbox.revise({ ids: ['mp-000006'] }) as [RevisionRecord];
    await call(app, 'sync:now');
    app.saveTo.path = path.join(dir, 'one.csv');
    const outcome = await call(app, 'changes:exportTradeList', { id: record.id });
    expect(outcome).toMatchObject({ status: 'saved', fileName: 'one.csv' });
    expect(tracked).toBe(1);

    const rows = await readCsv(path.join(dir, 'one.csv'));
    const count = record.added.length + record.removed.length + record.reweighted.length;
    expect(outcome).toMatchObject({ rows: count });
    expect(rows).toHaveLength(count);
    expect(csvTradeList(rows)).toEqual(withoutFacts(recordedTradeList(record)));
    expect(new Set(rows.map((r) => r['Portfolio ID']))).toEqual(new Set([record.id]));
    expect(new Set(rows.map((r) => Date.parse(r['To version']!)))).toEqual(new Set([Date.parse(record.updatedAt)]));
    expect(new Set(rows.map((r) => Date.parse(r['From version']!)))).toEqual(
      new Set([Date.parse(record.previousUpdatedAt)]),
    );
    // Sells come first, as on screen.
    const actions = rows.map((r) => r.Action);
    expect(actions).toEqual([...actions].sort((a, b) => (a === b ? 0 : a === 'sell' ? -1 : 1)));
    // Like every export, "Show in folder" accepts the file.
    expect(await call(app, 'export:showInFolder', { path: path.join(dir, 'one.csv') })).toBe(true);
  });

  it('exports every portfolio changed since a time: the net trade list from the version current then', async () => {
    const early = sandbox.revise({ ids: ['mp-000001', 'mp-000002'] });
    const firstSync = await call(app, 'sync:now');
    const late = sandbox.revise({ ids: ['mp-000002', 'mp-000003'] });
    const secondSync = await call(app, 'sync:now');
    expect(Date.parse(secondSync.syncedAt)).toBeGreaterThan(Date.parse(firstSync.syncedAt));

    // Since a moment between the two syncs: only the second sync's revisions.
    app.saveTo.path = path.join(dir, 'late.csv');
    await call(app, 'changes:exportTradeList', { since: new Date(Date.parse(secondSync.syncedAt) - 1).toISOString() });
    const lateRows = await readCsv(path.join(dir, 'late.csv'));
    expect([...new Set(lateRows.map((r) => r['Portfolio ID']))].sort()).toEqual(['mp-000002', 'mp-000003']);
    for (const record of late)
      expect(csvTradeList(lateRows.filter((r) => r['Portfolio ID'] === record.id))).toEqual(
        withoutFacts(recordedTradeList(record)),
      );

    // Since before both: three portfolios; mp-000001 is its one revision, mp-000002 the two revisions netted.
    app.saveTo.path = path.join(dir, 'all.csv');
    await call(app, 'changes:exportTradeList', { since: new Date(Date.parse(firstSync.syncedAt) - 1).toISOString() });
    const allRows = await readCsv(path.join(dir, 'all.csv'));
    expect([...new Set(allRows.map((r) => r['Portfolio ID']))].sort()).toEqual(['mp-000001', 'mp-000002', 'mp-000003']);
    expect(csvTradeList(allRows.filter((r) => r['Portfolio ID'] === 'mp-000001'))).toEqual(
      withoutFacts(recordedTradeList(early[0]!)),
    );
    const span = await call(app, 'changes:portfolio', {
      id: 'mp-000002',
      from: (await call(app, 'changes:portfolio', { id: 'mp-000002' })).versions[2]!.revision,
    });
    expect(allRows.filter((r) => r['Portfolio ID'] === 'mp-000002').map((r) => r.Ticker)).toEqual(
      span.changes!.holdings.map((c) => c.ticker),
    );
    expect(tracked).toBe(2);

    // Nothing changed after the last sync: nothing to export, and no dialog was shown.
    expect(
      await callError(app, 'changes:exportTradeList', { since: new Date(Date.now() + 60_000).toISOString() }),
    ).toBe('NO_CHANGES');
    expect(tracked).toBe(2);
  });

  it('refuses a trade list where only one version is kept, and honours a cancelled dialog', async () => {
    expect(await callError(app, 'changes:exportTradeList', { id: 'mp-000004' })).toBe('NO_CHANGES');
    sandbox.revise({ ids: ['mp-000004'] });
    await call(app, 'sync:now');
    app.saveTo.path = null;
    expect(await call(app, 'changes:exportTradeList', { id: 'mp-000004' })).toEqual({ status: 'cancelled' });
    expect(tracked).toBe(0);
  });

  it('compares three portfolios and exports the comparison, one column per portfolio', async () => {
    const ids = ['mp-000001', 'mp-000010', 'mp-000020'];
    const comparison = await call(app, 'compare:portfolios', { ids });
    expect(comparison.portfolios.map((p) => p.id)).toEqual(ids);
    const weightSums = comparison.allocation.reduce(
      (sums, row) => sums.map((sum, i) => sum + row.weights[i]!),
      [0, 0, 0],
    );
    for (const [i, id] of ids.entries())
      expect(weightSums[i]).toBeCloseTo((await call(app, 'portfolios:get', { id })).weightSum, 9);

    app.saveTo.path = path.join(dir, 'compare.csv');
    expect(await call(app, 'compare:exportCsv', { ids })).toMatchObject({ status: 'saved', fileName: 'compare.csv' });
    const rows = await readCsv(path.join(dir, 'compare.csv'));
    const columns = Object.keys(rows[0]!);
    expect(columns.slice(0, 5)).toEqual(['Section', 'Item', 'Security name', 'Asset class', 'Held by']);
    expect(columns.slice(5)).toEqual(comparison.portfolios.map((p) => `${p.name} (${p.id})`));
    expect(rows.filter((r) => r.Section === 'Allocation').map((r) => r.Item)).toEqual(
      comparison.allocation.map((row) => row.assetClass),
    );
    expect(tracked).toBe(1);

    expect(await callError(app, 'compare:portfolios', { ids: ['mp-000001'] })).toBe('VALIDATION');
    expect(await callError(app, 'compare:portfolios', { ids: ['mp-000001', 'mp-000001'] })).toBe('VALIDATION');
    expect(await callError(app, 'compare:portfolios', { ids: ['mp-000001', 'nope'] })).toBe('NOT_FOUND');
  });
});
