import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheSnapshot } from '../../../common/cache-snapshot';
import { AppError } from '../../../common/result';
import { cacheKeyAccount } from '../../../main/cache/cache-key';
import { PortfolioCache } from '../../../main/cache/portfolio-cache';
import type { SecretStore } from '../../../main/keychain/secret-store';

/** An in-memory SecretStore; `down` makes every call fail as an unanswering keychain would. */
class MemorySecrets implements SecretStore {
  down = false;
  /** Milliseconds every get() waits, as a slow keychain would. */
  delay = 0;
  constructor(readonly entries = new Map<string, string>()) {}
  private check(): void {
    if (this.down) throw new AppError('KEYCHAIN_UNAVAILABLE');
  }
  async get(account: string) {
    this.check();
    if (this.delay > 0) await new Promise((resolve) => setTimeout(resolve, this.delay));
    return this.entries.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.check();
    this.entries.set(account, secret);
  }
  async delete(account: string) {
    this.check();
    return this.entries.delete(account);
  }
  async accounts(prefix: string) {
    this.check();
    return [...this.entries.keys()].filter((account) => account.startsWith(prefix));
  }
  async probe() {
    return this.down ? { available: false as const, reason: 'down' } : { available: true as const };
  }
}

function snapshot(profileId: string, weight = 0.5): CacheSnapshot {
  return {
    schemaVersion: 2,
    profileId,
    syncedAt: '2025-01-02T03:04:05.000Z',
    etag: null,
    portfolios: [
      {
        id: 'p1',
        name: 'Core',
        description: null,
        riskLevel: null,
        strategy: null,
        benchmark: null,
        currency: 'USD',
        minimumInvestment: null,
        updatedAt: null,
        holdings: [
          { ticker: 'A', name: 'Alpha', assetClass: null, weight },
          { ticker: 'B', name: 'Beta', assetClass: null, weight: 0.5 },
        ],
        weightSum: weight + 0.5,
        weightsOk: true,
      },
    ],
    issues: [],
  };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cache-unit-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function setup(profileId = 'profile-1') {
  const secrets = new MemorySecrets();
  const dir = await mkdtemp(path.join(root, 'dir-'));
  const cache = new PortfolioCache({ dir, profileId, secrets, now: () => new Date('2025-06-07T08:09:10.123Z') });
  return { secrets, dir, cache };
}

describe('PortfolioCache (in-memory keychain)', () => {
  it('stores a 32-byte base64 key under cache-key:<profileId> on first write', async () => {
    const { secrets, cache } = await setup();
    await cache.write(snapshot('profile-1'));
    const key = secrets.entries.get(cacheKeyAccount('profile-1'));
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(cacheKeyAccount('profile-1')).toBe('cache-key:profile-1');
  });

  it('throws KEYCHAIN_UNAVAILABLE on read and leaves the file where it is', async () => {
    const { secrets, dir, cache } = await setup();
    await cache.write(snapshot('profile-1'));
    const before = await readFile(cache.path);
    secrets.down = true;
    await expect(cache.read()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await readdir(dir)).toEqual([path.basename(cache.path)]);
    expect(await readFile(cache.path)).toEqual(before);
    secrets.down = false;
    await expect(cache.read()).resolves.toMatchObject({ status: 'ok' });
  });

  it('throws KEYCHAIN_UNAVAILABLE on write before touching the disk', async () => {
    const { secrets, dir, cache } = await setup();
    secrets.down = true;
    await expect(cache.write(snapshot('profile-1'))).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('names the set-aside copy after the clock', async () => {
    const { secrets, cache } = await setup();
    await cache.write(snapshot('profile-1'));
    secrets.entries.clear();
    const result = await cache.read();
    expect(result).toEqual({
      status: 'set-aside',
      reason: 'key-missing',
      movedTo: `${cache.path}.corrupt-2025-06-07T08-09-10-123Z`,
    });
  });

  it('does not overwrite an earlier set-aside copy from the same instant', async () => {
    const { secrets, cache } = await setup();
    const moved: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await cache.write(snapshot('profile-1'));
      secrets.entries.clear();
      const result = await cache.read();
      if (result.status === 'set-aside') moved.push(result.movedTo);
    }
    expect(new Set(moved).size).toBe(3);
  });

  it('refuses to write a snapshot of another profile', async () => {
    const { cache } = await setup();
    await expect(cache.write(snapshot('someone-else'))).rejects.toMatchObject({ code: 'CACHE_WRITE_FAILED' });
  });

  it('refuses to write a snapshot that could not be read back (a NaN weight), keeping the old one', async () => {
    const { cache } = await setup();
    await cache.write(snapshot('profile-1'));
    const before = await readFile(cache.path);
    await expect(cache.write(snapshot('profile-1', Number.NaN))).rejects.toMatchObject({ code: 'CACHE_WRITE_FAILED' });
    expect(await readFile(cache.path)).toEqual(before);
  });

  it('stamps the current schema version whatever the snapshot says', async () => {
    const { cache } = await setup();
    await cache.write({ ...snapshot('profile-1'), schemaVersion: 1 });
    const result = await cache.read();
    expect(result.status === 'ok' && result.snapshot.schemaVersion).toBe(2);
  });

  it('keeps a profile id that is not file-name safe out of the file name', async () => {
    const { cache } = await setup('../../etc/passwd');
    expect(path.basename(cache.path)).toMatch(/^portfolios-h-[0-9a-f]{40}\.cache$/);
    await cache.write(snapshot('../../etc/passwd'));
    await expect(cache.read()).resolves.toMatchObject({ status: 'ok' });
  });

  it('never sets aside a fresh write from another instance of the same profile', async () => {
    const { secrets, dir, cache } = await setup();
    // The reader's keychain is slow, so without one lock per file the writer's rename would land between the
    // reader's look at the garbage and its set-aside, and the fresh cache would be moved away.
    secrets.delay = 50;
    const other = new PortfolioCache({ dir, profileId: 'profile-1', secrets: new MemorySecrets(secrets.entries) });
    await writeFile(cache.path, 'garbage left by something else');
    const good = snapshot('profile-1');
    const [first] = await Promise.all([cache.read(), other.write(good)]);
    expect(first.status).toBe('set-aside');
    await expect(cache.read()).resolves.toEqual({ status: 'ok', snapshot: good });
  });
});
