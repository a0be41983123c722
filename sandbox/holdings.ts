import { type Random } from './random';
import { growthAssetClasses, securities, type Security } from './securities';

/** One position of a portfolio as the sandbox serves it (imperfect records may carry extra fields). */
export interface SandboxHolding {
  ticker: string;
  name: string;
  assetClass: string;
  weight: number;
  [extra: string]: unknown;
}

/** How weights are written: fractions of 1 (0.1234) or percents (12.34). */
export type WeightStyle = 'fraction' | 'percent';

/** Basis points in a whole portfolio: weights are whole basis points (0.01 %). */
export const basisPointsInWhole = 10_000;

const growthPool = securities.filter((s) => growthAssetClasses.includes(s.assetClass));
const defensivePool = securities.filter((s) => !growthAssetClasses.includes(s.assetClass));

/**
 * Draws 5–60 distinct holdings, about `growthPercent` % of them by weight in growth assets, whose weights are whole
 * basis points adding up to exactly `totalBasisPoints` (10000 = 100 %), largest first.
 */
export function generateHoldings(
  random: Random,
  growthPercent: number,
  totalBasisPoints: number,
  style: WeightStyle,
  fixedCount = 0,
): SandboxHolding[] {
  const drawn = random.int(5, 60);
  const count = fixedCount > 0 ? fixedCount : drawn;
  const growthShare = growthPercent / 100;
  let defensiveCount = growthShare >= 1 ? 0 : Math.round(count * (1 - growthShare));
  defensiveCount = Math.max(growthShare >= 1 ? 0 : 1, Math.min(defensiveCount, count - 1, defensivePool.length));
  const growthCount = Math.min(count - defensiveCount, growthPool.length);

  const picked = [
    ...sample(random, growthPool, growthCount).map((security) => ({ security, growth: true })),
    ...sample(random, defensivePool, defensiveCount).map((security) => ({ security, growth: false })),
  ];
  const raw = picked.map(() => 0.3 + 1.7 * random.next());
  const bucketSum = (growth: boolean): number =>
    picked.reduce((sum, p, i) => (p.growth === growth ? sum + (raw[i] ?? 0) : sum), 0);
  const growthSum = bucketSum(true);
  const defensiveSum = bucketSum(false);
  const effectiveGrowthShare = defensiveCount === 0 ? 1 : growthShare;
  const shares = picked.map((p, i) =>
    p.growth
      ? (effectiveGrowthShare * (raw[i] ?? 0)) / growthSum
      : ((1 - effectiveGrowthShare) * (raw[i] ?? 0)) / defensiveSum,
  );
  const units = apportion(shares, totalBasisPoints);

  return picked
    .map((p, i) => ({ security: p.security, units: units[i] ?? 0 }))
    .sort((a, b) => b.units - a.units || a.security.ticker.localeCompare(b.security.ticker))
    .map(({ security, units: u }) => ({
      ticker: security.ticker,
      name: security.name,
      assetClass: security.assetClass,
      weight: style === 'percent' ? u / 100 : u / basisPointsInWhole,
    }));
}

/** Picks `count` distinct items (a partial Fisher–Yates shuffle of a copy). */
function sample(random: Random, pool: readonly Security[], count: number): Security[] {
  const copy = [...pool];
  for (let i = 0; i < count; i++) {
    const j = random.int(i, copy.length - 1);
    const a = copy[i];
    const b = copy[j];
    if (a === undefined || b === undefined) break;
    copy[i] = b;
    copy[j] = a;
  }
  return copy.slice(0, count);
}

/** Splits `total` whole units in proportion to `shares` (largest remainder), every part at least 1. */
function apportion(shares: readonly number[], total: number): number[] {
  const sumShares = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / sumShares) * total);
  const units = exact.map(Math.floor);
  let left = total - units.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, rem: e - Math.floor(e) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    units[i] = (units[i] ?? 0) + 1;
    left--;
  }
  for (let i = 0; i < units.length; i++) {
    if ((units[i] ?? 0) > 0) continue;
    const largest = units.indexOf(Math.max(...units));
    units[largest] = (units[largest] ?? 0) - 1;
    units[i] = 1;
  }
  return units;
}
