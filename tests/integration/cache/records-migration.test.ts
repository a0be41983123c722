import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { sealCache } from '../../../main/cache/cache-file-format';
import { cacheKeyAccount, readOrCreateCacheKey } from '../../../main/cache/cache-key';
import { PortfolioCache } from '../../../main/cache/portfolio-cache';
import { recordSummaryOf } from '../../../main/cache/records/portfolio-digest';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import { makeReadOnly } from './fixtures/read-only-folder';
import { buildSnapshot } from './fixtures/snapshot-builder';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-migration-'));
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

async function fresh() {
  const profileId = `profile-${randomUUID()}`;
  const dir = await mkdtemp(path.join(root, 'dir-'));
  return {
    profileId,
    dir,
    legacy: new PortfolioCache({ dir, profileId, secrets }),
    records: () => new PortfolioRecordCache({ dir, profileId, secrets }),
  };
}

describe("migration from today's single-file cache", () => {
  it('keeps every portfolio, the issues and the sync time, then removes the old file', async () => {
    const { profileId, dir, legacy, records } = await fresh();
    const snapshot = buildSnapshot({ profileId, variant: 'A', portfolios: 600, holdingsPerPortfolio: 50 });
    await legacy.write(snapshot);
    const key = await secrets.get(cacheKeyAccount(profileId));

    const cache = records();
    const opened = await cache.open();
    expect(opened).toEqual({
      status: 'ok',
      migrated: true,
      listing: {
        profileId,
        syncedAt: snapshot.syncedAt,
        issues: snapshot.issues,
        portfolios: snapshot.portfolios.map((p) => recordSummaryOf(p, null)),
      },
    });
    expect(await readdir(dir)).toEqual([path.basename(cache.folder)]);
    expect(await secrets.get(cacheKeyAccount(profileId))).toBe(key);

    const reopened = records();
    await expect(reopened.open()).resolves.toMatchObject({ status: 'ok', migrated: false });
    for (const portfolio of snapshot.portfolios) {
      await expect(reopened.readDetail(portfolio.id)).resolves.toMatchObject({ status: 'ok', portfolio });
      expect((await reopened.history(portfolio.id))!.versions).toEqual([]);
    }
  });

  it('migrates a version 1 payload, weights turned into fractions', async () => {
    const { profileId, legacy, records } = await fresh();
    const v1 = {
      schemaVersion: 1,
      profileId,
      syncedAt: '2024-11-02T09:30:00.000Z',
      etag: 'W/"v1"',
      portfolios: [
        {
          id: 'p-1',
          name: 'Legacy Balanced',
          description: null,
          riskLevel: 'Moderate',
          strategy: null,
          benchmark: null,
          currency: 'EUR',
          minimumInvestment: null,
          updatedAt: null,
          holdings: [
            { ticker: 'AAA', name: 'Alpha', assetClass: 'Equity', weightPercent: 60 },
            { ticker: 'BBB', name: 'Beta', assetClass: null, weightPercent: 40 },
          ],
        },
      ],
    };
    const key = await readOrCreateCacheKey(secrets, profileId);
    await writeFile(legacy.path, Buffer.concat(sealCache(Buffer.from(JSON.stringify(v1)), key, profileId)));
    const cache = records();
    await expect(cache.open()).resolves.toMatchObject({ status: 'ok', migrated: true });
    await expect(cache.readDetail('p-1')).resolves.toMatchObject({
      status: 'ok',
      portfolio: { weightSum: 1, weightsOk: true, holdings: [{ weight: 0.6 }, { weight: 0.4 }] },
    });
  });

  it('sets a damaged single file aside as before and opens empty', async () => {
    const { profileId, dir, legacy, records } = await fresh();
    await legacy.write(buildSnapshot({ profileId, variant: 'A', portfolios: 3, holdingsPerPortfolio: 3 }));
    const bytes = await readFile(legacy.path);
    bytes[bytes.length - 1]! ^= 0x01;
    await writeFile(legacy.path, bytes);
    const cache = records();
    const opened = await cache.open();
    expect(opened).toMatchObject({ status: 'set-aside', reason: 'decrypt-failed' });
    expect((await readdir(dir)).map((name) => name.replace(/corrupt-.*/, 'corrupt-'))).toEqual([
      `${path.basename(legacy.path)}.corrupt-`,
    ]);
    await expect(records().open()).resolves.toEqual({ status: 'empty' });
  });

  it('removes a single file a crash left behind after its records were written', async () => {
    const { profileId, dir, legacy, records } = await fresh();
    const snapshot = buildSnapshot({ profileId, variant: 'A', portfolios: 5, holdingsPerPortfolio: 3 });
    await legacy.write(snapshot);
    const bytes = await readFile(legacy.path);
    await records().open();
    await writeFile(legacy.path, bytes);
    await expect(records().open()).resolves.toMatchObject({ status: 'ok', migrated: false });
    expect(await readdir(dir)).toEqual([path.basename(records().folder)]);
  });

  it('keeps the single file when the records cannot be written, and says so', async () => {
    const { profileId, legacy, records } = await fresh();
    await legacy.write(buildSnapshot({ profileId, variant: 'A', portfolios: 5, holdingsPerPortfolio: 3 }));
    const before = await readFile(legacy.path);
    // A records folder that refuses new files: the migration's first commit cannot write.
    await mkdir(records().folder);
    const undo = await makeReadOnly(records().folder);
    const error = await records()
      .open()
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CACHE_WRITE_FAILED');
    expect(await readFile(legacy.path)).toEqual(before);
    await undo();
    await expect(records().open()).resolves.toMatchObject({ status: 'ok', migrated: true });
  });
});
