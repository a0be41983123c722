import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKeyAccount } from '../../../main/cache/cache-key';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import type { StoredRevision } from '../../../main/cache/records/record-types';
import { fetchedCommit, modelPortfolio, portfolioIds, syncTime } from './fixtures/model-portfolio';
import { fileOf, inspectRecords, recordBytes } from './fixtures/records-inspect';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-auth-'));
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

const ids = portfolioIds(10);

async function stored(dir: string, profileId: string): Promise<PortfolioRecordCache> {
  const cache = new PortfolioRecordCache({ dir, profileId, secrets });
  await cache.commit(
    fetchedCommit(
      ids.map((id) => modelPortfolio(id)),
      syncTime(0),
    ),
  );
  return cache;
}

/** Writes `bytes` over the record at `target` (same length), in its segment file. */
async function overwrite(folder: string, target: StoredRevision, bytes: Buffer): Promise<void> {
  expect(bytes.length).toBe(target.length);
  const file = await readFile(fileOf(folder, target));
  bytes.copy(file, target.offset);
  await writeFile(fileOf(folder, target), file);
}

describe('records are bound to their portfolio, revision and profile', () => {
  it('fails authentication for two portfolios whose records were swapped, and opens the rest', async () => {
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const profileId = `swap-${randomUUID()}`;
    const cache = await stored(dir, profileId);
    const { books } = await inspectRecords(cache.folder, profileId, secrets);
    const a = books.get(ids[1]!)!.current;
    const b = books.get(ids[2]!)!.current;
    const [bytesA, bytesB] = [await recordBytes(cache.folder, a), await recordBytes(cache.folder, b)];
    await overwrite(cache.folder, a, bytesB);
    await overwrite(cache.folder, b, bytesA);

    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    expect((await reopened.open()).status).toBe('ok');
    await expect(reopened.readDetail(ids[1]!)).resolves.toEqual({ status: 'damaged', reason: 'decrypt-failed' });
    await expect(reopened.readDetail(ids[2]!)).resolves.toEqual({ status: 'damaged', reason: 'decrypt-failed' });
    await expect(reopened.readDetail(ids[3]!)).resolves.toMatchObject({ status: 'ok' });
  });

  it("fails authentication for a portfolio's current record swapped with its kept version", async () => {
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const profileId = `versions-${randomUUID()}`;
    const cache = await stored(dir, profileId);
    // A change of key fact that keeps the record's length: 'Moderate' → 'Cautious'.
    const revised = ids.map((id) => ({ ...modelPortfolio(id), riskLevel: 'Cautious' }));
    await cache.commit(fetchedCommit(revised, syncTime(60)));
    const { books } = await inspectRecords(cache.folder, profileId, secrets);
    const entry = books.get(ids[4]!)!;
    const [current, kept] = [entry.current, entry.versions[0]!];
    expect(current.length).toBe(kept.length);
    const [bytesCurrent, bytesKept] = [await recordBytes(cache.folder, current), await recordBytes(cache.folder, kept)];
    await overwrite(cache.folder, current, bytesKept);
    await overwrite(cache.folder, kept, bytesCurrent);

    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    await reopened.open();
    await expect(reopened.readDetail(ids[4]!)).resolves.toEqual({ status: 'damaged', reason: 'decrypt-failed' });
    await expect(reopened.readVersion(ids[4]!, kept.revision)).resolves.toEqual({
      status: 'damaged',
      reason: 'decrypt-failed',
    });
    await expect(reopened.readVersion(ids[5]!, kept.revision)).resolves.toMatchObject({ status: 'ok' });
  });

  it("fails authentication for another profile's records, even under the same key", async () => {
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const [one, two] = [`one-${randomUUID()}`, `two-${randomUUID()}`];
    const first = await stored(dir, one);
    // The second profile is given the first one's key, so only the binding to the profile tells them apart.
    await secrets.set(cacheKeyAccount(two), (await secrets.get(cacheKeyAccount(one)))!);
    const second = await stored(dir, two);
    const inOne = await inspectRecords(first.folder, one, secrets);
    const inTwo = await inspectRecords(second.folder, two, secrets);
    const target = inTwo.books.get(ids[6]!)!.current;
    await overwrite(second.folder, target, await recordBytes(first.folder, inOne.books.get(ids[6]!)!.current));

    const reopened = new PortfolioRecordCache({ dir, profileId: two, secrets });
    await reopened.open();
    await expect(reopened.readDetail(ids[6]!)).resolves.toEqual({ status: 'damaged', reason: 'decrypt-failed' });
    await expect(reopened.readDetail(ids[7]!)).resolves.toMatchObject({ status: 'ok' });

    // The whole set copied over: the manifest no longer opens, so the set is set aside, never shown.
    for (const name of await readdir(second.folder)) await rm(path.join(second.folder, name));
    for (const name of await readdir(first.folder))
      await copyFile(path.join(first.folder, name), path.join(second.folder, name));
    const copied = new PortfolioRecordCache({ dir, profileId: two, secrets });
    await expect(copied.open()).resolves.toMatchObject({ status: 'set-aside', reason: 'decrypt-failed' });
  });
});
