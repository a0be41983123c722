import { formatDate, formatNumber, neutralizeFormula } from './csv-format';
import type { Holding, Portfolio } from './portfolio';

/** How a column's values are written: text (formula-neutralised), number (locale-independent) or date (ISO 8601). */
export type CsvCellKind = 'text' | 'number' | 'date';

/** One CSV column: a stable key, its human-readable header label, its kind and how to get the value from a row. */
export interface CsvColumn<Row> {
  key: string;
  header: string;
  kind: CsvCellKind;
  value: (row: Row) => string | number | null;
}

/** One row of the holdings export: a holding with the portfolio it belongs to. */
export interface HoldingRow {
  portfolio: Portfolio;
  holding: Holding;
}

/** A weight fraction as a percentage (0.25 → 25). */
function percent(fraction: number): number {
  return fraction * 100;
}

/** The portfolio list export's columns, in their fixed order. */
export const portfolioListColumns: readonly CsvColumn<Portfolio>[] = [
  { key: 'id', header: 'Portfolio ID', kind: 'text', value: (p) => p.id },
  { key: 'name', header: 'Name', kind: 'text', value: (p) => p.name },
  { key: 'description', header: 'Description', kind: 'text', value: (p) => p.description },
  { key: 'riskLevel', header: 'Risk level', kind: 'text', value: (p) => p.riskLevel },
  { key: 'strategy', header: 'Strategy', kind: 'text', value: (p) => p.strategy },
  { key: 'benchmark', header: 'Benchmark', kind: 'text', value: (p) => p.benchmark },
  { key: 'currency', header: 'Currency', kind: 'text', value: (p) => p.currency },
  { key: 'minimumInvestment', header: 'Minimum investment', kind: 'number', value: (p) => p.minimumInvestment },
  { key: 'updatedAt', header: 'Updated at', kind: 'date', value: (p) => p.updatedAt },
  { key: 'holdingsCount', header: 'Holdings', kind: 'number', value: (p) => p.holdings.length },
  { key: 'weightSumPercent', header: 'Weight sum (%)', kind: 'number', value: (p) => percent(p.weightSum) },
  { key: 'weightsComplete', header: 'Weights complete', kind: 'text', value: (p) => (p.weightsOk ? 'yes' : 'no') },
];

/** The holdings export's columns (one row per holding), in their fixed order. */
export const holdingColumns: readonly CsvColumn<HoldingRow>[] = [
  { key: 'portfolioId', header: 'Portfolio ID', kind: 'text', value: (r) => r.portfolio.id },
  { key: 'portfolioName', header: 'Portfolio name', kind: 'text', value: (r) => r.portfolio.name },
  { key: 'ticker', header: 'Ticker', kind: 'text', value: (r) => r.holding.ticker },
  { key: 'securityName', header: 'Security name', kind: 'text', value: (r) => r.holding.name },
  { key: 'assetClass', header: 'Asset class', kind: 'text', value: (r) => r.holding.assetClass },
  { key: 'weightPercent', header: 'Weight (%)', kind: 'number', value: (r) => percent(r.holding.weight) },
];

/** The header row's labels for a set of columns. */
export function csvHeader<Row>(columns: readonly CsvColumn<Row>[]): string[] {
  return columns.map((column) => column.header);
}

/** Formats one cell by its column's kind; null and unusable values become an empty cell. */
export function formatCell(kind: CsvCellKind, value: string | number | null): string {
  if (value === null) return '';
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : neutralizeFormula(value);
    case 'date':
      return formatDate(String(value));
    case 'text':
      return neutralizeFormula(String(value));
  }
}

/** One data row's cells, formatted and formula-neutralised, in column order (CSV quoting is the writer's job). */
export function csvRecord<Row>(columns: readonly CsvColumn<Row>[], row: Row): string[] {
  return columns.map((column) => formatCell(column.kind, column.value(row)));
}
