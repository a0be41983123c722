import { setMaxListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncIssue } from '../../../common/cache-snapshot';
import type { SyncProgress } from '../../../common/connection-state';
import { canonicalPortfolio } from '../../../main/cache/records/portfolio-digest';
import type { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import type { PortfolioUpdate } from '../../../main/cache/records/record-types';
import { systemClock } from '../../../main/clock';
import { storedSync } from '../../../main/portfolios/loaded-data';
import { runSync, type StoredSync, type SyncRunDeps } from '../../../main/sync/sync-run';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

// Details asked conditionally: a 304 for a portfolio whose list page was a 304 too, or whose fresh list item is the
// one its record was merged with, needs nothing read from the cache (its record stands); a 304 under a list item
// that differs reads the stored holdings to merge them, and only then.

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close();
  app = null;
  sandbox = null;
});

async function connected() {
  sandbox = await startSandbox({ portfolios: 30, pageSize: 10, listHoldings: false, seed: 3 });
  app = await startTestApp();
  await app.connect(sandbox);
  const profile = (await app.services.profiles.active())!;
  const cache = app.services.portfolios.cacheFor(profile.id);
  expect((await cache.open()).status).toBe('ok');
  const reads: string[] = [];
  const run = (
    stored: StoredSync | null,
    onProgress?: (progress: SyncProgress) => void,
    more: Partial<SyncRunDeps> = {},
  ) =>
    runSync({
      api: app!.services.profiles.apiClient(profile),
      profileId: profile.id,
      clock: systemClock,
      stored,
      signal: new AbortController().signal,
      onProgress,
      ...more,
    });
  // Each sync asks with what the cache holds now, counting the stored details it reads.
  const sync = async (onProgress?: (progress: SyncProgress) => void, more?: Partial<SyncRunDeps>) => {
    const stored = (await storedSync(cache))!;
    return run({ ...stored, read: (id) => (reads.push(id), stored.read(id)) }, onProgress, more);
  };
  const ids = (await app.services.portfolios.list()).portfolios.map((p) => p.id);
  return { sandbox, cache, reads, sync, fullSync: () => run(null), firstPage: ids.slice(0, 10) };
}

const idOf = (entry: PortfolioUpdate) => (entry.kind === 'kept' ? entry.id : entry.portfolio.id);
const noteKeys = (issues: readonly SyncIssue[]) => issues.map((i) => `${i.portfolioId}: ${i.message}`).sort();

/** Every record and note of the cache is what a first sync from scratch would store now. */
async function expectSameAsFullSync(cache: PortfolioRecordCache, fullSync: () => ReturnType<typeof runSync>) {
  const { commit } = await fullSync();
  for (const entry of commit.portfolios) {
    if (entry.kind !== 'fetched') throw new Error('a first sync fetches everything');
    const read = await cache.readDetail(entry.portfolio.id);
    expect(read.status === 'ok' && read.portfolio).toEqual(canonicalPortfolio(entry.portfolio));
  }
  expect(noteKeys(cache.listing()!.issues)).toEqual(noteKeys(commit.issues));
}

describe('a sync of details answered 304', () => {
  it('keeps every record of an unchanged catalogue without reading any stored detail', async () => {
    const { sandbox, reads, sync } = await connected();
    sandbox.counters.reset();
    const { commit, notModified } = await sync();
    expect(sandbox.counters.notModified).toMatchObject({ list: 3, detail: 30 });
    expect(notModified).toBe(33);
    expect(commit.portfolios).toHaveLength(30);
    expect(commit.portfolios.every((entry) => entry.kind === 'kept' && entry.validators?.etag)).toBe(true);
    expect(reads).toEqual([]);
  });

  it('asks 16 details at once, each listening to the run’s signal, without a listener-leak warning', async () => {
    const { sandbox, sync } = await connected();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    // A signal with Node's default limit of 10 listeners (the test runner lifts it).
    const { signal } = new AbortController();
    setMaxListeners(10, signal);
    try {
      sandbox.counters.reset();
      await sync(undefined, { signal, detailConcurrency: 16 });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(sandbox.counters.notModified.detail).toBe(30);
    expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });

  it('keeps, unread, the unchanged items of a changed page, and stores what a full sync would', async () => {
    const { sandbox, cache, reads, sync, fullSync, firstPage } = await connected();
    const revised = firstPage[5]!;
    sandbox.revise({ ids: [revised] });
    sandbox.counters.reset();
    const { commit } = await sync();
    // One page changed (10 items): its 9 unchanged items and their 304 details keep their records as stored.
    expect(sandbox.counters.notModified).toMatchObject({ list: 2, detail: 29 });
    expect(reads).toEqual([]);
    const onPage = commit.portfolios.filter((entry) => firstPage.includes(idOf(entry)));
    expect(onPage.filter((entry) => entry.kind === 'fetched').map(idOf)).toEqual([revised]);
    expect(onPage.every((entry) => entry.kind === 'fetched' || entry.validators?.etag)).toBe(true);

    const figures = await cache.commit(commit);
    expect(figures).toMatchObject({ detailRecordsWritten: 1, updated: [revised], changed: [revised], added: [] });
    expect((await cache.history(revised))!.versions).toHaveLength(1);
    for (const id of firstPage.filter((id) => id !== revised))
      expect((await cache.history(id))!.versions).toHaveLength(0);
    // The kept items keep their notes (mp-000003's weights of 99.7 % among them) once each, as a full sync gives.
    expect(cache.listing()!.issues.filter((issue) => issue.portfolioId === 'mp-000003')).toHaveLength(1);
    await expectSameAsFullSync(cache, fullSync);
  });

  it('merges the stored holdings into a list item that differs from the one its record was merged with', async () => {
    const { sandbox, cache, reads, sync, fullSync, firstPage } = await connected();
    const id = firstPage[5]!;
    // Revised between the list pass (all pages 304) and the detail pass: the record gets the new detail under the
    // old list item, so next time the list item differs while the detail answers 304.
    let revisedAt: string | null = null;
    const raced = await sync((progress) => {
      if (progress.pages === 3 && revisedAt === null) revisedAt = sandbox.revise({ ids: [id] })[0]!.updatedAt;
    });
    expect(revisedAt).not.toBeNull();
    expect(raced.commit.portfolios.find((entry) => idOf(entry) === id)?.kind).toBe('fetched');
    await cache.commit(raced.commit);
    const stored = await cache.readDetail(id);
    if (stored.status !== 'ok') throw new Error('the raced record was not stored');

    reads.length = 0;
    sandbox.counters.reset();
    const { commit } = await sync();
    expect(sandbox.counters.notModified).toMatchObject({ list: 2, detail: 30 });
    expect(reads).toEqual([id]);
    const merged = commit.portfolios.find((entry) => idOf(entry) === id);
    expect(merged).toMatchObject({
      kind: 'fetched',
      listHash: expect.any(String),
      portfolio: { updatedAt: new Date(revisedAt!).toISOString(), holdings: stored.portfolio.holdings },
    });
    await cache.commit(commit);
    expect((await cache.validators()).listHashes.get(id)).toBe(merged?.kind === 'fetched' && merged.listHash);

    // Its list item is now the one stored: with its page changed by another revision, it is kept unread.
    sandbox.revise({ ids: [firstPage[0]!] });
    reads.length = 0;
    const next = await sync();
    expect(reads).toEqual([]);
    expect(next.commit.portfolios.find((entry) => idOf(entry) === id)?.kind).toBe('kept');
    await cache.commit(next.commit);
    expect((await cache.history(id))!.versions).toHaveLength(1);
    await expectSameAsFullSync(cache, fullSync);
  });
});
