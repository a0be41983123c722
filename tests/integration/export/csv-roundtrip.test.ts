import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHoldingsCsv, exportPortfolioListCsv } from '../../../main/export/csv-export';
import type { Portfolio } from '../../../common/portfolio';
import { trickyPortfolios } from './export-fixtures';

const run = promisify(execFile);
const pythonReader = [
  'import csv, json, sys',
  "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:",
  '    print(json.dumps(list(csv.reader(f))))',
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'csv-roundtrip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The OWASP rule (plus full-width = + - @), restated independently of the code under test. */
function inert(text: string | null): string {
  if (text === null) return '';
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

function expectedListRows(portfolios: Portfolio[]): string[][] {
  const numbers: Record<string, string> = {
    '25000': '25000',
    '-1.5': '-1.5',
    '0.30000000000000004': '0.3',
    '1234567.891': '1234567.891',
  };
  return [
    [
      'Portfolio ID',
      'Name',
      'Description',
      'Risk level',
      'Strategy',
      'Benchmark',
      'Currency',
      'Minimum investment',
      'Updated at',
      'Holdings',
      'Weight sum (%)',
      'Weights complete',
    ],
    ...portfolios.map((p) => [
      inert(p.id),
      inert(p.name),
      inert(p.description),
      inert(p.riskLevel),
      inert(p.strategy),
      inert(p.benchmark),
      inert(p.currency),
      p.minimumInvestment === null ? '' : numbers[String(p.minimumInvestment)]!,
      p.updatedAt === null ? '' : '2025-03-01T12:30:00Z',
      String(p.holdings.length),
      '100',
      p.weightsOk ? 'yes' : 'no',
    ]),
  ];
}

function expectedHoldingRows(portfolios: Portfolio[]): string[][] {
  return [
    ['Portfolio ID', 'Portfolio name', 'Ticker', 'Security name', 'Asset class', 'Weight (%)'],
    ...portfolios.flatMap((p) =>
      p.holdings.map((h) => [
        inert(p.id),
        inert(p.name),
        inert(h.ticker),
        inert(h.name),
        inert(h.assetClass),
        h.weight === 0.07 ? '7' : '93',
      ]),
    ),
  ];
}

async function readWithPython(file: string): Promise<string[][]> {
  const { stdout } = await run('python3', ['-c', pythonReader, file], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as string[][];
}

function readWithPapaparse(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data;
  // A file that ends with CRLF leaves one empty trailing record in papaparse.
  if (rows.length > 0 && rows.at(-1)!.length === 1 && rows.at(-1)![0] === '') rows.pop();
  return rows;
}

/** Every line break outside a quoted field is CRLF, and the file ends with one. */
function lineBreaksOutsideQuotes(bytes: Buffer): { crlf: number; bare: number } {
  let quoted = false;
  let crlf = 0;
  let bare = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte === 0x22) quoted = !quoted;
    else if (!quoted && byte === 0x0d && bytes[i + 1] === 0x0a) {
      crlf += 1;
      i += 1;
    } else if (!quoted && (byte === 0x0a || byte === 0x0d)) bare += 1;
  }
  return { crlf, bare };
}

const exports = [
  { name: 'portfolio list', write: exportPortfolioListCsv, expected: expectedListRows },
  { name: 'holdings', write: exportHoldingsCsv, expected: expectedHoldingRows },
] as const;

describe.each(exports)('the $name CSV', ({ name, write, expected }) => {
  const portfolios = trickyPortfolios();
  const rows = expected(portfolios);

  it('reads back cell for cell with papaparse and with Python csv, BOM first, CRLF line ends', async () => {
    const file = path.join(dir, `${name}.csv`);
    const result = await write(portfolios, file);
    const bytes = await readFile(file);
    expect(result).toEqual({ rows: rows.length - 1, bytes: bytes.length, path: file });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(-2).toString('latin1')).toBe('\r\n');
    expect(lineBreaksOutsideQuotes(bytes)).toEqual({ crlf: rows.length, bare: 0 });
    expect(readWithPapaparse(bytes)).toEqual(rows);
    expect(await readWithPython(file)).toEqual(rows);
  });

  it('leaves the BOM out with bom: false and still reads back the same', async () => {
    const file = path.join(dir, `${name}-nobom.csv`);
    await write(portfolios, file, { bom: false });
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 3).toString('utf8')).toBe(rows[0]![0]!.slice(0, 3));
    expect(readWithPapaparse(bytes)).toEqual(rows);
    expect(await readWithPython(file)).toEqual(rows);
  });

  it('accepts an async source and writes only the header for no portfolios', async () => {
    async function* slowly(): AsyncGenerator<Portfolio> {
      for (const portfolio of portfolios) {
        await new Promise((resolve) => setImmediate(resolve));
        yield portfolio;
      }
    }
    const file = path.join(dir, `${name}-async.csv`);
    await write(slowly(), file);
    expect(await readWithPython(file)).toEqual(rows);
    const empty = path.join(dir, `${name}-empty.csv`);
    await expect(write([], empty)).resolves.toMatchObject({ rows: 0 });
    expect(await readWithPython(empty)).toEqual([rows[0]]);
  });
});

describe('quoting', () => {
  it('quotes exactly the fields with a comma, quote, CR or LF, doubling quotes', async () => {
    const file = path.join(dir, 'quoting.csv');
    await exportHoldingsCsv(trickyPortfolios().slice(0, 8), file, { bom: false });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('\r\nid-2,"Income, Balanced",');
    expect(text).toContain(',"The ""Core"" portfolio",');
    expect(text).toContain(',"""quoted at both ends""",');
    expect(text).toContain(',"Line one\nline two",');
    expect(text).toContain(',"Windows\r\nline break",');
    expect(text).toContain(',"Old Mac\rline break",');
    expect(text).toContain('\r\nid-0,Plain Growth,T0,Plain Growth,US Equity,7\r\n');
    expect(text).toContain(',\'-CASH,"Cash, 0",,93\r\n');
  });
});
