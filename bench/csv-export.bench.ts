// CSV export of 1,000,000 holding rows: the shipped writer (csv-stringify's sync API on batches, streamed) against
// csv-stringify's stream API, a hand-written streaming stringifier and papaparse's unparse (one big string).
// Each variant runs in its own process, so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import Papa from 'papaparse';
import { csvHeader, csvRecord, holdingColumns } from '../common/csv-columns';
import type { Portfolio } from '../common/portfolio';
import { exportHoldingsCsv } from '../main/export/csv-export';
import { writeBenchResult } from './report';

const portfolioCount = 20_000;
const holdingsPerPortfolio = 50;
const variants = ['shipped', 'csv-stringify-stream', 'hand-written', 'papaparse-unparse'] as const;
type Variant = (typeof variants)[number];

function* portfolios(): Generator<Portfolio> {
  for (let i = 0; i < portfolioCount; i += 1) {
    yield {
      id: `mp-${i}`,
      name: i % 10 === 0 ? `Income, "Core" ${i}` : `Global Growth ${i}`,
      description: null,
      riskLevel: 'Moderate',
      strategy: null,
      benchmark: null,
      currency: 'USD',
      minimumInvestment: 25000,
      updatedAt: '2025-03-01T12:00:00Z',
      weightSum: 1,
      weightsOk: true,
      holdings: Array.from({ length: holdingsPerPortfolio }, (_, j) => ({
        ticker: j % 25 === 0 ? `-T${j}` : `T${j}`,
        name: `Security ${j} Holdings Corp Class A`,
        assetClass: j % 3 === 0 ? 'Fixed Income' : 'US Equity',
        weight: 1 / holdingsPerPortfolio,
      })),
    };
  }
}

function* holdingRecords(): Generator<string[]> {
  for (const portfolio of portfolios()) {
    for (const holding of portfolio.holdings) yield csvRecord(holdingColumns, { portfolio, holding });
  }
}

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

async function handWritten(file: string): Promise<void> {
  function* chunks(): Generator<string> {
    let buffer = `\uFEFF${csvHeader(holdingColumns).map(quote).join(',')}\r\n`;
    for (const record of holdingRecords()) {
      buffer += `${record.map(quote).join(',')}\r\n`;
      if (buffer.length >= 64 * 1024) {
        yield buffer;
        buffer = '';
      }
    }
    yield buffer;
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
}

/** csv-stringify's stream API: one record per write into its Transform, piped into the file. */
async function csvStringifyStream(file: string): Promise<void> {
  function* records(): Generator<string[]> {
    yield csvHeader(holdingColumns);
    yield* holdingRecords();
  }
  await pipeline(
    Readable.from(records()),
    stringify({ bom: true, record_delimiter: '\r\n', quote_record_delimiter: true }),
    createWriteStream(file),
  );
}

async function papaparse(file: string): Promise<void> {
  const rows = [csvHeader(holdingColumns), ...holdingRecords()];
  const text = Papa.unparse(rows, { newline: '\r\n' });
  await writeFile(file, `\uFEFF${text}\r\n`);
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs one variant in this process and prints its figures as JSON. */
async function runVariant(variant: Variant, file: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const start = process.memoryUsage();
  let peakHeap = start.heapUsed;
  let peakRss = start.rss;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const timer = setInterval(sample, 10);
  const began = performance.now();
  if (variant === 'shipped') await exportHoldingsCsv(portfolios(), file);
  else if (variant === 'csv-stringify-stream') await csvStringifyStream(file);
  else if (variant === 'hand-written') await handWritten(file);
  else await papaparse(file);
  const seconds = (performance.now() - began) / 1000;
  clearInterval(timer);
  sample();
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const figures = {
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round((portfolioCount * holdingsPerPortfolio) / seconds),
    fileMB: mb((await stat(file)).size),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    rssGrowthMB: mb(peakRss - start.rss),
    sampledPeakHeapGrowthMB: mb(peakHeap - start.heapUsed),
    sha256: await sha256(file),
  };
  process.stdout.write(JSON.stringify(figures));
}

async function main(): Promise<void> {
  const [variant, file] = process.argv.slice(2);
  if (variant && file) return runVariant(variant as Variant, file);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'csv-bench-'));
  const results: Record<string, Record<string, number | string>> = {};
  try {
    for (const name of variants) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, import.meta.filename, name, path.join(dir, `${name}.csv`)],
        {
          encoding: 'utf8',
          maxBuffer: 1024 * 1024,
        },
      );
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`);
      results[name] = JSON.parse(child.stdout) as Record<string, number | string>;
      await rm(path.join(dir, `${name}.csv`), { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const shipped = results['shipped']!;
  const stream = results['csv-stringify-stream']!;
  const hand = results['hand-written']!;
  const papa = results['papaparse-unparse']!;
  const ratio = (a: unknown, b: unknown): number => Math.round((Number(a) / Number(b)) * 100) / 100;
  await writeBenchResult('csv-export', {
    rows: portfolioCount * holdingsPerPortfolio,
    shippedIs:
      'exportHoldingsCsv: csv-stringify sync API on batches of 100 records, a generator piped into fs.createWriteStream, temp file + rename',
    shipped,
    'csv-stringify-stream': stream,
    'hand-written': hand,
    'papaparse-unparse': papa,
    sameBytes: {
      csvStringifyStream: shipped.sha256 === stream.sha256,
      handWritten: shipped.sha256 === hand.sha256,
      papaparse: shipped.sha256 === papa.sha256,
    },
    ratios: {
      timeShippedVsPapaparse: ratio(shipped.seconds, papa.seconds),
      timeShippedVsCsvStringifyStream: ratio(shipped.seconds, stream.seconds),
      timeShippedVsHandWritten: ratio(shipped.seconds, hand.seconds),
      peakRssShippedVsPapaparse: ratio(shipped.peakRssMB, papa.peakRssMB),
    },
    // Other work on the machine skews timings; this says how busy it was.
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  });
}

await main();
