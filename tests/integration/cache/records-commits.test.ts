import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../../common/portfolio';
import { recordSummaryOf } from '../../../main/cache/records/portfolio-digest';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import { manifestFileName, segmentFileName } from '../../../main/cache/records/record-files';
import type { CommitFigures, PortfolioUpdate } from '../../../main/cache/records/record-types';
import { fetchedCommit, modelPortfolio, portfolioIds, syncTime } from './fixtures/model-portfolio';
import { folderDigests, inspectRecords } from './fixtures/records-inspect';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-commits-'));
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

async function fresh(options: Partial<ConstructorParameters<typeof PortfolioRecordCache>[0]> = {}) {
  const profileId = `profile-${randomUUID()}`;
  const dir = await mkdtemp(path.join(root, 'dir-'));
  const cache = new PortfolioRecordCache({ dir, profileId, secrets, ...options });
  return { cache, profileId, dir };
}

const ids = portfolioIds(400);
const kept = (id: string): PortfolioUpdate => ({ kind: 'kept', id });

/** What changed on disk between two digests of a folder. */
function diff(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((name) => !before.has(name)),
    removed: [...before.keys()].filter((name) => !after.has(name)),
    changed: [...after.keys()].filter((name) => before.has(name) && before.get(name) !== after.get(name)),
  };
}

