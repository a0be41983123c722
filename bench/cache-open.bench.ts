// Opening the encrypted offline cache: 10,000 portfolios × 50 holdings, on the real keychain (run inside
// dbus-run-session with an unlocked gnome-keyring on Linux) and a real temp folder.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
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
const rounds = 5;

function snapshot(profileId: string): CacheSnapshot {
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

/** Collects garbage between rounds (bench.mjs runs with --expose-gc), so each round starts from the same heap. */
const settle = (): void => (globalThis as { gc?: () => void }).gc?.();
const ms = (from: number): number => Math.round((performance.now() - from) * 10) / 10;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const secrets = new KeytarSecretStore(`com.modelportfolios.bench.${randomUUID()}`);
  const status = await secrets.probe();
  if (!status.available) throw new Error(`The keychain did not answer; run inside dbus-run-session (${status.reason})`);
  const profileId = 'bench-profile';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cache-bench-'));
  const cache = new PortfolioCache({ dir, profileId, secrets });
  try {
    const data = snapshot(profileId);
    const writes: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      settle();
      const began = performance.now();
      await cache.write(data);
      writes.push(ms(began));
    }

    const reads: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      settle();
      const began = performance.now();
      const result = await cache.read();
      reads.push(ms(began));
      if (result.status !== 'ok' || result.snapshot.portfolios.length !== portfolioCount)
        throw new Error('read failed');
    }

    // The same JSON text, parsed plainly: the floor any cache format has to pay.
    const json = JSON.stringify(data);
    const parses: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      settle();
      const began = performance.now();
      JSON.parse(json);
      parses.push(ms(began));
    }

    // Where a read's time goes (one warm round, step by step).
    settle();
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
    const payload: unknown = JSON.parse(opened.plaintext.toString('utf8'));
    const parseMs = ms(began);
    began = performance.now();
    upgradeSnapshot(payload);
    const schemaCheckMs = ms(began);

    const readMedian = median(reads);
    const parseMedian = median(parses);
    await writeBenchResult('cache-open', {
      portfolios: portfolioCount,
      holdingsPerPortfolio,
      fileMB: Math.round(((await stat(cache.path)).size / 1024 / 1024) * 10) / 10,
      jsonMB: Math.round((Buffer.byteLength(json) / 1024 / 1024) * 10) / 10,
      writeMs: { first: writes[0], median: median(writes), all: writes },
      readMs: { first: reads[0], median: readMedian, all: reads },
      plainJsonParseMs: { first: parses[0], median: parseMedian, all: parses },
      readVsPlainJsonParse: Math.round((readMedian / parseMedian) * 100) / 100,
      readBreakdownMs: { readFileMs, keychainMs, decryptMs, parseMs, schemaCheckMs },
      // Other work on the machine skews timings; this says how busy it was.
      loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    });
  } finally {
    await cache.clear();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
