import {
  comparisonCsvColumns,
  comparisonCsvRows,
  tradeListColumns,
  tradeListRows,
  type TradeListRow,
} from '../../common/change-csv-columns';
import type { ModelChanges } from '../../common/model-changes';
import type { ModelComparison } from '../../common/model-comparison';
import { writeCsv, type CsvExportOptions, type CsvExportResult } from './csv-export';

/** One portfolio's changes for the trade-list export, with the dates of its two versions (default: their updatedAt). */
export interface TradeListEntry {
  changes: ModelChanges;
  dates?: { from: string | null; to: string | null };
}

/** One portfolio's changes or those of many (all changed since a date), from memory or streamed from the cache. */
export type TradeListSource = Iterable<TradeListEntry> | AsyncIterable<TradeListEntry>;

async function* rowsOf(entries: TradeListSource): AsyncGenerator<TradeListRow> {
  for await (const entry of entries) yield* tradeListRows(entry.changes, entry.dates);
}

/**
 * Writes trade lists as CSV (one row per holding change, portfolio after portfolio), with the same file rules as
 * every export (RFC 4180, CRLF, BOM by default, formula-safe, streamed to a temp file and renamed into place).
 */
export function exportTradeListCsv(
  entries: TradeListSource,
  filePath: string,
  options?: CsvExportOptions,
): Promise<CsvExportResult> {
  return writeCsv(rowsOf(entries), tradeListColumns, filePath, options);
}

/** Writes a comparison of 2–4 portfolios as CSV: facts, allocation, holdings and overlap, one column per portfolio. */
export function exportComparisonCsv(
  comparison: ModelComparison,
  filePath: string,
  options?: CsvExportOptions,
): Promise<CsvExportResult> {
  return writeCsv(comparisonCsvRows(comparison), comparisonCsvColumns(comparison), filePath, options);
}
