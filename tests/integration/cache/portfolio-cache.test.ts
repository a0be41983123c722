import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheHeaderLayout, cacheHeaderLength, sealCache } from '../../../main/cache/cache-file-format';
import { cacheKeyAccount, readOrCreateCacheKey } from '../../../main/cache/cache-key';
import { PortfolioCache } from '../../../main/cache/portfolio-cache';
import { AppError } from '../../../common/result';
import { bundleCacheChild, childEnv } from './fixtures/bundle-child';
import { buildSnapshot } from './fixtures/snapshot-builder';
import { keychainAccounts, purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const { service, secrets } = uniqueKeychain();
let root: string;
let childScript: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'portfolio-cache-'));
  childScript = await bundleCacheChild(root);
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

/** A cache for a fresh profile in a fresh folder. */
async function freshCache(): Promise<{ cache: PortfolioCache; profileId: string; dir: string }> {
  const profileId = `profile-${randomUUID()}`;
  const dir = await mkdtemp(path.join(root, 'dir-'));
  return { cache: new PortfolioCache({ dir, profileId, secrets }), profileId, dir };
}

function small(profileId: string, variant = 'A') {
  return buildSnapshot({ profileId, variant, portfolios: 20, holdingsPerPortfolio: 10 });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function runChild(args: string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> {
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

describe('PortfolioCache on the real keychain and disk', () => {
  it('reads empty before the first write, without creating a key', async () => {
    const { cache, profileId } = await freshCache();
    await expect(cache.read()).resolves.toEqual({ status: 'empty' });
    expect(await keychainAccounts(service)).not.toContain(cacheKeyAccount(profileId));
  });

  it('round-trips a snapshot and keeps its key in the keychain only', async () => {
    const { cache, profileId } = await freshCache();
    const snapshot = small(profileId);
    await cache.write(snapshot);
    await expect(cache.read()).resolves.toEqual({ status: 'ok', snapshot });
    expect(await keychainAccounts(service)).toContain(cacheKeyAccount(profileId));
    expect((await stat(cache.path)).mode & 0o777).toBe(0o600);
  });

  it('uses a new IV for every write, even of the same snapshot', async () => {
    const { cache, profileId } = await freshCache();
    const snapshot = small(profileId);
    const ivs = new Set<string>();
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      await cache.write(snapshot);
      const file = await readFile(cache.path);
      ivs.add(file.subarray(cacheHeaderLayout.iv, cacheHeaderLayout.tag).toString('hex'));
      bodies.add(file.subarray(cacheHeaderLength).toString('hex'));
    }
    expect(ivs.size).toBe(5);
    expect(bodies.size).toBe(5);
  });

  it('writes none of the plaintext and not the key to the file', async () => {
    const { cache, profileId } = await freshCache();
    const snapshot = small(profileId);
    await cache.write(snapshot);
    const file = await readFile(cache.path);
    const key = await secrets.get(cacheKeyAccount(profileId));
    expect(key).not.toBeNull();
    for (const needle of [
      snapshot.portfolios[0]!.name,
      'Zephyr',
      'Global Income',
      'MSCI ACWI',
      'Security 1 of',
      profileId,
      '"portfolios"',
    ]) {
      expect(file.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
    }
    expect(file.includes(Buffer.from(key!, 'base64'))).toBe(false);
    expect(file.includes(Buffer.from(key!, 'utf8'))).toBe(false);
  });

  it('sets a cache whose key was lost aside, reports it, then reads empty and writes anew', async () => {
    const { cache, profileId, dir } = await freshCache();
    await cache.write(small(profileId));
    const before = await readFile(cache.path);
    expect(await secrets.delete(cacheKeyAccount(profileId))).toBe(true);
    const result = await cache.read();
    expect(result).toMatchObject({ status: 'set-aside', reason: 'key-missing' });
    if (result.status !== 'set-aside') return;
    expect(path.dirname(result.movedTo)).toBe(dir);
    expect(path.basename(result.movedTo)).toMatch(/\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(await readFile(result.movedTo)).toEqual(before);
    expect(await exists(cache.path)).toBe(false);
    await expect(cache.read()).resolves.toEqual({ status: 'empty' });
    const again = small(profileId, 'B');
    await cache.write(again);
    await expect(cache.read()).resolves.toEqual({ status: 'ok', snapshot: again });
  });

  const positions = [
    { where: 'magic', at: cacheHeaderLayout.magic, reason: 'parse-failed' },
    { where: 'format version', at: cacheHeaderLayout.formatVersion, reason: 'unsupported-version' },
    { where: 'first IV byte', at: cacheHeaderLayout.iv, reason: 'decrypt-failed' },
    { where: 'last IV byte', at: cacheHeaderLayout.tag - 1, reason: 'decrypt-failed' },
    { where: 'first tag byte', at: cacheHeaderLayout.tag, reason: 'decrypt-failed' },
    { where: 'last tag byte', at: cacheHeaderLength - 1, reason: 'decrypt-failed' },
    { where: 'first ciphertext byte', at: cacheHeaderLength, reason: 'decrypt-failed' },
    { where: 'middle of the ciphertext', at: 'middle', reason: 'decrypt-failed' },
    { where: 'last byte', at: 'last', reason: 'decrypt-failed' },
  ] as const;

  for (const { where, at, reason } of positions) {
    it(`sets aside a file with one flipped bit in the ${where} (${reason})`, async () => {
      const { cache, profileId } = await freshCache();
      await cache.write(small(profileId));
      const file = await readFile(cache.path);
      const index = at === 'middle' ? Math.floor(file.length / 2) : at === 'last' ? file.length - 1 : at;
      file[index]! ^= 0x01;
      await writeFile(cache.path, file);
      const result = await cache.read();
      expect(result).toMatchObject({ status: 'set-aside', reason });
      if (result.status === 'set-aside') expect(await readFile(result.movedTo)).toEqual(file);
      await expect(cache.read()).resolves.toEqual({ status: 'empty' });
    });
  }

  it('sets aside a file damaged at 50 random positions, one at a time, never throwing', async () => {
    const { cache, profileId } = await freshCache();
    await cache.write(small(profileId));
    const good = await readFile(cache.path);
    for (let i = 0; i < 50; i += 1) {
      const bad = Buffer.from(good);
      const index = Math.floor(Math.random() * bad.length);
      bad[index] = (bad[index]! + 1 + Math.floor(Math.random() * 255)) % 256;
      await writeFile(cache.path, bad);
      const result = await cache.read();
      expect(result.status, `byte ${index}`).toBe('set-aside');
    }
  });

  const truncations = [
    { what: 'an empty file', length: () => 0 },
    { what: 'a file cut inside the header', length: () => cacheHeaderLength - 1 },
    { what: 'a file holding only the header', length: () => cacheHeaderLength },
    { what: 'a file cut in half', length: (full: number) => Math.floor(full / 2) },
    { what: 'a file missing its last byte', length: (full: number) => full - 1 },
  ];

  for (const { what, length } of truncations) {
    it(`sets aside ${what}`, async () => {
      const { cache, profileId } = await freshCache();
      await cache.write(small(profileId));
      await truncate(cache.path, length((await stat(cache.path)).size));
      const result = await cache.read();
      expect(result.status).toBe('set-aside');
      await expect(cache.read()).resolves.toEqual({ status: 'empty' });
    });
  }

  it('sets aside garbage that is not a cache file', async () => {
    const { cache, profileId } = await freshCache();
    await cache.write(small(profileId));
    await writeFile(cache.path, 'not a cache at all, just some text\n'.repeat(100));
    await expect(cache.read()).resolves.toMatchObject({ status: 'set-aside', reason: 'parse-failed' });
  });

  it('refuses a file moved in from another profile even under the same key (profile id is authenticated)', async () => {
    const first = await freshCache();
    const otherId = `other-${randomUUID()}`;
    const second = new PortfolioCache({ dir: first.dir, profileId: otherId, secrets });
    await first.cache.write(small(first.profileId));
    const key = await secrets.get(cacheKeyAccount(first.profileId));
    await secrets.set(cacheKeyAccount(otherId), key!);
    await writeFile(second.path, await readFile(first.cache.path));
    await expect(second.read()).resolves.toMatchObject({ status: 'set-aside', reason: 'decrypt-failed' });
    await second.clear();
  });

  it('opens a version 1 file as the current version', async () => {
    const { cache, profileId, dir } = await freshCache();
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
        {
          id: 'p-2',
          name: 'Legacy Short',
          description: null,
          riskLevel: null,
          strategy: null,
          benchmark: null,
          currency: null,
          minimumInvestment: 1000,
          updatedAt: null,
          holdings: [{ ticker: 'CCC', name: 'Gamma', assetClass: null, weightPercent: 90 }],
        },
      ],
    };
    const key = await readOrCreateCacheKey(secrets, profileId);
    await mkdir(dir, { recursive: true });
    await writeFile(cache.path, Buffer.concat(sealCache(Buffer.from(JSON.stringify(v1)), key, profileId)));
    const result = await cache.read();
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.snapshot.schemaVersion).toBe(2);
    expect(result.snapshot.etag).toBe('W/"v1"');
    expect(result.snapshot.issues).toEqual([]);
    expect(result.snapshot.portfolios[0]).toMatchObject({
      weightSum: 1,
      weightsOk: true,
      holdings: [
        { ticker: 'AAA', weight: 0.6 },
        { ticker: 'BBB', weight: 0.4 },
      ],
    });
    expect(result.snapshot.portfolios[1]).toMatchObject({ weightsOk: false });
    expect(result.snapshot.portfolios[1]!.weightSum).toBeCloseTo(0.9, 12);
  });

  it('sets aside a payload from a newer schema version', async () => {
    const { cache, profileId } = await freshCache();
    await cache.write(small(profileId));
    const key = await readOrCreateCacheKey(secrets, profileId);
    const future = { ...small(profileId), schemaVersion: 99 };
    await writeFile(cache.path, Buffer.concat(sealCache(Buffer.from(JSON.stringify(future)), key, profileId)));
    await expect(cache.read()).resolves.toMatchObject({ status: 'set-aside', reason: 'unsupported-version' });
  });

  it('sets aside a payload that decrypts but fails the schema', async () => {
    const { cache, profileId } = await freshCache();
    const key = await readOrCreateCacheKey(secrets, profileId);
    const broken = { ...small(profileId), portfolios: [{ id: 1 }] };
    await writeFile(cache.path, Buffer.concat(sealCache(Buffer.from(JSON.stringify(broken)), key, profileId)));
    await expect(cache.read()).resolves.toMatchObject({ status: 'set-aside', reason: 'parse-failed' });
  });

  it('throws KEYCHAIN_UNAVAILABLE when the keychain does not answer, and leaves the file in place', async () => {
    const { cache, profileId, dir } = await freshCache();
    await cache.write(small(profileId));
    const before = await readFile(cache.path);
    const answer = await runChild(['read', dir, profileId, service], {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
    });
    expect(answer).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await readdir(dir)).toEqual([path.basename(cache.path)]);
    expect(await readFile(cache.path)).toEqual(before);
    await expect(cache.read()).resolves.toMatchObject({ status: 'ok' });
  });

  it('fails a write with CACHE_WRITE_FAILED when a folder is in the way, leaving it and no temp file', async () => {
    const { cache, profileId, dir } = await freshCache();
    await mkdir(cache.path);
    await writeFile(path.join(cache.path, 'keep.txt'), 'keep');
    const error = await cache.write(small(profileId)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CACHE_WRITE_FAILED');
    expect((error as AppError).message).not.toMatch(/\bat .*:\d+:\d+/);
    expect(await readdir(dir)).toEqual([path.basename(cache.path)]);
    expect(await readFile(path.join(cache.path, 'keep.txt'), 'utf8')).toBe('keep');
    await rm(cache.path, { recursive: true });
    await cache.clear();
  });

  it('clear() deletes the file, set-aside copies and the key', async () => {
    const { cache, profileId, dir } = await freshCache();
    await cache.write(small(profileId));
    await writeFile(cache.path, 'garbage');
    await cache.read();
    await cache.write(small(profileId, 'B'));
    expect((await readdir(dir)).length).toBe(2);
    await cache.clear();
    expect(await readdir(dir)).toEqual([]);
    expect(await keychainAccounts(service)).not.toContain(cacheKeyAccount(profileId));
    await expect(cache.read()).resolves.toEqual({ status: 'empty' });
  });

  it('serialises concurrent writes so the last one wins', async () => {
    const { cache, profileId } = await freshCache();
    const versions = ['A', 'B', 'C', 'D', 'E'].map((variant) => small(profileId, variant));
    await Promise.all(versions.map((snapshot) => cache.write(snapshot)));
    await expect(cache.read()).resolves.toEqual({ status: 'ok', snapshot: versions.at(-1) });
  });
});
