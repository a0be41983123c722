// The records cache (main/cache/records): 10,000 portfolios × 50 holdings on the real keychain (run inside
// dbus-run-session with scripts/with-keyring.sh) and a real temp folder. Opening to a ready list is timed in fresh
// processes, as at app start, against a plain readFile + JSON.parse of the whole set's JSON, also in fresh processes.
// Then: one detail open, a commit with 1 % changed (bytes and time against a full write), unchanged commits.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stableHash } from '../main/api/stable-hash';
import { PortfolioCache } from '../main/cache/portfolio-cache';
import { commitFromSnapshot } from '../main/cache/records/legacy-migration';
import { PortfolioRecordCache } from '../main/cache/records/portfolio-record-cache';
import type { CommitFigures } from '../main/cache/records/record-types';
import { KeytarSecretStore } from '../main/keychain/keytar-secret-store';
import {
  median,
  ms,
  portfolioCount,
  profileId,
  holdingsPerPortfolio,
  round1,
  round3,
  snapshot,
  stats,
} from './records-bench-data';
import { writeBenchResult } from './report';

const openRounds = 7;
const fullWrites = 3;
const revisedCommits = 30;
const childScript = path.join(import.meta.dirname, 'cache-records-child.ts');

function inFreshProcess(args: string[]): Record<string, number> {
  const run = spawnSync(process.execPath, [...process.execArgv, childScript, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child ${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

/** A commit's time and what it wrote. */
interface Timed {
  ms: number;
  figures: CommitFigures;
}

async function timed(work: () => Promise<CommitFigures>): Promise<Timed> {
  const began = performance.now();
  const figures = await work();
  return { ms: ms(began), figures };
}

async function main(): Promise<void> {
  const service = `com.modelportfolios.bench.${randomUUID()}`;
  const secrets = new KeytarSecretStore(service);
  const status = await secrets.probe();
  if (!status.available) throw new Error(`The keychain did not answer; run inside dbus-run-session (${status.reason})`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'records-bench-'));
  const cache = new PortfolioRecordCache({ dir, profileId, secrets });
  try {
    const revisions = new Map<number, number>();
    const base = snapshot(revisions, '2025-03-01T08:00:00.000Z');
    const json = JSON.stringify(base);
    const jsonFile = path.join(dir, 'plain.json');
    await writeFile(jsonFile, json);

    // Full writes: the first sync of a profile, into an empty folder each time.
    const full: Timed[] = [];
    for (let i = 0; i < fullWrites; i += 1) {
      if (i > 0) await cache.clear();
      await cache.open();
      full.push(await timed(() => cache.commit(commitFromSnapshot(base))));
    }
    const fullBytes = full[0]!.figures.bytesWritten;

    const opens: number[] = [];
    const tickerArrays: number[] = [];
    const parses: number[] = [];
    for (let i = 0; i < openRounds; i += 1) {
      const open = inFreshProcess(['open', dir, service, jsonFile]);
      opens.push(open.ms!);
      tickerArrays.push(open.tickerArraysMs!);
      parses.push(inFreshProcess(['parse', dir, service, jsonFile]).ms!);
    }
    const detail = inFreshProcess(['detail', dir, service, jsonFile]);

    // Unchanged syncs, 3 of each: everything fetched again (hashes compared), everything confirmed by 304s ('kept'),
    // and the same kept set at the same sync time (nothing at all to write).
    const unchanged = { fetched: [] as Timed[], kept: [] as Timed[], same: [] as Timed[] };
    for (let n = 0; n < 3; n += 1) {
      const again = { ...commitFromSnapshot(base), syncedAt: new Date(Date.UTC(2025, 2, 1, 9, n)).toISOString() };
      unchanged.fetched.push(await timed(() => cache.commit(again)));
      const keptAll = {
        syncedAt: new Date(Date.UTC(2025, 2, 1, 10, n)).toISOString(),
        issues: [],
        pages: [],
        portfolios: base.portfolios.map((p) => ({ kind: 'kept' as const, id: p.id })),
      };
      unchanged.kept.push(await timed(() => cache.commit(keptAll)));
      unchanged.same.push(await timed(() => cache.commit(keptAll)));
    }

    // 1 % revised per sync, a different 1 % each time, 30 syncs in a row: the typical commit and the amortised one.
    // As a conditional sync hands them over: the revised portfolios fetched, the others confirmed by 304s.
    const revised: Timed[] = [];
    for (let n = 0; n < revisedCommits; n += 1) {
      const touched = new Set<number>();
      for (let k = 0; k < portfolioCount / 100; k += 1) {
        const i = (n * 7919 + k * 101) % portfolioCount;
        revisions.set(i, (revisions.get(i) ?? 0) + 1);
        touched.add(i);
      }
      const syncedAt = new Date(Date.UTC(2025, 2, 2) + n * 3_600_000).toISOString();
      const next = snapshot(revisions, syncedAt);
      const commit = {
        ...commitFromSnapshot(next),
        portfolios: next.portfolios.map((p, i) =>
          touched.has(i) ? { kind: 'fetched' as const, portfolio: p } : { kind: 'kept' as const, id: p.id },
        ),
      };
      revised.push(await timed(() => cache.commit(commit)));
    }
    // The same 1 % from an API with no validators, 3 times: every portfolio fetched, the cache's hashes find the changed.
    const allFetched: Timed[] = [];
    for (let n = 0; n < 3; n += 1) {
      for (let k = 0; k < portfolioCount / 100; k += 1) {
        const i = k * 100 + 1 + n;
        revisions.set(i, (revisions.get(i) ?? 0) + 1);
      }
      const commit = commitFromSnapshot(snapshot(revisions, new Date(Date.UTC(2025, 2, 3, n)).toISOString()));
      allFetched.push(await timed(() => cache.commit(commit)));
    }

    // The conditional-request helper's body hash over the whole catalogue in 200 pages of 50, against a plain
    // JSON.stringify + SHA-256 of the same pages: what hashing bodies costs a sync against an API with no validators.
    const pages = Array.from({ length: 200 }, (_, n) => ({
      data: base.portfolios.slice(n * 50, n * 50 + 50),
      next: null,
    }));
    const hashRuns = { stable: [] as number[], plain: [] as number[] };
    for (let n = 0; n < 3; n += 1) {
      let began = performance.now();
      for (const page of pages) stableHash(page);
      hashRuns.stable.push(ms(began));
      began = performance.now();
      for (const page of pages) createHash('sha256').update(JSON.stringify(page)).digest('base64url');
      hashRuns.plain.push(ms(began));
    }

    // Today's single-file cache writing the same set, for scale.
    const legacy = new PortfolioCache({ dir: await mkdtemp(path.join(dir, 'legacy-')), profileId, secrets });
    const legacyWrites: number[] = [];
    for (let i = 0; i < fullWrites; i += 1) {
      const began = performance.now();
      await legacy.write(base);
      legacyWrites.push(ms(began));
    }
    const revisedTimes = revised.map((r) => r.ms);
    const revisedBytes = revised.map((r) => r.figures.bytesWritten);
    const fullMs = median(full.map((f) => f.ms));
    const summary = (runs: Timed[]) => ({
      ms: stats(runs.map((t) => t.ms)),
      timeVsFullWrite: round3(median(runs.map((t) => t.ms)) / fullMs),
      bytes: runs.map((t) => t.figures.bytesWritten),
      portfolioBytes: runs.map((t) => t.figures.portfolioBytesWritten),
    });

    await writeBenchResult('cache-records', {
      portfolios: portfolioCount,
      holdingsPerPortfolio,
      jsonMB: round1(Buffer.byteLength(json) / 1024 / 1024),
      fullWrite: { bytes: fullBytes, ms: stats(full.map((f) => f.ms)) },
      singleFileCacheWriteMs: stats(legacyWrites),
      openToListReadyMsFreshProcess: stats(opens),
      plainReadFileAndJsonParseMsFreshProcess: stats(parses),
      // Not part of the open: what turning every tickerText into an array (the list's shape before) would add.
      tickerArraysAfterOpenMs: stats(tickerArrays),
      openVsPlainJsonParse: {
        min: round3(Math.min(...opens) / Math.min(...parses)),
        median: round3(median(opens) / median(parses)),
      },
      detailOpenMs: detail,
      onePercentChanged: {
        firstCommit: {
          ms: revised[0]!.ms,
          figures: { ...revised[0]!.figures, updated: undefined, changed: revised[0]!.figures.changed.length },
        },
        bytesShareOfFullWrite: {
          first: round3(revisedBytes[0]! / fullBytes),
          median: round3(median(revisedBytes) / fullBytes),
          max: round3(Math.max(...revisedBytes) / fullBytes),
          amortisedOver30: round3(revisedBytes.reduce((a, b) => a + b, 0) / revisedCommits / fullBytes),
        },
        timeVsFullWrite: {
          median: round3(median(revisedTimes) / fullMs),
          max: round3(Math.max(...revisedTimes) / fullMs),
        },
        ms: stats(revisedTimes),
        indexWrites: revised.map((r) => r.figures.indexWrite).join(','),
        relocatedRecords: revised.reduce((sum, r) => sum + r.figures.relocatedRecords, 0),
        withoutValidatorsAllFetched: {
          ms: stats(allFetched.map((t) => t.ms)),
          timeVsFullWrite: round3(median(allFetched.map((t) => t.ms)) / fullMs),
          bytesShareOfFullWrite: round3(median(allFetched.map((t) => t.figures.bytesWritten)) / fullBytes),
          detailRecordsWritten: allFetched.map((t) => t.figures.detailRecordsWritten),
        },
      },
      unchanged: {
        allFetchedNewSyncTime: summary(unchanged.fetched),
        allKeptNewSyncTime: summary(unchanged.kept),
        allKeptSameSyncTime: summary(unchanged.same),
      },
      bodyHashOfCatalogue: {
        stableHashMs: stats(hashRuns.stable),
        jsonStringifySha256Ms: stats(hashRuns.plain),
        ratio: round3(median(hashRuns.stable) / median(hashRuns.plain)),
      },
      loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    });
  } finally {
    await cache.clear();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
