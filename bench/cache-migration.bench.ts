// The first start after the upgrade to the records cache: 10,000 portfolios × 50 holdings in the single-file
// cache (the old format, which the app now only migrates), on the real keychain (run inside dbus-run-session with
// scripts/with-keyring.sh) and a real temp folder. Timed in fresh processes, as at app start, 3 rounds:
//  - the old app's open of the single file (PortfolioCache.read): what a start cost before the upgrade;
//  - the records cache's open that finds only the single file and migrates it (PortfolioRecordCache.open:
//    read it, commit every portfolio as records, delete it): the one slower start after the upgrade;
//  - the records cache's open after that: every later start.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CacheSnapshot } from '../common/cache-snapshot';
import { PortfolioCache } from '../main/cache/portfolio-cache';
import { PortfolioRecordCache } from '../main/cache/records/portfolio-record-cache';
import { KeytarSecretStore } from '../main/keychain/keytar-secret-store';
import { holdingsPerPortfolio, portfolioCount, profileId, snapshot as benchSnapshot } from './records-bench-data';
import { writeBenchResult } from './report';

const rounds = 3;

/** The benched set as the old single-file cache held it (the same portfolios as the records benches). */
function snapshot(): CacheSnapshot {
  return { ...benchSnapshot(new Map(), new Date().toISOString()), etag: '"bench"' };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const ms = (from: number): number => round1(performance.now() - from);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One measurement in this (fresh) process, printed as JSON for the parent. */
async function child(mode: string, dir: string, service: string): Promise<void> {
  const secrets = new KeytarSecretStore(service);
  const began = performance.now();
  if (mode === 'legacy-open') {
    const result = await new PortfolioCache({ dir, profileId, secrets }).read();
    const took = ms(began);
    if (result.status !== 'ok' || result.snapshot.portfolios.length !== portfolioCount) throw new Error('open failed');
    process.stdout.write(JSON.stringify({ ms: took }));
    return;
  }
  const opened = await new PortfolioRecordCache({ dir, profileId, secrets }).open();
  const took = ms(began);
  if (opened.status !== 'ok' || opened.listing.portfolios.length !== portfolioCount) throw new Error('open failed');
  if (opened.migrated !== (mode === 'migrate')) throw new Error(`${mode}: migrated is ${opened.migrated}`);
  process.stdout.write(JSON.stringify({ ms: took }));
}

function inFreshProcess(args: string[]): number {
  const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child ${args[0]} failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { ms: number }).ms;
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode) return child(mode, rest[0]!, rest[1]!);

  const service = `com.modelportfolios.bench.${randomUUID()}`;
  const secrets = new KeytarSecretStore(service);
  const status = await secrets.probe();
  if (!status.available) throw new Error(`The keychain did not answer; run inside dbus-run-session (${status.reason})`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cache-migration-bench-'));
  const legacy = new PortfolioCache({ dir, profileId, secrets });
  const records = new PortfolioRecordCache({ dir, profileId, secrets });
  const loadBefore = os.loadavg()[0]!;
  try {
    const data = snapshot();
    const measured: Array<{ legacyOpen: number; migrate: number; recordsOpen: number }> = [];
    let fileMB = 0;
    for (let i = 0; i < rounds; i += 1) {
      // A profile as the old app left it: the single file only (the records folder and key of the last round gone).
      await records.clear();
      await legacy.write(data);
      fileMB = round1((await stat(legacy.path)).size / 1024 / 1024);
      const legacyOpen = inFreshProcess(['legacy-open', dir, service]);
      const migrate = inFreshProcess(['migrate', dir, service]);
      const recordsOpen = inFreshProcess(['records-open', dir, service]);
      measured.push({ legacyOpen, migrate, recordsOpen });
    }
    const pick = (key: 'legacyOpen' | 'migrate' | 'recordsOpen') => measured.map((m) => m[key]);
    await writeBenchResult('cache-migration', {
      portfolios: portfolioCount,
      holdingsPerPortfolio,
      singleFileMB: fileMB,
      singleFileOpenMsFreshProcess: { median: median(pick('legacyOpen')), all: pick('legacyOpen') },
      firstStartAfterUpgradeMsFreshProcess: { median: median(pick('migrate')), all: pick('migrate') },
      laterStartsMsFreshProcess: { median: median(pick('recordsOpen')), all: pick('recordsOpen') },
      // Per round, so each ratio compares opens measured seconds apart.
      firstStartAfterUpgradeVsSingleFileOpen: round3(median(measured.map((m) => m.migrate / m.legacyOpen))),
      laterStartsVsSingleFileOpen: round3(median(measured.map((m) => m.recordsOpen / m.legacyOpen))),
      loadAverage1m: { before: round1(loadBefore), after: round1(os.loadavg()[0]!) },
    });
  } finally {
    await records.clear();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
