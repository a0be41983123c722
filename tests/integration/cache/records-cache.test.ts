import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noValidators } from '../../../main/api/conditional-request';
import { cacheKeyAccount } from '../../../main/cache/cache-key';
import { PortfolioCache } from '../../../main/cache/portfolio-cache';
import { recordSummaryOf } from '../../../main/cache/records/portfolio-digest';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import { manifestFileName } from '../../../main/cache/records/record-files';
import { recordHeaderLength } from '../../../main/cache/records/record-seal';
import type { PageValidators, RecordCommit } from '../../../main/cache/records/record-types';
import { fetchedCommit, modelPortfolio, portfolioIds, syncTime } from './fixtures/model-portfolio';
import { fileOf, folderDigests, inspectRecords } from './fixtures/records-inspect';
import { buildSnapshot } from './fixtures/snapshot-builder';
import { keychainAccounts, purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-cache-'));
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

async function fresh(): Promise<{ cache: PortfolioRecordCache; profileId: string; dir: string }> {
  const profileId = `profile-${randomUUID()}`;
  const dir = await mkdtemp(path.join(root, 'dir-'));
  return { cache: new PortfolioRecordCache({ dir, profileId, secrets }), profileId, dir };
}

const ids = portfolioIds(200);
const portfolios = ids.map((id) => modelPortfolio(id));

function pagesOf(list: string[], size: number): PageValidators[] {
  const pages: PageValidators[] = [];
  for (let at = 0; at < list.length; at += size) {
    const page = at / size + 1;
    pages.push({
      url: `https://api.example/model-portfolios?page=${page}`,
      etag: `"page-${page}"`,
      lastModified: 'Sat, 01 Mar 2025 12:00:00 GMT',
      bodyHash: null,
      next: at + size < list.length ? `https://api.example/model-portfolios?page=${page + 1}` : null,
      portfolioIds: list.slice(at, at + size),
    });
  }
  return pages;
}

function fullCommit(): RecordCommit {
  return {
    syncedAt: syncTime(0),
    issues: [{ portfolioId: ids[3]!, message: 'Weights sum to 99.7 %.' }],
    pages: pagesOf(ids, 50),
    portfolios: portfolios.map((portfolio, i) => ({
      kind: 'fetched',
      portfolio,
      validators: { etag: `"d-${i}"`, lastModified: null, bodyHash: null },
    })),
  };
}

describe('PortfolioRecordCache on the real keychain and disk', () => {
  it('opens empty before the first commit, without creating a key or a folder', async () => {
    const { cache, profileId, dir } = await fresh();
    await expect(cache.open()).resolves.toEqual({ status: 'empty' });
    expect(await keychainAccounts(service)).not.toContain(cacheKeyAccount(profileId));
    expect(await readdir(dir)).toEqual([]);
    expect(cache.listing()).toEqual({ profileId, syncedAt: null, portfolios: [], issues: [] });
  });

  it('round-trips the list in order, every detail, the issues, pages and validators', async () => {
    const { cache, profileId, dir } = await fresh();
    const commit = fullCommit();
    const figures = await cache.commit(commit);
    expect(figures).toMatchObject({ detailRecordsWritten: 200, indexWrite: 'base', added: ids });

    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    const opened = await reopened.open();
    expect(opened).toEqual({
      status: 'ok',
      migrated: false,
      listing: {
        profileId,
        syncedAt: syncTime(0),
        issues: commit.issues,
        portfolios: portfolios.map((p) => recordSummaryOf(p, null)),
      },
    });
    for (const portfolio of portfolios) {
      await expect(reopened.readDetail(portfolio.id)).resolves.toEqual({
        status: 'ok',
        portfolio,
        revision: 1,
        storedAt: syncTime(0),
      });
    }
    await expect(reopened.readDetail('nobody')).resolves.toEqual({ status: 'missing' });
    const all = [];
    for await (const item of reopened.readDetails()) all.push(item);
    expect(all).toEqual(
      portfolios.map((portfolio) => ({ id: portfolio.id, read: expect.objectContaining({ portfolio }) })),
    );
    const some = [];
    for await (const item of reopened.readDetails([ids[9]!, 'nobody', ids[2]!])) some.push(item);
    expect(some).toEqual([
      { id: ids[9], read: expect.objectContaining({ status: 'ok', portfolio: portfolios[9] }) },
      { id: 'nobody', read: { status: 'missing' } },
      { id: ids[2], read: expect.objectContaining({ status: 'ok', portfolio: portfolios[2] }) },
    ]);
    const validators = await reopened.validators();
    expect(validators.pages).toEqual(commit.pages);
    expect(validators.details.get(ids[7]!)).toEqual({ etag: '"d-7"', lastModified: null, bodyHash: null });
    expect((await stat(cache.folder)).mode & 0o777).toBe(0o700);
    for (const name of await readdir(cache.folder))
      expect((await stat(path.join(cache.folder, name))).mode & 0o777, name).toBe(0o600);
  });

  it('opens the list from the summaries alone: with every detail record damaged it still opens', async () => {
    const { cache, profileId, dir } = await fresh();
    await cache.commit(fullCommit());
    const { books } = await inspectRecords(cache.folder, profileId, secrets);
    const damagedIds = ids.filter((_, i) => i % 2 === 0);
    const file = fileOf(cache.folder, books.get(ids[0]!)!.current);
    const bytes = await readFile(file);
    for (const id of damagedIds) bytes[books.get(id)!.current.offset + recordHeaderLength + 5]! ^= 0x01;
    await writeFile(file, bytes);

    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    const opened = await reopened.open();
    expect(opened.status).toBe('ok');
    if (opened.status !== 'ok') return;
    expect(opened.listing.portfolios.map((p) => p.id)).toEqual(ids);
    for (const id of ids) {
      const read = await reopened.readDetail(id);
      if (damagedIds.includes(id)) expect(read, id).toEqual({ status: 'damaged', reason: 'decrypt-failed' });
      else expect(read.status, id).toBe('ok');
    }
    const batch = [];
    for await (const { id, read } of reopened.readDetails()) batch.push([id, read.status]);
    expect(batch).toEqual(ids.map((id) => [id, damagedIds.includes(id) ? 'damaged' : 'ok']));
    // The next sync is told to fetch the damaged ones in full, and its commit rewrites them.
    const { details, pages } = await reopened.validators();
    expect(details.get(ids[0]!)).toEqual(noValidators);
    expect(details.get(ids[1]!)).toEqual({ etag: '"d-1"', lastModified: null, bodyHash: null });
    expect(pages.every((page) => page.etag === null)).toBe(true);
    const figures = await reopened.commit({ ...fullCommit(), syncedAt: syncTime(60) });
    expect(figures.detailRecordsWritten).toBe(damagedIds.length);
    expect(figures.changed).toEqual([]);
    for (const id of ids) expect((await reopened.readDetail(id)).status, id).toBe('ok');
  });

  it('opens the list without the bookkeeping: with it damaged, details say so and the next commit starts anew', async () => {
    const { cache, profileId, dir } = await fresh();
    await cache.commit(fullCommit());
    const { manifest } = await inspectRecords(cache.folder, profileId, secrets);
    const part = manifest.parts[0]!;
    const file = fileOf(cache.folder, part);
    const bytes = await readFile(file);
    bytes[part.books.offset + part.books.length - 1]! ^= 0x01;
    await writeFile(file, bytes);

    const reopened = new PortfolioRecordCache({ dir, profileId, secrets });
    expect((await reopened.open()).status).toBe('ok');
    expect(reopened.listing()!.portfolios).toHaveLength(200);
    await expect(reopened.readDetail(ids[0]!)).resolves.toEqual({ status: 'damaged', reason: 'index-damaged' });
    const figures = await reopened.commit(fullCommit());
    expect(figures).toMatchObject({ detailRecordsWritten: 200, indexWrite: 'base' });
    expect((await readdir(dir)).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
    await expect(reopened.readDetail(ids[0]!)).resolves.toMatchObject({ status: 'ok', portfolio: portfolios[0] });
  });

  it('writes no plaintext and not the key to the folder', async () => {
    const { cache, profileId } = await fresh();
    await cache.commit(fullCommit());
    const key = Buffer.from((await secrets.get(cacheKeyAccount(profileId)))!, 'base64');
    const needles = [portfolios[0]!.name, 'Zephyr', 'Ünïcødé', 'MSCI ACWI', 'Security 1 of', 'Z0Xp-0000', profileId];
    for (const name of await readdir(cache.folder)) {
      const file = await readFile(path.join(cache.folder, name));
      for (const needle of needles)
        expect(file.includes(Buffer.from(needle, 'utf8')), `${needle} in ${name}`).toBe(false);
      expect(file.includes(key)).toBe(false);
    }
  });

  it('clear() leaves nothing of the profile in the cache folder, and no key', async () => {
    const { cache, profileId, dir } = await fresh();
    const other = new PortfolioRecordCache({ dir, profileId: `other-${randomUUID()}`, secrets });
    await other.commit(fetchedCommit(portfolios.slice(0, 2), syncTime(0)));
    const otherFiles = await folderDigests(dir);
    // A set-aside copy, the live set with a leftover, and a single-file cache with its own set-aside copy.
    await cache.commit(fetchedCommit(portfolios.slice(0, 5), syncTime(0)));
    await writeFile(path.join(cache.folder, manifestFileName), 'damaged');
    await cache.open();
    await cache.commit(fetchedCommit(portfolios.slice(0, 5), syncTime(1)));
    await writeFile(path.join(cache.folder, 'seg-00000099.rec'), 'left by a crash');
    const legacy = new PortfolioCache({ dir, profileId, secrets });
    await legacy.write(buildSnapshot({ profileId, variant: 'A', portfolios: 2, holdingsPerPortfolio: 2 }));
    await writeFile(legacy.path, 'damaged');
    await legacy.read();
    await legacy.write(buildSnapshot({ profileId, variant: 'B', portfolios: 2, holdingsPerPortfolio: 2 }));
    expect((await readdir(dir)).length).toBeGreaterThanOrEqual(5);

    await cache.clear();
    expect(await folderDigests(dir)).toEqual(otherFiles);
    expect(await keychainAccounts(service)).not.toContain(cacheKeyAccount(profileId));
    await expect(cache.open()).resolves.toEqual({ status: 'empty' });
  });
});
