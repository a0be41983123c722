import { matchHoldings, type MatchedHolding } from './holding-match';
import type { Portfolio } from './portfolio';

/** How many portfolios a comparison takes: 2 to 4. */
export const comparisonSize = { min: 2, max: 4 } as const;

/** The label of holdings whose asset class the API did not give. */
export const unclassifiedAssetClass = 'Unclassified';

/** The key facts compared side by side, in display order. */
export type ComparedFact =
  | 'id'
  | 'name'
  | 'riskLevel'
  | 'strategy'
  | 'benchmark'
  | 'currency'
  | 'minimumInvestment'
  | 'updatedAt'
  | 'holdingsCount'
  | 'weightSum';

/** How a fact's values read: text, a plain number, an ISO 8601 date, or a fraction shown as a percentage. */
export type ComparedFactKind = 'text' | 'number' | 'date' | 'percent';

/** One key fact across the compared portfolios. */
export interface ComparisonFactRow {
  fact: ComparedFact;
  label: string;
  kind: ComparedFactKind;
  /** One value per portfolio, in the order they were given (null where the API did not say). */
  values: Array<string | number | null>;
  /** True when not every portfolio has the same value (text compared trimmed, white space collapsed). */
  differs: boolean;
}

/** One asset class across the compared portfolios. */
export interface AllocationRow {
  /** The asset class as first written (trimmed), or "Unclassified". */
  assetClass: string;
  /** Its weight (fraction of 1) per portfolio; 0 where a portfolio holds none of it. */
  weights: number[];
}

/** One security across the compared portfolios (see matchHoldings for how holdings are lined up). */
export interface OverlapRow extends MatchedHolding {
  /** How many of the portfolios hold it. */
  heldBy: number;
}

/** The holdings overlap of the compared portfolios. */
export interface HoldingsOverlap {
  /** Held by every portfolio; by combined weight (largest first), then ticker. */
  common: OverlapRow[];
  /** Held by more than one portfolio but not all (only with 3 or 4); by how many hold it, combined weight, ticker. */
  partial: OverlapRow[];
  /** Held by exactly one portfolio; by that portfolio's position, its weight (largest first), then ticker. */
  unique: OverlapRow[];
  /** Per portfolio, the weight (fraction) it has in the common securities. */
  commonWeights: number[];
  /**
   * Pairwise overlap, [i][j] = Σ min(weight in i, weight in j) over the securities both hold (a fraction; 1 means
   * identical allocations). The diagonal is each portfolio's own weight sum.
   */
  pairwise: number[][];
}

/** 2–4 portfolios side by side: key facts, allocation by asset class, holdings overlap. */
export interface ModelComparison {
  portfolios: Array<{ id: string; name: string }>;
  facts: ComparisonFactRow[];
  /** By combined weight (largest first), then name; "Unclassified" last. */
  allocation: AllocationRow[];
  overlap: HoldingsOverlap;
}

const factTable: ReadonlyArray<{
  fact: ComparedFact;
  label: string;
  kind: ComparedFactKind;
  value: (p: Portfolio) => string | number | null;
}> = [
  { fact: 'id', label: 'Portfolio ID', kind: 'text', value: (p) => p.id },
  { fact: 'name', label: 'Name', kind: 'text', value: (p) => p.name },
  { fact: 'riskLevel', label: 'Risk level', kind: 'text', value: (p) => p.riskLevel },
  { fact: 'strategy', label: 'Strategy', kind: 'text', value: (p) => p.strategy },
  { fact: 'benchmark', label: 'Benchmark', kind: 'text', value: (p) => p.benchmark },
  { fact: 'currency', label: 'Currency', kind: 'text', value: (p) => p.currency },
  { fact: 'minimumInvestment', label: 'Minimum investment', kind: 'number', value: (p) => p.minimumInvestment },
  { fact: 'updatedAt', label: 'Updated at', kind: 'date', value: (p) => p.updatedAt },
  { fact: 'holdingsCount', label: 'Holdings', kind: 'number', value: (p) => p.holdings.length },
  { fact: 'weightSum', label: 'Weight sum (%)', kind: 'percent', value: (p) => p.weightSum },
];

