import { basisPointsInWhole, generateHoldings, type SandboxHolding, type WeightStyle } from './holdings';
import { imperfectionAt, shortWeightBasisPoints } from './imperfect';
import { createRandom, type Random } from './random';
import {
  audiences,
  benchmarkIndexes,
  currencies,
  growthShareRange,
  minimumInvestments,
  namePrefixes,
  nameSuffixes,
  nameThemes,
  rebalanceFrequencies,
  riskLevels,
  strategies,
  type RiskLevel,
} from './vocabulary';

export type { SandboxHolding, WeightStyle } from './holdings';

/** A model portfolio exactly as the sandbox serves it (optional fields may be absent, extra ones present). */
export interface SandboxPortfolio {
  id: string;
  name: string;
  description?: string;
  riskLevel: RiskLevel;
  strategy: string;
  benchmark?: string;
  currency: string;
  minimumInvestment?: number;
  updatedAt: string;
  holdings?: SandboxHolding[];
  [extra: string]: unknown;
}

/** What shapes a generated portfolio besides (seed, index). */
export interface GenerateOptions {
  /** 'fraction' (default): weights sum to 1; 'percent': to 100. */
  weights?: WeightStyle;
  /** Default true: the records listed in imperfect.ts carry their imperfection. */
  imperfect?: boolean;
  /** Default true; false leaves `holdings` out (as the list does with listHoldings: false). */
  holdings?: boolean;
  /** Holdings per portfolio; 0 (default) draws 5–60 per portfolio. For benchmarks. */
  holdingsCount?: number;
}

/** The id of the portfolio at a zero-based position: index 122 is "mp-000123". */
export function portfolioId(index: number): string {
  return `mp-${String(index + 1).padStart(6, '0')}`;
}

/** The zero-based position an id names, or null when the id is not one the sandbox writes. */
export function portfolioIndex(id: string): number | null {
  const match = /^mp-(\d{6,})$/.exec(id);
  if (!match?.[1]) return null;
  const index = Number(match[1]) - 1;
  return index >= 0 && Number.isSafeInteger(index) && portfolioId(index) === id ? index : null;
}

/** Latest possible `updatedAt`: every update time lies in the three years before it. */
const latestUpdate = Date.UTC(2025, 5, 30, 16, 0, 0);
const threeYearsSeconds = 3 * 365 * 24 * 3600;

/** Builds portfolio `index` of the data set for `seed`, from those two numbers alone (no other portfolio needed). */
export function generatePortfolio(seed: number, index: number, options: GenerateOptions = {}): SandboxPortfolio {
  const weights = options.weights ?? 'fraction';
  const withHoldings = options.holdings ?? true;
  const imperfection = (options.imperfect ?? true) ? imperfectionAt(index) : undefined;
  const random = createRandom(seed, index, 0);

  const riskLevel = random.pick(riskLevels);
  const [low, high] = growthShareRange[riskLevel];
  const growth = 5 * random.int(low / 5, high / 5);
  const name = generatedName(random, riskLevel, growth);
  const strategy = random.pick(strategies);
  const currency = weightedPick(random, currencies);
  const [equityIndex, bondIndex] = benchmarkIndexes[currency] ?? ['MSCI ACWI', 'Bloomberg Global Aggregate'];
  const benchmark =
    growth === 100 ? `${equityIndex} Index` : `${growth}% ${equityIndex} / ${100 - growth}% ${bondIndex}`;
  const minimumInvestment = random.pick(minimumInvestments);
  const updatedAt = new Date(latestUpdate - random.int(0, threeYearsSeconds) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
  const description =
    `${strategy} model for ${audiences[riskLevel]}: about ${growth}% growth assets and ` +
    `${100 - growth}% defensive assets, rebalanced ${random.pick(rebalanceFrequencies)}.`;

  const id = portfolioId(index);
  const missingOptional = imperfection?.kind === 'missing-optional-fields';
  const portfolio: SandboxPortfolio = {
    id,
    name: imperfection?.name ?? name,
    ...(missingOptional ? {} : { description }),
    riskLevel,
    strategy,
    ...(missingOptional ? {} : { benchmark }),
    currency,
    ...(missingOptional ? {} : { minimumInvestment }),
    updatedAt,
  };
  if (withHoldings) {
    const total = imperfection?.kind === 'weights-99.7' ? shortWeightBasisPoints : basisPointsInWhole;
    portfolio.holdings = generateHoldings(
      createRandom(seed, index, 1),
      growth,
      total,
      weights,
      options.holdingsCount ?? 0,
    );
    if (imperfection?.kind === 'extra-fields') {
      portfolio.holdings = portfolio.holdings.map((h) => ({ ...h, exchange: 'XNYS', lotSize: 1 }));
    }
  }
  if (imperfection?.kind === 'extra-fields') {
    portfolio.esgScore = 7.4;
    portfolio.legacyCode = `LGC-${String(index + 1).padStart(4, '0')}`;
    portfolio.tags = ['legacy', 'closed-to-new-investors'];
    portfolio._links = { self: { href: `/model-portfolios/${id}` } };
  }
  return portfolio;
}

function generatedName(random: Random, riskLevel: RiskLevel, growth: number): string {
  const base = `${random.pick(namePrefixes)} ${random.pick(nameThemes[riskLevel])}`;
  const roll = random.next();
  if (roll < 0.25 && growth < 100) return `${base} ${growth}/${100 - growth}`;
  if (roll < 0.55) return `${base} ${random.pick(nameSuffixes)}`;
  return base;
}

function weightedPick(random: Random, items: ReadonlyArray<readonly [string, number]>): string {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [value, weight] of items) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return items[0]?.[0] ?? 'USD';
}
