// Data and figures shared by bench/cache-records.bench.ts and its fresh-process child.
import type { CacheSnapshot } from '../common/cache-snapshot';
import type { Portfolio } from '../common/portfolio';

/** Portfolios in the benched set. */
export const portfolioCount = 10_000;
/** Holdings per portfolio. */
export const holdingsPerPortfolio = 50;
/** The profile the bench caches for. */
export const profileId = 'bench-records';

/** Portfolio i of the set at a revision: each revision moves weight between two holdings (a material change). */
export function portfolio(i: number, revision = 0): Portfolio {
  const weight = 1 / holdingsPerPortfolio;
  return {
    id: `mp-${i}`,
    name: `Global Growth Model ${i}`,
    description: 'A diversified model portfolio for long-term growth investors.',
    riskLevel: 'Moderate',
    strategy: 'Strategic allocation',
    benchmark: 'MSCI ACWI',
    currency: 'USD',
    minimumInvestment: 25000,
    updatedAt: new Date(Date.UTC(2025, 2, 1, 12) + revision * 86_400_000).toISOString(),
    holdings: Array.from({ length: holdingsPerPortfolio }, (_, j) => ({
      ticker: `T${j}X${i % 97}`,
      name: `Security ${j} Holdings Corp Class A`,
      assetClass: j % 3 === 0 ? 'Fixed Income' : 'US Equity',
      // A revision moves weight from the first holding to the second: a material change, a kept version.
      weight: j === 0 ? weight - revision * 0.001 : j === 1 ? weight + revision * 0.001 : weight,
    })),
    weightSum: 1,
    weightsOk: true,
  };
}

/** The whole set at the given revisions. */
export function snapshot(revisions: ReadonlyMap<number, number>, syncedAt: string): CacheSnapshot {
  return {
    schemaVersion: 2,
    profileId,
    syncedAt,
    etag: null,
    issues: [],
    portfolios: Array.from({ length: portfolioCount }, (_, i) => portfolio(i, revisions.get(i) ?? 0)),
  };
}

/** A value rounded to 0.1. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;
/** A value rounded to 0.001. */
export const round3 = (value: number): number => Math.round(value * 1000) / 1000;
/** Milliseconds since `from` (a performance.now() reading), to 0.1 ms. */
export const ms = (from: number): number => round1(performance.now() - from);
/** The median of some figures. */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** The 95th percentile of some figures. */
export const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
/** Minimum, median and every run, for the JSON result. */
export const stats = (values: number[]) => ({ min: Math.min(...values), median: median(values), all: values });