describe('PortfolioRecordCache commits', () => {
  it('writes only the changed portfolios when 1 % of them changed', async () => {
    const { cache } = await fresh();
    const first = await cache.commit(
      fetchedCommit(
        ids.map((id) => modelPortfolio(id)),
        syncTime(0),
      ),
    );
    const before = await folderDigests(cache.folder);
    const changedIds = [ids[10]!, ids[150]!, ids[280]!, ids[399]!];
    const next = ids.map((id) => modelPortfolio(id, changedIds.includes(id) ? 1 : 0));
    for (const commit of [
      fetchedCommit(next, syncTime(60)),
      // The same sync as a conditional one hands it over: the unchanged confirmed by 304s.
      {
        ...fetchedCommit(next, syncTime(60)),
        portfolios: next.map((p): PortfolioUpdate =>
          changedIds.includes(p.id) ? { kind: 'fetched', portfolio: p } : kept(p.id),
        ),
      },
    ]) {
      const { cache: other } = await fresh();
      await other.commit(
        fetchedCommit(
          ids.map((id) => modelPortfolio(id)),
          syncTime(0),
        ),
      );
      const figures = await other.commit(commit);
      expect(figures).toMatchObject({
        detailRecordsWritten: 4,
        indexWrite: 'delta',
        updated: changedIds,
        changed: changedIds,
      });
      expect(figures.portfolioBytesWritten / first.portfolioBytesWritten).toBeLessThan(0.02);
    }

    const figures = await cache.commit(fetchedCommit(next, syncTime(60)));
    const after = await folderDigests(cache.folder);
    // On disk: the old segment untouched, one new segment of exactly the reported size, the manifest replaced.
    expect(diff(before, after)).toEqual({ added: [segmentFileName(2)], removed: [], changed: [manifestFileName] });
    expect((await stat(path.join(cache.folder, segmentFileName(2)))).size).toBe(figures.portfolioBytesWritten);
    expect((await stat(path.join(cache.folder, manifestFileName))).size).toBe(figures.manifestBytesWritten);
    expect(figures.bytesWritten).toBe(figures.portfolioBytesWritten + figures.manifestBytesWritten);
    for (const id of changedIds)
      await expect(cache.readDetail(id)).resolves.toMatchObject({ portfolio: modelPortfolio(id, 1) });
  });

  it('writes no portfolio data for an unchanged sync: only the manifest when the sync time moves, else nothing', async () => {
    const { cache } = await fresh();
    const portfolios = ids.map((id) => modelPortfolio(id));
    await cache.commit(fetchedCommit(portfolios, syncTime(0)));
    const before = await folderDigests(cache.folder);

    const fetchedAgain = await cache.commit(fetchedCommit(portfolios, syncTime(60)));
    expect(fetchedAgain).toMatchObject({
      portfolioBytesWritten: 0,
      detailRecordsWritten: 0,
      indexWrite: 'none',
      updated: [],
    });
    expect(fetchedAgain.bytesWritten).toBe(fetchedAgain.manifestBytesWritten);
    const afterFetched = await folderDigests(cache.folder);
    expect(diff(before, afterFetched)).toEqual({ added: [], removed: [], changed: [manifestFileName] });

    const keptAgain = await cache.commit({ ...fetchedCommit([], syncTime(120)), portfolios: ids.map(kept) });
    expect(keptAgain).toMatchObject({ portfolioBytesWritten: 0, detailRecordsWritten: 0, indexWrite: 'none' });
    const sameTime = await cache.commit({ ...fetchedCommit([], syncTime(120)), portfolios: ids.map(kept) });
    expect(sameTime.bytesWritten).toBe(0);
    const afterKept = await folderDigests(cache.folder);
    await cache.commit({ ...fetchedCommit(portfolios, syncTime(120)) });
    expect(await folderDigests(cache.folder)).toEqual(afterKept);
    expect(cache.listing()!.syncedAt).toBe(syncTime(120));
  });

  it('stores new validators without rewriting the portfolio', async () => {
    const { cache, profileId, dir } = await fresh();
    await cache.commit(
      fetchedCommit(
        ids.slice(0, 3).map((id) => modelPortfolio(id)),
        syncTime(0),
      ),
    );
    const validators = { etag: '"v2"', lastModified: 'Sat, 01 Mar 2025 12:00:00 GMT', bodyHash: null };
    const figures = await cache.commit({
      ...fetchedCommit([], syncTime(60)),
      portfolios: [{ kind: 'kept', id: ids[0]!, validators }, kept(ids[1]!), kept(ids[2]!)],
    });
    expect(figures).toMatchObject({ detailRecordsWritten: 0, indexWrite: 'delta' });
    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    expect((await reopened.validators()).details.get(ids[0]!)).toEqual(validators);
    await expect(reopened.readDetail(ids[0]!)).resolves.toMatchObject({ revision: 1 });
  });

  it('adds what the sync lists anew and removes what it no longer lists', async () => {
    const { cache, profileId, dir } = await fresh();
    await cache.commit(
      fetchedCommit(
        ids.slice(0, 5).map((id) => modelPortfolio(id)),
        syncTime(0),
      ),
    );
    const figures = await cache.commit(
      fetchedCommit(
        [...ids.slice(2, 5), 'new-1'].map((id) => modelPortfolio(id)),
        syncTime(60),
      ),
    );
    expect(figures).toMatchObject({ added: ['new-1'], removed: ids.slice(0, 2) });
    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    await reopened.open();
    expect(reopened.listing()!.portfolios.map((p) => p.id)).toEqual([...ids.slice(2, 5), 'new-1']);
    await expect(reopened.readDetail(ids[0]!)).resolves.toEqual({ status: 'missing' });
    await expect(reopened.history(ids[0]!)).resolves.toBeNull();
  });

  it('stays exact through 40 syncs that fold deltas into bases and empty sparse segments', async () => {
    const policy = { maxParts: 3, deltaShare: 0.25, minLiveShare: 0.5, maxSegments: 4 };
    const { cache, profileId, dir } = await fresh({ maxVersions: 2, layout: policy });
    const model = new Map<string, number>(ids.slice(0, 60).map((id) => [id, 0]));
    const history = new Map<string, number[]>();
    const changedAt = new Map<string, string>();
    const all: CommitFigures[] = [];
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    await cache.commit(
      fetchedCommit(
        [...model.keys()].map((id) => modelPortfolio(id)),
        syncTime(0),
      ),
    );
    for (let sync = 1; sync <= 40; sync += 1) {
      const revised = new Set(Array.from({ length: 6 }, () => [...model.keys()][random(model.size)]!));
      for (const id of revised) {
        history.set(id, [model.get(id)!, ...(history.get(id) ?? [])].slice(0, 2));
        model.set(id, model.get(id)! + 1);
        changedAt.set(id, syncTime(sync * 60));
      }
      if (sync % 5 === 0) {
        const gone = [...model.keys()][random(model.size)]!;
        model.delete(gone);
        history.delete(gone);
        changedAt.delete(gone);
        model.set(`late-${sync}`, 0);
      }
      const portfolios: Portfolio[] = [...model].map(([id, revision]) => modelPortfolio(id, revision));
      all.push(await cache.commit(fetchedCommit(portfolios, syncTime(sync * 60))));

      const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
      await reopened.open();
      expect(reopened.listing()!.portfolios).toEqual(
        portfolios.map((p) => recordSummaryOf(p, changedAt.get(p.id) ?? null)),
      );
      for (const portfolio of portfolios) {
        await expect(reopened.readDetail(portfolio.id)).resolves.toMatchObject({ status: 'ok', portfolio });
        const versions = (await reopened.readVersions(portfolio.id)).map(({ read }) => read);
        expect(versions).toEqual(
          (history.get(portfolio.id) ?? []).map((revision) =>
            expect.objectContaining({ status: 'ok', portfolio: modelPortfolio(portfolio.id, revision) }),
          ),
        );
      }
      const { manifest } = await inspectRecords(reopened.folder, profileId, secrets);
      expect((await readdir(reopened.folder)).sort()).toEqual(
        [manifestFileName, ...manifest.segments.map(({ segment }) => segmentFileName(segment))].sort(),
      );
      expect(manifest.segments.length).toBeLessThanOrEqual(policy.maxSegments);
      expect(manifest.parts.length).toBeLessThanOrEqual(policy.maxParts);
    }
    expect(all.filter((f) => f.indexWrite === 'base').length).toBeGreaterThan(3);
    expect(all.some((f) => f.relocatedRecords > 0)).toBe(true);
    expect(all.some((f) => f.segmentsDeleted > 0)).toBe(true);
  });
});
