import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import { fetchedCommit, modelPortfolio, portfolioIds, syncTime } from './fixtures/model-portfolio';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-versions-'));
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

const ids = portfolioIds(20);

async function fresh(maxVersions?: number) {
  const profileId = `profile-${randomUUID()}`;
  const dir = await mkdtemp(path.join(root, 'dir-'));
  const open = () => new PortfolioRecordCache({ dir, profileId, secrets, ...(maxVersions ? { maxVersions } : {}) });
  return { cache: open(), reopen: open };
}

/** Revision `revision` of the first portfolio, the others unchanged. */
const set = (revision: number) => ids.map((id, i) => modelPortfolio(id, i === 0 ? revision : 0));

describe('versions kept in the records cache', () => {
  it('keeps nothing new for an unchanged sync, nor for a new description or updatedAt alone', async () => {
    const { cache } = await fresh();
    await cache.commit(fetchedCommit(set(0), syncTime(0)));
    await cache.commit(fetchedCommit(set(0), syncTime(60)));
    const reworded = set(0).map((p, i) =>
      i === 0 ? { ...p, description: 'Reworded', updatedAt: '2025-04-01T00:00:00.000Z' } : p,
    );
    const figures = await cache.commit(fetchedCommit(reworded, syncTime(120)));
    expect(figures).toMatchObject({ updated: [ids[0]], changed: [] });
    for (const id of ids) expect((await cache.history(id))!.versions, id).toEqual([]);
    await expect(cache.readDetail(ids[0]!)).resolves.toMatchObject({ portfolio: reworded[0] });
    expect(cache.listing()!.portfolios[0]!.lastChangedAt).toBeNull();
  });

  it('keeps the previous version when holdings or key facts change, with when it was superseded', async () => {
    const { cache, reopen } = await fresh();
    await cache.commit(fetchedCommit(set(0), syncTime(0)));
    const figures = await cache.commit(fetchedCommit(set(1), syncTime(60)));
    expect(figures.changed).toEqual([ids[0]]);
    const reopened = reopen();
    await reopened.open();
    expect(reopened.listing()!.portfolios[0]!.lastChangedAt).toBe(syncTime(60));
    await expect(reopened.history(ids[0]!)).resolves.toEqual({
      id: ids[0],
      current: { revision: 2, storedAt: syncTime(60), supersededAt: null },
      versions: [{ revision: 1, storedAt: syncTime(0), supersededAt: syncTime(60) }],
    });
    await expect(reopened.readVersion(ids[0]!, 1)).resolves.toEqual({
      status: 'ok',
      portfolio: modelPortfolio(ids[0]!, 0),
      revision: 1,
      storedAt: syncTime(0),
    });
    await expect(reopened.readVersion(ids[0]!, 2)).resolves.toMatchObject({ portfolio: modelPortfolio(ids[0]!, 1) });
    await expect(reopened.readVersion(ids[0]!, 99)).resolves.toEqual({ status: 'missing' });
    const renamed = set(1).map((p, i) => (i === 5 ? { ...p, name: 'Renamed model' } : p));
    expect((await reopened.commit(fetchedCommit(renamed, syncTime(120)))).changed).toEqual([ids[5]]);
  });

  it('keeps the newest 12 of 13 revisions (and every one readable after a reopen)', async () => {
    const { cache, reopen } = await fresh();
    await cache.commit(fetchedCommit(set(0), syncTime(0)));
    for (let revision = 1; revision <= 13; revision += 1) {
      const figures = await cache.commit(fetchedCommit(set(revision), syncTime(revision * 60)));
      expect(figures.changed).toEqual([ids[0]]);
    }
    const reopened = reopen();
    await reopened.open();
    const history = (await reopened.history(ids[0]!))!;
    expect(history.versions).toHaveLength(12);
    expect(history.versions.map((v) => v.supersededAt)).toEqual(
      Array.from({ length: 12 }, (_, i) => syncTime((13 - i) * 60)),
    );
    const read = await reopened.readVersions(ids[0]!);
    // Newest first: revision 12 of the content down to revision 1; revision 0 (the first sync's) is gone.
    expect(read.map(({ read: r }) => (r.status === 'ok' ? r.portfolio : r))).toEqual(
      Array.from({ length: 12 }, (_, i) => modelPortfolio(ids[0]!, 12 - i)),
    );
    await expect(reopened.readDetail(ids[0]!)).resolves.toMatchObject({ portfolio: modelPortfolio(ids[0]!, 13) });
    expect((await reopened.history(ids[1]!))!.versions).toEqual([]);
  });

  it('keeps as many versions as told', async () => {
    const { cache } = await fresh(3);
    await cache.commit(fetchedCommit(set(0), syncTime(0)));
    for (let revision = 1; revision <= 5; revision += 1)
      await cache.commit(fetchedCommit(set(revision), syncTime(revision * 60)));
    const read = await cache.readVersions(ids[0]!);
    expect(read.map(({ read: r }) => (r.status === 'ok' ? r.portfolio : r))).toEqual(
      [4, 3, 2].map((revision) => modelPortfolio(ids[0]!, revision)),
    );
  });
});
