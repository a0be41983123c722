// Opening the encrypted offline cache: 10,000 portfolios × 50 holdings, on the real keychain (run inside
// dbus-run-session with an unlocked gnome-keyring on Linux) and a real temp folder. Opens are timed in fresh
// processes, as at app start, against a plain readFile + JSON.parse of the same JSON text, also in fresh processes.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CacheSnapshot } from '../common/cache-snapshot';
import { openCache } from '../main/cache/cache-file-format';
import { readCacheKey } from '../main/cache/cache-key';
import { upgradeSnapshot } from '../main/cache/cache-migrations';
import { PortfolioCache } from '../main/cache/portfolio-cache';
import { KeytarSecretStore } from '../main/keychain/keytar-secret-store';
import { writeBenchResult } from './report';

const portfolioCount = 10_000;
const holdingsPerPortfolio = 50;
const rounds = 7;
const profileId = 'bench-profile';

function snapshot(): CacheSnapshot {
  const weight = 1 / holdingsPerPortfolio;
  return {
    schemaVersion: 2,
    profileId,
    syncedAt: new Date().toISOString(),
    etag: '"bench"',
    issues: [],
    portfolios: Array.from({ length: portfolioCount }, (_, i) => ({
      id: `mp-${i}`,
      name: `Global Growth Model ${i}`,
      description: 'A diversified model portfolio for long-term growth investors.',
      riskLevel: 'Moderate',
      strategy: 'Strategic allocation',
      benchmark: 'MSCI ACWI',
      currency: 'USD',
      minimumInvestment: 25000,
      updatedAt: '2025-03-01T12:00:00.000Z',
      holdings: Array.from({ length: holdingsPerPortfolio }, (_, j) => ({
        ticker: `T${j}X${i % 97}`,
        name: `Security ${j} Holdings Corp Class A`,
        assetClass: j % 3 === 0 ? 'Fixed Income' : 'US Equity',
        weight,
      })),
      weightSum: 1,
      weightsOk: true,
    })),
  };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const ms = (from: number): number => round1(performance.now() - from);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One measurement in this (fresh) process, printed as JSON for the parent. */
async function child(mode: string, dir: string, service: string, jsonFile: string): Promise<void> {
  const secrets = new KeytarSecretStore(service);
  if (mode === 'open') {
    const began = performance.now();
    const result = await new PortfolioCache({ dir, profileId, secrets }).read();
    const took = ms(began);
    if (result.status !== 'ok' || result.snapshot.portfolios.length !== portfolioCount) throw new Error('open failed');
    process.stdout.write(JSON.stringify({ ms: took }));
  } else if (mode === 'parse') {
    const began = performance.now();
    const parsed = JSON.parse(await readFile(jsonFile, 'utf8')) as CacheSnapshot;
    const took = ms(began);
    if (parsed.portfolios.length !== portfolioCount) throw new Error('parse failed');
    process.stdout.write(JSON.stringify({ ms: took }));
  } else {
    const cache = new PortfolioCache({ dir, profileId, secrets });
    let began = performance.now();
    const file = await readFile(cache.path);
    const readFileMs = ms(began);
    began = performance.now();
    const key = await readCacheKey(secrets, profileId);
    const keychainMs = ms(began);
    began = performance.now();
    const opened = openCache(file, key!, profileId);
    const decryptMs = ms(began);
    if (!opened.ok) throw new Error('decrypt failed');
    began = performance.now();
    const text = opened.plaintext.toString('utf8');
    const decodeMs = ms(began);
    began = performance.now();
    const payload: unknown = JSON.parse(text);
    const jsonParseMs = ms(began);
    began = performance.now();
    upgradeSnapshot(payload);
    const schemaCheckMs = ms(began);
    process.stdout.write(JSON.stringify({ readFileMs, keychainMs, decryptMs, decodeMs, jsonParseMs, schemaCheckMs }));
  }
}

function inFreshProcess(args: string[]): Record<string, number> {
  const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child ${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode) return child(mode, rest[0]!, rest[1]!, rest[2]!);

  const service = `com.modelportfolios.bench.${randomUUID()}`;
  const secrets = new KeytarSecretStore(service);
  const status = await secrets.probe();
  if (!status.available) throw new Error(`The keychain did not answer; run inside dbus-run-session (${status.reason})`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cache-bench-'));
  const cache = new PortfolioCache({ dir, profileId, secrets });
  try {
    const data = snapshot();
    const writes: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const began = performance.now();
      await cache.write(data);
      writes.push(ms(began));
    }
    const json = JSON.stringify(data);
    const jsonFile = path.join(dir, 'plain.json');
    await writeFile(jsonFile, json);

    const opens: number[] = [];
    const parses: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      opens.push(inFreshProcess(['open', dir, service, jsonFile]).ms!);
      parses.push(inFreshProcess(['parse', dir, service, jsonFile]).ms!);
    }
    const breakdown = inFreshProcess(['breakdown', dir, service, jsonFile]);

    await writeBenchResult('cache-open', {
      portfolios: portfolioCount,
      holdingsPerPortfolio,
      fileMB: round1((await stat(cache.path)).size / 1024 / 1024),
      jsonMB: round1(Buffer.byteLength(json) / 1024 / 1024),
      // Minimum = the cost with the least interference from other work on the machine; median = typical here.
      writeMs: { min: Math.min(...writes), median: median(writes), all: writes },
      openMsFreshProcess: { min: Math.min(...opens), median: median(opens), all: opens },
      plainReadFileAndJsonParseMsFreshProcess: { min: Math.min(...parses), median: median(parses), all: parses },
      openVsPlainJsonParse: {
        min: Math.round((Math.min(...opens) / Math.min(...parses)) * 100) / 100,
        median: Math.round((median(opens) / median(parses)) * 100) / 100,
      },
      openBreakdownMs: breakdown,
      // Other work on the machine skews timings; this says how busy it was.
      loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    });
  } finally {
    await cache.clear();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
