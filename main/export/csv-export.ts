import { stringify } from 'csv-stringify';
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
 * Streams rows as RFC 4180 CSV (CRLF, quoting as needed, UTF-8, optional BOM, header row) into a temp file beside
 * the target, then renames it into place: the chosen path gets a whole file or nothing, and memory stays flat.
 */
async function writeCsv<Row>(
  rows: Iterable<Row> | AsyncIterable<Row>,
  columns: readonly CsvColumn<Row>[],
  filePath: string,
  options: CsvExportOptions = {},
): Promise<CsvExportResult> {
  const target = path.resolve(filePath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let count = 0;
  async function* records(): AsyncGenerator<string[]> {
    yield csvHeader(columns);
    for await (const row of rows) {
      count += 1;
      yield csvRecord(columns, row);
    }
  }
  try {
    options.signal?.throwIfAborted();
    await pipeline(
      Readable.from(records()),
      stringify({
        bom: options.bom ?? true,
        record_delimiter: '\r\n',
        // csv-stringify stops quoting a lone LF or CR once record_delimiter is set; RFC 4180 needs it quoted.
        quote_record_delimiter: true,
        // Formulas are neutralised per column kind in common/csv-columns (text only, never a number cell).
        escape_formulas: false,
      }),
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
