import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTempOf } from '../../../main/fs/atomic-file';
import { PortfolioCache } from '../../../main/cache/portfolio-cache';
import { bundleCacheChild } from './fixtures/bundle-child';
import { exited, spawnChild, untilFileAppears, untilLine } from './fixtures/child-process';
import { buildSnapshot, snapshotDigest } from './fixtures/snapshot-builder';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

// 600 portfolios × 50 holdings ≈ 3.5 MB per write: long enough that most kills land mid-write,
// short enough that 100 rounds (spawn, random wait, kill, read) finish in about half a minute.
const loopPortfolios = 600;
const kills = 100;
const maxKillDelayMs = 300;
// Every other round aims at the narrow window that matters: the kill comes 0–8 ms after a temp file appears,
// i.e. while it is being written, synced or renamed.
const maxInWriteDelayMs = 8;

const { service, secrets } = uniqueKeychain();
let root: string;
let childScript: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cache-crash-'));
  childScript = await bundleCacheChild(root);
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

/** Resolves when a temp file of the cache appears in its folder. */
function untilTempFile(cache: PortfolioCache, timeoutMs: number): { appeared: Promise<void>; stop: () => void } {
  const dir = path.dirname(cache.path);
  return untilFileAppears(dir, (name) => isTempOf(cache.path, name) && existsSync(path.join(dir, name)), timeoutMs);
}

async function tempFiles(cache: PortfolioCache): Promise<string[]> {
  return (await readdir(path.dirname(cache.path))).filter((name) => isTempOf(cache.path, name));
}

describe('PortfolioCache under SIGKILL and failing writes', () => {
  it(`holds exactly the old or the new version after each of ${kills} SIGKILLs during writes`, async () => {
    const profileId = `crash-${randomUUID()}`;
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const cache = new PortfolioCache({ dir, profileId, secrets });
    const shape = { profileId, portfolios: loopPortfolios, holdingsPerPortfolio: 50 };
    const a = buildSnapshot({ ...shape, variant: 'A' });
    const digests = new Map([
      [snapshotDigest(a), 'A'],
      [snapshotDigest(buildSnapshot({ ...shape, variant: 'B' })), 'B'],
    ]);
    await cache.write(a);

    const seen = { A: 0, B: 0, withLeftoverTemp: 0 };
    for (let round = 0; round < kills; round += 1) {
      const aimAtWrite = round % 2 === 1;
      // Every fourth round waits for a whole write first, so B is on disk whatever the machine's load.
      const afterAWrite = round % 4 === 0;
      const temp = aimAtWrite ? untilTempFile(cache, 10_000) : undefined;
      const child = spawnChild(childScript, ['loop', dir, profileId, service, String(loopPortfolios)]);
      try {
        await untilLine(child, 'ready', 10_000);
        if (temp) {
          await temp.appeared;
          await sleep(Math.random() * maxInWriteDelayMs);
        } else {
          if (afterAWrite) await untilLine(child, 'wrote', 60_000);
          await sleep(Math.random() * maxKillDelayMs);
        }
      } finally {
        child.kill('SIGKILL');
        temp?.stop();
        await exited(child);
      }
      if ((await tempFiles(cache)).length > 0) seen.withLeftoverTemp += 1;
      const result = await cache.read();
      expect(result.status, `round ${round}`).toBe('ok');
      if (result.status !== 'ok') return;
      const version = digests.get(snapshotDigest(result.snapshot));
      expect(version, `round ${round}: the cache holds neither A nor B`).toBeDefined();
      seen[version as 'A' | 'B'] += 1;
    }
    console.info(`crash test: ${JSON.stringify(seen)}`);
    // The kills must have landed both between and inside writes, or the test proved nothing.
    expect(seen.A).toBeGreaterThan(0);
    expect(seen.B).toBeGreaterThan(0);
    expect(seen.withLeftoverTemp).toBeGreaterThan(0);

    // Read ignored the leftovers; the next write removes them.
    await writeFile(`${cache.path}.tmp-999999-deadbeef0000`, 'left by a crash');
    await cache.write(a);
    expect(await tempFiles(cache)).toEqual([]);
    await expect(cache.read()).resolves.toEqual({ status: 'ok', snapshot: a });
    await cache.clear();
  }, 600_000);

  it('keeps the old cache byte-identical when a write fails part-way (file size limit hit)', async () => {
    const profileId = `efbig-${randomUUID()}`;
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const cache = new PortfolioCache({ dir, profileId, secrets });
    const old = buildSnapshot({ profileId, variant: 'A', portfolios: 10, holdingsPerPortfolio: 10 });
    await cache.write(old);
    const before = await readFile(cache.path);

    // The child may not write files over 512 KiB; its ~11 MB snapshot fails with EFBIG mid-write.
    const child = spawnChild(childScript, ['write', dir, profileId, service, '2000'], 'trap "" XFSZ; ulimit -f 512');
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await exited(child);
    expect(JSON.parse(out)).toMatchObject({
      code: 'CACHE_WRITE_FAILED',
      message: expect.stringContaining('too large'),
    });

    expect(await readFile(cache.path)).toEqual(before);
    expect(await readdir(dir)).toEqual([path.basename(cache.path)]);
    await expect(cache.read()).resolves.toEqual({ status: 'ok', snapshot: old });
    await cache.clear();
  });
});
