import { stringify } from 'csv-stringify/sync';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  csvHeader,
  csvRecord,
  holdingColumns,
  portfolioListColumns,
  type CsvColumn,
  type HoldingRow,
} from '../../common/csv-columns';
import type { Portfolio } from '../../common/portfolio';
import { AppError } from '../../common/result';
import { exportFailed } from './export-error';

/** Options of a CSV export: the UTF-8 byte-order mark (on by default, so Excel reads UTF-8) and a cancel signal. */
export interface CsvExportOptions {
  bom?: boolean;
  signal?: AbortSignal;
}

/** What an export wrote: data rows (header not counted), file size in bytes (BOM included) and the final path. */
export interface CsvExportResult {
  rows: number;
  bytes: number;
  path: string;
}

/** Portfolios from memory or streamed from elsewhere (the cache, a sync). */
export type PortfolioSource = Iterable<Portfolio> | AsyncIterable<Portfolio>;

async function* holdingRows(portfolios: PortfolioSource): AsyncGenerator<HoldingRow> {
  for await (const portfolio of portfolios) {
    for (const holding of portfolio.holdings) yield { portfolio, holding };
  }
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error as { name?: unknown } | null)?.name === 'AbortError';
}

/**
 * How csv-stringify writes a batch: CRLF record ends, quotes only where needed (`,` `"` CR LF; quotes doubled).
 * csv-stringify stops quoting a lone LF or CR once record_delimiter is set, so quote_record_delimiter turns it
 * back on (RFC 4180 needs it). Formulas are neutralised per column kind in common/csv-columns (text only, never
 * a number cell), so csv-stringify's own escape_formulas stays off.
 */
const stringifyOptions = { record_delimiter: '\r\n', quote_record_delimiter: true, escape_formulas: false } as const;

/** Records per csv-stringify call: large enough to amortise its per-call cost, small enough to keep memory flat. */
const batchSize = 100;

/**
 * Streams rows as RFC 4180 CSV (CRLF, quoting as needed, UTF-8, optional BOM, header row) into a temp file beside
 * the target, then renames it into place: the chosen path gets a whole file or nothing, and memory stays flat
 * (a generator of batches, pulled by the file stream as it drains). docs/csv.md has the measurements.
 */
export async function writeCsv<Row>(
  rows: Iterable<Row> | AsyncIterable<Row>,
  columns: readonly CsvColumn<Row>[],
  filePath: string,
  options: CsvExportOptions = {},
): Promise<CsvExportResult> {
  const target = path.resolve(filePath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    if (options.bom ?? true) yield '\uFEFF';
    let batch: string[][] = [csvHeader(columns)];
    for await (const row of rows) {
      count += 1;
      batch.push(csvRecord(columns, row));
      if (batch.length >= batchSize) {
        yield stringify(batch, stringifyOptions);
        batch = [];
      }
    }
    if (batch.length > 0) yield stringify(batch, stringifyOptions);
  }
  try {
    options.signal?.throwIfAborted();
    await pipeline(
      Readable.from(chunks()),
      createWriteStream(temp, { flags: 'wx', flush: true }),
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
    const { size } = await stat(temp);
    await rename(temp, target);
    return { rows: count, bytes: size, path: target };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (isAbort(error, options.signal)) throw new AppError('EXPORT_CANCELLED');
    if (error instanceof AppError) throw error;
    throw exportFailed(error);
  }
}

/** Writes the portfolio list (one row per portfolio) as a CSV file at filePath. */
export function exportPortfolioListCsv(
  portfolios: PortfolioSource,
  filePath: string,
  options?: CsvExportOptions,
): Promise<CsvExportResult> {
  return writeCsv(portfolios, portfolioListColumns, filePath, options);
}

/** Writes every holding of the given portfolios (one row per holding) as a CSV file at filePath. */
export function exportHoldingsCsv(
  portfolios: PortfolioSource,
  filePath: string,
  options?: CsvExportOptions,
): Promise<CsvExportResult> {
  return writeCsv(holdingRows(portfolios), holdingColumns, filePath, options);
}
