import type { CsvColumn } from './csv-columns';
import { formatDate, neutralizeFormula } from './csv-format';
import type { HoldingChange, HoldingChangeKind, ModelChanges } from './model-changes';
import type { ModelComparison } from './model-comparison';

/** One row of the trade-list export: a holding change with the portfolio and the two versions it lies between. */
export interface TradeListRow {
  portfolioId: string;
  portfolioName: string;
  /** When the older and the newer version are dated (ISO 8601), as the caller dates kept versions. */
  fromDate: string | null;
  toDate: string | null;
  change: HoldingChange;
}

/** How a change kind is written in the CSV. */
export const changeKindLabels: Readonly<Record<HoldingChangeKind, string>> = {
  added: 'added',
  removed: 'removed',
  reweighted: 're-weighted',
};

/**
 * The trade-list rows of one portfolio's changes, in trade-list order. The dates default to the versions'
 * updatedAt; pass the dates the cache keeps versions under when they differ.
 */
export function tradeListRows(
  changes: ModelChanges,
  dates: { from: string | null; to: string | null } = { from: changes.fromUpdatedAt, to: changes.toUpdatedAt },
): TradeListRow[] {
  return changes.holdings.map((change) => ({
    portfolioId: changes.portfolioId,
    portfolioName: changes.name,
    fromDate: dates.from,
    toDate: dates.to,
    change,
  }));
}

/** The trade-list export's columns (one row per holding change), in their fixed order. Weights in percent. */
export const tradeListColumns: readonly CsvColumn<TradeListRow>[] = [
  { key: 'portfolioId', header: 'Portfolio ID', kind: 'text', value: (r) => r.portfolioId },
  { key: 'portfolioName', header: 'Portfolio name', kind: 'text', value: (r) => r.portfolioName },
  { key: 'fromDate', header: 'From version', kind: 'date', value: (r) => r.fromDate },
  { key: 'toDate', header: 'To version', kind: 'date', value: (r) => r.toDate },
  { key: 'ticker', header: 'Ticker', kind: 'text', value: (r) => r.change.ticker },
  { key: 'securityName', header: 'Security name', kind: 'text', value: (r) => r.change.name },
  { key: 'assetClass', header: 'Asset class', kind: 'text', value: (r) => r.change.assetClass },
  { key: 'change', header: 'Change', kind: 'text', value: (r) => changeKindLabels[r.change.kind] },
  { key: 'action', header: 'Action', kind: 'text', value: (r) => r.change.action },
  { key: 'oldWeightPercent', header: 'Old weight (%)', kind: 'number', value: (r) => r.change.oldWeight * 100 },
  { key: 'newWeightPercent', header: 'New weight (%)', kind: 'number', value: (r) => r.change.newWeight * 100 },
  { key: 'changePp', header: 'Change (pp)', kind: 'number', value: (r) => r.change.changePp },
];

/** The sections of the comparison export, in order. */
export type ComparisonSection = 'Facts' | 'Allocation' | 'Holdings' | 'Overlap';

/** One row of the comparison export: a fact, an asset class, a security or an overlap figure, one value per portfolio. */
export interface ComparisonCsvRow {
  section: ComparisonSection;
  /** The fact's label, the asset class, the ticker, or the overlap figure's name. */
  item: string;
  /** Holdings rows only. */
  securityName: string | null;
  assetClass: string | null;
  heldBy: number | null;
  /** One cell per portfolio: text, a number, or null for an empty cell. Weights are already in percent. */
  values: Array<string | number | null>;
}

/**
 * The comparison export's rows: every key fact (dates as ISO 8601, weight sum in percent), the allocation by
 * asset class, every security (common, then partial, then unique; a portfolio that does not hold it gets an empty
 * cell), and the weight each portfolio has in the common securities. Weights are percentages.
 */
export function comparisonCsvRows(comparison: ModelComparison): ComparisonCsvRow[] {
  const percent = (weight: number | null): number | null => (weight === null ? null : weight * 100);
  const rows: ComparisonCsvRow[] = [];
  const blank = { securityName: null, assetClass: null, heldBy: null };
  for (const fact of comparison.facts) {
    const values = fact.values.map((value) => {
      if (value === null) return null;
      if (fact.kind === 'date') return formatDate(String(value));
      if (fact.kind === 'percent' && typeof value === 'number') return value * 100;
      return value;
    });
    rows.push({ section: 'Facts', item: fact.label, ...blank, values });
  }
  for (const row of comparison.allocation) {
    rows.push({ section: 'Allocation', item: row.assetClass, ...blank, values: row.weights.map(percent) });
  }
  const { common, partial, unique, commonWeights } = comparison.overlap;
  for (const row of [...common, ...partial, ...unique]) {
    rows.push({
      section: 'Holdings',
      item: row.ticker,
      securityName: row.name,
      assetClass: row.assetClass,
      heldBy: row.heldBy,
      values: row.weights.map((w) => percent(w ?? null)),
    });
  }
  rows.push({
    section: 'Overlap',
    item: 'Weight in common holdings (%)',
    ...blank,
    values: commonWeights.map(percent),
  });
  return rows;
}

/**
 * The comparison export's columns: Section, Item, Security name, Asset class, Held by, then one column per
 * portfolio headed "<name> (<id>)" (formula-neutralised, as a header comes from the API). A portfolio cell is
 * written as a number when it is one (locale-independent, never neutralised) and as neutralised text otherwise.
 */
export function comparisonCsvColumns(comparison: ModelComparison): CsvColumn<ComparisonCsvRow>[] {
  return [
    { key: 'section', header: 'Section', kind: 'text', value: (r) => r.section },
    { key: 'item', header: 'Item', kind: 'text', value: (r) => r.item },
    { key: 'securityName', header: 'Security name', kind: 'text', value: (r) => r.securityName },
    { key: 'assetClass', header: 'Asset class', kind: 'text', value: (r) => r.assetClass },
    { key: 'heldBy', header: 'Held by', kind: 'number', value: (r) => r.heldBy },
    ...comparison.portfolios.map((portfolio, index): CsvColumn<ComparisonCsvRow> => ({
      key: `portfolio${index + 1}`,
      header: neutralizeFormula(`${portfolio.name} (${portfolio.id})`),
      kind: 'number',
      value: (r) => r.values[index] ?? null,
    })),
  ];
}