/** Compares 2–4 portfolios (throws a RangeError for fewer or more: the caller validates the request first). */
export function compareModels(portfolios: readonly Portfolio[]): ModelComparison {
  if (portfolios.length < comparisonSize.min || portfolios.length > comparisonSize.max) {
    throw new RangeError(
      `A comparison takes ${comparisonSize.min} to ${comparisonSize.max} portfolios, got ${portfolios.length}`,
    );
  }
  return {
    portfolios: portfolios.map((p) => ({ id: p.id, name: p.name })),
    facts: factTable.map(({ fact, label, kind, value }) => {
      const values = portfolios.map(value);
      return { fact, label, kind, values, differs: !values.every((v) => sameValue(v, values[0] ?? null)) };
    }),
    allocation: allocationRows(portfolios),
    overlap: holdingsOverlap(portfolios),
  };
}

function sameValue(a: string | number | null, b: string | number | null): boolean {
  if (typeof a === 'string' && typeof b === 'string') return collapse(a) === collapse(b);
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-12;
  return a === b;
}

function collapse(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Sums weights per asset class; classes match case-insensitively and trimmed, null or blank is "Unclassified". */
function allocationRows(portfolios: readonly Portfolio[]): AllocationRow[] {
  const rows = new Map<string, AllocationRow>();
  portfolios.forEach((portfolio, column) => {
    for (const holding of portfolio.holdings) {
      const label = holding.assetClass?.trim() || unclassifiedAssetClass;
      const key = label === unclassifiedAssetClass ? '' : label.toLowerCase();
      let row = rows.get(key);
      if (!row) {
        row = { assetClass: label, weights: new Array<number>(portfolios.length).fill(0) };
        rows.set(key, row);
      }
      row.weights[column] = (row.weights[column] ?? 0) + holding.weight;
    }
  });
  const total = (row: AllocationRow): number => roundWeight(row.weights.reduce((sum, w) => sum + w, 0));
  return [...rows.values()].sort((a, b) => {
    const unclassified =
      Number(a.assetClass === unclassifiedAssetClass) - Number(b.assetClass === unclassifiedAssetClass);
    return unclassified || total(b) - total(a) || compareText(a.assetClass, b.assetClass);
  });
}

function holdingsOverlap(portfolios: readonly Portfolio[]): HoldingsOverlap {
  const n = portfolios.length;
  const rows: OverlapRow[] = matchHoldings(portfolios.map((p) => p.holdings)).map((row) => ({
    ...row,
    heldBy: row.weights.reduce<number>((count, w) => (w === null ? count : count + 1), 0),
  }));
  const combined = (row: OverlapRow): number => roundWeight(row.weights.reduce<number>((sum, w) => sum + (w ?? 0), 0));
  const byTicker = (a: OverlapRow, b: OverlapRow): number =>
    compareText(a.ticker, b.ticker) || compareText(a.name, b.name) || compareText(a.key, b.key);
  const firstHolder = (row: OverlapRow): number => row.weights.findIndex((w) => w !== null);

  const common = rows.filter((r) => r.heldBy === n).sort((a, b) => combined(b) - combined(a) || byTicker(a, b));
  const partial = rows
    .filter((r) => r.heldBy > 1 && r.heldBy < n)
    .sort((a, b) => b.heldBy - a.heldBy || combined(b) - combined(a) || byTicker(a, b));
  const unique = rows
    .filter((r) => r.heldBy === 1)
    .sort((a, b) => firstHolder(a) - firstHolder(b) || combined(b) - combined(a) || byTicker(a, b));

  const commonWeights = portfolios.map((_, i) => common.reduce((sum, row) => sum + (row.weights[i] ?? 0), 0));
  const pairwise = portfolios.map((_, i) =>
    portfolios.map((_, j) =>
      rows.reduce((sum, row) => {
        const a = row.weights[i];
        const b = row.weights[j];
        return a === null || a === undefined || b === null || b === undefined ? sum : sum + Math.min(a, b);
      }, 0),
    ),
  );
  return { common, partial, unique, commonWeights, pairwise };
}

/** Rounds a weight sum to 1e-9 for ordering, so float noise cannot break a tie between equal weights. */
function roundWeight(weight: number): number {
  return Math.round(weight * 1e9) / 1e9;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
