import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKeyAccount } from '../../../main/cache/cache-key';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import { manifestFileName } from '../../../main/cache/records/record-files';
import { childEnv } from './fixtures/bundle-child';
import { bundleRecordsChild } from './fixtures/bundle-records-child';
import { fetchedCommit, modelPortfolio, portfolioIds, syncTime } from './fixtures/model-portfolio';
import { folderDigests } from './fixtures/records-inspect';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;
let childScript: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-damage-'));
  childScript = await bundleRecordsChild(root);
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

function runChild(args: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(JSON.parse(out) as Record<string, unknown>));
  });
}

async function fresh(): Promise<{ cache: PortfolioRecordCache; profileId: string; dir: string }> {
  const profileId = `profile-${randomUUID()}`;
  const dir = await mkdtemp(path.join(root, 'dir-'));
  return { cache: new PortfolioRecordCache({ dir, profileId, secrets }), profileId, dir };
}

const ids = portfolioIds(10);
const portfolios = ids.map((id) => modelPortfolio(id));

describe('PortfolioRecordCache with a damaged set, a lost key or no keychain', () => {
  it('sets a damaged manifest aside, reports why, then opens empty and commits anew', async () => {
    const cases = [
      { at: 0, reason: 'parse-failed' },
      { at: 5, reason: 'unsupported-version' },
      { at: 10, reason: 'decrypt-failed' },
      { at: -1, reason: 'decrypt-failed' },
    ] as const;
    for (const { at, reason } of cases) {
      const { cache, dir } = await fresh();
      await cache.commit(fetchedCommit(portfolios.slice(0, 5), syncTime(0)));
      const manifestPath = path.join(cache.folder, manifestFileName);
      const bytes = await readFile(manifestPath);
      bytes[at < 0 ? bytes.length + at : at]! ^= 0x01;
      await writeFile(manifestPath, bytes);
      const before = await folderDigests(cache.folder);
      const result = await cache.open();
      expect(result, `byte ${at}`).toMatchObject({ status: 'set-aside', reason });
      if (result.status !== 'set-aside') return;
      expect(path.basename(result.movedTo)).toMatch(/\.records\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
      expect(await folderDigests(result.movedTo)).toEqual(before);
      await expect(cache.open()).resolves.toEqual({ status: 'empty' });
      await cache.commit(fetchedCommit(portfolios.slice(0, 3), syncTime(1)));
      expect((await cache.open()).status).toBe('ok');
      expect(cache.listing()!.portfolios).toHaveLength(3);
      expect((await readdir(dir)).length).toBe(2);
    }
  });

  it('sets a set whose key was lost aside, and writes the next one under a new key', async () => {
    const { cache, profileId } = await fresh();
    await cache.commit(fetchedCommit(portfolios.slice(0, 5), syncTime(0)));
    const oldKey = await secrets.get(cacheKeyAccount(profileId));
    expect(await secrets.delete(cacheKeyAccount(profileId))).toBe(true);
    await expect(cache.open()).resolves.toMatchObject({ status: 'set-aside', reason: 'key-missing' });
    await cache.commit(fetchedCommit(portfolios.slice(0, 5), syncTime(1)));
    const newKey = await secrets.get(cacheKeyAccount(profileId));
    expect(newKey).not.toBeNull();
    expect(newKey).not.toBe(oldKey);
    await expect(cache.readDetail(ids[0]!)).resolves.toMatchObject({ status: 'ok' });
  });

  it('throws KEYCHAIN_UNAVAILABLE when the keychain does not answer, and leaves the set in place', async () => {
    const { cache, profileId, dir } = await fresh();
    await cache.commit(fetchedCommit(portfolios.slice(0, 5), syncTime(0)));
    const before = await folderDigests(dir);
    const answer = await runChild(['open', dir, profileId, service], {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
    });
    expect(answer).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await folderDigests(dir)).toEqual(before);
    await expect(runChild(['open', dir, profileId, service], {})).resolves.toEqual({ status: 'ok' });
  });
});
