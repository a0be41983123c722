import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/clock';
import { storedSync } from '../../../main/portfolios/loaded-data';
import { runSync, type StoredSync } from '../../../main/sync/sync-run';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

// Details asked conditionally: a 304 for a portfolio whose list page was a 304 too needs nothing read from the
// cache (its record stands); a 304 under a fresh list item reads the stored holdings to merge them, and only then.

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
  const stored = (await storedSync(cache))!;
  const reads: string[] = [];
  const counting: StoredSync = { ...stored, read: (id) => (reads.push(id), stored.read(id)) };
  const sync = () =>
    runSync({
      api: app!.services.profiles.apiClient(profile),
      profileId: profile.id,
      clock: systemClock,
      stored: counting,
      signal: new AbortController().signal,
    });
  return { sandbox, reads, sync };
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

  it('reads the stored holdings only for the unchanged details listed on a changed page', async () => {
    const { sandbox, reads, sync } = await connected();
    const listing = await app!.services.portfolios.list();
    const revised = listing.portfolios[4]!.id;
    const before = await app!.services.portfolios.get(listing.portfolios[5]!.id);
    sandbox.revise({ ids: [revised] });
    sandbox.counters.reset();
    const { commit } = await sync();
    // One page changed (10 items): 9 details answered 304 and were merged from the cache, the revised one refetched.
    expect(sandbox.counters.notModified).toMatchObject({ list: 2, detail: 29 });
    expect([...reads].sort()).toEqual(
      listing.portfolios
        .slice(0, 10)
        .flatMap((p) => (p.id === revised ? [] : [p.id]))
        .sort(),
    );
    const merged = commit.portfolios.find((entry) => entry.kind === 'fetched' && entry.portfolio.id === before.id);
    expect(merged).toMatchObject({ kind: 'fetched', portfolio: { holdings: before.holdings } });
  });
});
