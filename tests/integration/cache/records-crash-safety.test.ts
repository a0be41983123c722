import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeModelChanges } from '../../../common/model-changes';
import { AppError } from '../../../common/result';
import { recordSummaryOf } from '../../../main/cache/records/portfolio-digest';
import { PortfolioRecordCache } from '../../../main/cache/records/portfolio-record-cache';
import { readPortfolioChanges } from '../../../main/changes/version-changes';
import { bundleRecordsChild } from './fixtures/bundle-records-child';
import { exited, spawnChild, untilFileAppears, untilLine } from './fixtures/child-process';
import { crashCommit, crashLayout, crashMaxVersions, crashState, crashStateIndex } from './fixtures/crash-model';
import { folderDigests } from './fixtures/records-inspect';
import { makeReadOnly } from './fixtures/read-only-folder';
import { purgeKeychain, uniqueKeychain } from './fixtures/test-keychain';

const kills = 100;
const maxKillDelayMs = 300;
// Every other round aims at a commit: the kill comes 0–4 ms after a new segment file appears, i.e. while records
// are written or synced, the manifest replaced, or old segments deleted.
const maxInWriteDelayMs = 4;

const { service, secrets } = uniqueKeychain();
let root: string;
let childScript: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'records-crash-'));
  childScript = await bundleRecordsChild(root);
});

afterAll(async () => {
  await purgeKeychain(service);
  await rm(root, { recursive: true, force: true });
});

function recordCache(dir: string, profileId: string): PortfolioRecordCache {
  return new PortfolioRecordCache({ dir, profileId, secrets, maxVersions: crashMaxVersions, layout: crashLayout });
}

/** Resolves when a new segment file appears in the folder. */
function untilNewSegment(folder: string, timeoutMs: number): { appeared: Promise<void>; stop: () => void } {
  return untilFileAppears(folder, (name) => /^seg-\d+\.rec$/.test(name), timeoutMs);
}

/** Opens the set afresh and checks it is exactly crash state k for some k; returns k. */
async function expectExactState(dir: string, profileId: string, round: number): Promise<number> {
  const cache = recordCache(dir, profileId);
  const opened = await cache.open();
  expect(opened.status, `round ${round}`).toBe('ok');
  if (opened.status !== 'ok') return -1;
  const k = crashStateIndex(opened.listing.syncedAt);
  const state = crashState(k);
  expect(opened.listing.issues, `round ${round}`).toEqual([{ portfolioId: null, message: `state ${k}` }]);
  expect(opened.listing.portfolios, `round ${round}: state ${k}`).toEqual(
    state.map(({ portfolio, lastChangedAt }) => recordSummaryOf(portfolio, lastChangedAt)),
  );
  // Every summary is checked; the details and versions of a tenth of the portfolios (another tenth each round).
  for (const [j, { portfolio, versions }] of state.entries()) {
    if (j % 10 !== round % 10 && j !== state.length - 1) continue;
    await expect(cache.readDetail(portfolio.id), `round ${round}: ${portfolio.id}`).resolves.toMatchObject({
      status: 'ok',
      portfolio,
    });
    const kept = await cache.readVersions(portfolio.id);
    expect(
      kept.map(({ info, read }) => ({
        supersededAt: info.supersededAt,
        portfolio: read.status === 'ok' ? read.portfolio : read,
      })),
      `round ${round}: versions of ${portfolio.id}`,
    ).toEqual(versions);
    // The Changes tab reads the same versions after the kill: the trade list of the latest change (issue 15).
    if (j % 30 === round % 30) {
      const view = await readPortfolioChanges(cache, portfolio.id, {}, 0.01);
      const previous = versions[0]?.portfolio;
      expect(view.changes, `round ${round}: changes of ${portfolio.id}`).toEqual(
        previous ? computeModelChanges(previous, portfolio, { tolerancePp: 0.01 }) : null,
      );
    }
  }
  return k;
}

describe('PortfolioRecordCache under SIGKILL and failing writes', () => {
  it(`holds exactly one whole record set after each of ${kills} SIGKILLs during commits`, async () => {
    const profileId = `crash-${randomUUID()}`;
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const seed = recordCache(dir, profileId);
    await seed.commit(crashCommit(0));

    const states = new Set<number>();
    let withLeftovers = 0;
    for (let round = 0; round < kills; round += 1) {
      const aimAtWrite = round % 2 === 1;
      const segment = aimAtWrite ? untilNewSegment(seed.folder, 10_000) : undefined;
      const child = spawnChild(childScript, ['loop', dir, profileId, service]);
      const done = exited(child);
      try {
        await untilLine(child, 'ready', 10_000);
        if (segment) {
          await segment.appeared;
          await sleep(Math.random() * maxInWriteDelayMs);
        } else {
          await sleep(Math.random() * maxKillDelayMs);
        }
      } finally {
        child.kill('SIGKILL');
        segment?.stop();
        await done;
      }
      const before = await readdir(seed.folder);
      states.add(await expectExactState(dir, profileId, round));
      // Opening swept what the killed commit left behind (a segment or a manifest temp file nothing references).
      const after = await readdir(seed.folder);
      if (before.length > after.length) withLeftovers += 1;
      expect(after.filter((name) => !before.includes(name))).toEqual([]);
    }
    console.info(`records crash test: ${states.size} distinct states, ${withLeftovers} rounds left leftovers`);
    // The kills must have landed both between and inside commits, or the test proved nothing.
    expect(states.size).toBeGreaterThan(5);
    expect(withLeftovers).toBeGreaterThan(0);
  }, 300_000);

  it('leaves the set byte-identical when the folder is read-only, and commits once it is writable again', async () => {
    const profileId = `read-only-${randomUUID()}`;
    const dir = await mkdtemp(path.join(root, 'dir-'));
    const cache = recordCache(dir, profileId);
    await cache.commit(crashCommit(0));
    const listing = cache.listing();
    const before = await folderDigests(cache.folder);
    const undo = await makeReadOnly(cache.folder);
    try {
      const error = await cache.commit(crashCommit(1)).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CACHE_WRITE_FAILED');
      expect((error as AppError).message).toMatch(/permission denied/);
    } finally {
      await undo();
    }
    expect(await folderDigests(cache.folder)).toEqual(before);
    expect(cache.listing()).toEqual(listing);
    await cache.commit(crashCommit(1));
    expect(await expectExactState(dir, profileId, 1)).toBe(1);
  });

  for (const { mode, where } of [
    { mode: 'all', where: 'while writing the new records' },
    { mode: 'pages', where: 'while writing the manifest' },
  ]) {
    it(`leaves the set byte-identical when a commit fails part-way ${where} (file size limit hit)`, async () => {
      const profileId = `efbig-${mode}-${randomUUID()}`;
      const dir = await mkdtemp(path.join(root, 'dir-'));
      const cache = recordCache(dir, profileId);
      await cache.commit(crashCommit(0));
      const before = await folderDigests(cache.folder);
      // The child may not write files over 256 KiB.
      const child = spawnChild(childScript, [mode, dir, profileId, service], 'trap "" XFSZ; ulimit -f 256');
      const out = await exited(child);
      expect(JSON.parse(out)).toMatchObject({
        code: 'CACHE_WRITE_FAILED',
        message: expect.stringContaining('too large'),
      });
      expect(await folderDigests(cache.folder)).toEqual(before);
      expect(await expectExactState(dir, profileId, 0)).toBe(0);
    });
  }
});
