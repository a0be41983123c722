import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeModelChanges, type ModelChanges } from '../../../common/model-changes';
import { compareModels } from '../../../common/model-comparison';
import type { Portfolio } from '../../../common/portfolio';
import { exportComparisonCsv, exportTradeListCsv, type TradeListEntry } from '../../../main/export/change-export';
import { holding, portfolio, trickyTexts } from './export-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'change-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The OWASP rule (plus full-width = + - @), restated independently of the code under test. */
function inert(text: string | null): string {
  if (text === null) return '';
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

function readWithPapaparse(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data;
  if (rows.at(-1)?.length === 1 && rows.at(-1)?.[0] === '') rows.pop();
  return rows;
}

/** Two versions of a portfolio per tricky text: the text as portfolio name, security name and asset class. */
function versions(text: string, index: number): [Portfolio, Portfolio] {
  const weights = (holdings: Portfolio['holdings']) => {
    const weightSum = holdings.reduce((sum, h) => sum + h.weight, 0);
    return { holdings, weightSum, weightsOk: Math.abs(weightSum - 1) < 0.0005 };
  };
  const base = { id: `id-${index}`, name: text, riskLevel: 'Moderate', updatedAt: '2025-03-01T12:30:00Z' };
  const before = portfolio({
    ...base,
    ...weights([
      holding('AAA', 'Alpha', 0.5, 'US Equity'),
      holding(`T${index}`, text, 0.3, text),
      holding('-CASH', 'Cash, 0', 0.2),
    ]),
  });
  const after = portfolio({
    ...base,
    updatedAt: '2025-04-15T09:00:00.000Z',
    ...weights([
      holding('AAA', 'Alpha', 0.4567, 'US Equity'),
      holding('-CASH', 'Cash, 0', 0.2),
      holding(`N${index}`, `${text} II`, 0.3433, null),
    ]),
  });
  return [before, after];
}

describe('the trade-list CSV', () => {
  const changes: ModelChanges[] = trickyTexts.map((text, i) => {
    const [before, after] = versions(text, i);
    return computeModelChanges(before, after);
  });

  /** What the Changes table shows, cell by cell: the same values, with the documented quote on formula-like text. */
  function expectedRows(): string[][] {
    return changes.flatMap((set) =>
      set.holdings.map((c) => [
        inert(set.portfolioId),
        inert(set.name),
        '2025-03-01T12:30:00Z',
        '2025-04-15T09:00:00Z',
        inert(c.ticker),
        inert(c.name),
        inert(c.assetClass),
        c.kind === 'reweighted' ? 're-weighted' : c.kind,
        c.action,
        String(Math.round(c.oldWeight * 100 * 1e6) / 1e6),
        String(Math.round(c.newWeight * 100 * 1e6) / 1e6),
        String(c.changePp),
      ]),
    );
  }

  it('reads back with papaparse equal to the computed trade lists, streamed from an async source', async () => {
    async function* slowly(): AsyncGenerator<TradeListEntry> {
      for (const set of changes) {
        await new Promise((resolve) => setImmediate(resolve));
        yield { changes: set };
      }
    }
    const file = path.join(dir, 'trades.csv');
    const result = await exportTradeListCsv(slowly(), file);
    const bytes = await readFile(file);
    const rows = readWithPapaparse(bytes);
    const expected = expectedRows();
    expect(expected).toHaveLength(trickyTexts.length * 3);
    expect(result).toEqual({ rows: expected.length, bytes: bytes.length, path: file });
    expect(rows[0]).toEqual([
      'Portfolio ID',
      'Portfolio name',
      'From version',
      'To version',
      'Ticker',
      'Security name',
      'Asset class',
      'Change',
      'Action',
      'Old weight (%)',
      'New weight (%)',
      'Change (pp)',
    ]);
    expect(rows.slice(1)).toEqual(expected);
    // The trade list of each portfolio: sell the removed and trimmed holdings first, then buy the new one.
    expect(rows.slice(1, 4).map((row) => [row[7], row[8], row[11]])).toEqual([
      ['removed', 'sell', '-30'],
      ['re-weighted', 'sell', '-4.33'],
      ['added', 'buy', '34.33'],
    ]);
  });

  it('writes the version dates the caller gives, and only the header when nothing changed', async () => {
    const file = path.join(dir, 'dated.csv');
    await exportTradeListCsv(
      [{ changes: changes[0]!, dates: { from: '2025-03-02', to: '2025-04-16T00:00:00Z' } }],
      file,
    );
    const rows = readWithPapaparse(await readFile(file));
    expect(rows.slice(1).map((row) => [row[2], row[3]])).toEqual([
      ['2025-03-02', '2025-04-16T00:00:00Z'],
      ['2025-03-02', '2025-04-16T00:00:00Z'],
      ['2025-03-02', '2025-04-16T00:00:00Z'],
    ]);
    const [same] = versions('Plain', 0);
    const empty = path.join(dir, 'empty.csv');
    await expect(exportTradeListCsv([{ changes: computeModelChanges(same, same) }], empty)).resolves.toMatchObject({
      rows: 0,
    });
    expect(readWithPapaparse(await readFile(empty))).toHaveLength(1);
  });
});

describe('the comparison CSV', () => {
  it('reads back with papaparse: one column per portfolio, every section, numbers plain', async () => {
    const picked = [versions(trickyTexts[8]!, 8)[1], versions(trickyTexts[2]!, 2)[1], versions(trickyTexts[5]!, 5)[0]];
    const comparison = compareModels(picked);
    const file = path.join(dir, 'compare.csv');
    const result = await exportComparisonCsv(comparison, file);
    const rows = readWithPapaparse(await readFile(file));
    expect(rows[0]).toEqual([
      'Section',
      'Item',
      'Security name',
      'Asset class',
      'Held by',
      `'=HYPERLINK("http://evil.example","click") (id-8)`,
      'Income, Balanced (id-2)',
      'Line one\nline two (id-5)',
    ]);
    expect(result.rows).toBe(rows.length - 1);
    for (const row of rows) expect(row).toHaveLength(8);
    const find = (section: string, item: string) => rows.find((row) => row[0] === section && row[1] === item);
    expect(find('Facts', 'Name')?.slice(5)).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      'Income, Balanced',
      'Line one\nline two',
    ]);
    expect(find('Holdings', 'AAA')?.slice(2)).toEqual(['Alpha', 'US Equity', '3', '45.67', '45.67', '50']);
    expect(find('Holdings', "'-CASH")?.slice(4)).toEqual(['3', '20', '20', '20']);
    expect(find('Allocation', 'Unclassified')?.slice(5)).toEqual(['54.33', '54.33', '20']);
    expect(find('Overlap', 'Weight in common holdings (%)')?.slice(5)).toEqual(['65.67', '65.67', '70']);
    expect(rows.filter((row) => row[0] === 'Holdings').map((row) => row[1])).toEqual([
      'AAA',
      "'-CASH",
      'N8',
      'N2',
      'T5',
    ]);
  });
});
