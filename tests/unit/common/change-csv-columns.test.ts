import { describe, expect, it } from 'vitest';
import {
  comparisonCsvColumns,
  comparisonCsvRows,
  tradeListColumns,
  tradeListRows,
} from '../../../common/change-csv-columns';
import { csvHeader, csvRecord } from '../../../common/csv-columns';
import { computeModelChanges } from '../../../common/model-changes';
import { compareModels } from '../../../common/model-comparison';
import { h, portfolio } from './portfolio-fixture';

const before = portfolio([h('AAA', 50), h('-CASH', 30, { name: '=Cash', assetClass: null }), h('OLD', 20)], {
  name: '=SUM(A1) Growth',
  updatedAt: '2025-03-01T12:00:00.000Z',
});
const after = portfolio([h('AAA', 45.5), h('-CASH', 30, { name: '=Cash', assetClass: null }), h('NEW', 24.5)], {
  name: '=SUM(A1) Growth',
  updatedAt: '2025-04-01T08:30:00.000Z',
});

describe('trade-list CSV columns', () => {
  it('keep a stable order with human-readable headers and unique keys', () => {
    expect(csvHeader(tradeListColumns)).toEqual([
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
    expect(new Set(tradeListColumns.map((c) => c.key)).size).toBe(tradeListColumns.length);
  });

  it('write one row per holding change: text neutralised, weights in percent, negative changes as numbers, ISO dates', () => {
    const rows = tradeListRows(computeModelChanges(before, after));
    expect(rows.map((row) => csvRecord(tradeListColumns, row))).toEqual([
      [
        'mp-000001',
        "'=SUM(A1) Growth",
        '2025-03-01T12:00:00Z',
        '2025-04-01T08:30:00Z',
        'OLD',
        'OLD Corp',
        'US Equity',
        'removed',
        'sell',
        '20',
        '0',
        '-20',
      ],
      [
        'mp-000001',
        "'=SUM(A1) Growth",
        '2025-03-01T12:00:00Z',
        '2025-04-01T08:30:00Z',
        'AAA',
        'AAA Corp',
        'US Equity',
        're-weighted',
        'sell',
        '50',
        '45.5',
        '-4.5',
      ],
      [
        'mp-000001',
        "'=SUM(A1) Growth",
        '2025-03-01T12:00:00Z',
        '2025-04-01T08:30:00Z',
        'NEW',
        'NEW Corp',
        'US Equity',
        'added',
        'buy',
        '0',
        '24.5',
        '24.5',
      ],
    ]);
  });

  it('take the dates the caller keeps versions under, when given', () => {
    const [row] = tradeListRows(computeModelChanges(before, after), { from: '2025-03-02', to: null });
    expect(row && csvRecord(tradeListColumns, row).slice(2, 4)).toEqual(['2025-03-02', '']);
  });
});

describe('comparison CSV columns', () => {
  const other = portfolio([h('AAA', 60), h('BBB', 40, { assetClass: 'Fixed Income' })], {
    id: 'mp-000002',
    name: '+Income',
    minimumInvestment: -5,
  });
  const comparison = compareModels([after, other]);

  it('head one column per portfolio with its name and id, neutralised', () => {
    expect(csvHeader(comparisonCsvColumns(comparison))).toEqual([
      'Section',
      'Item',
      'Security name',
      'Asset class',
      'Held by',
      "'=SUM(A1) Growth (mp-000001)",
      "'+Income (mp-000002)",
    ]);
  });

  it('write facts, allocation, holdings and overlap, with numbers plain and text neutralised', () => {
    const columns = comparisonCsvColumns(comparison);
    const records = comparisonCsvRows(comparison).map((row) => csvRecord(columns, row));
    expect(records).toEqual([
      ['Facts', 'Portfolio ID', '', '', '', 'mp-000001', 'mp-000002'],
      ['Facts', 'Name', '', '', '', "'=SUM(A1) Growth", "'+Income"],
      ['Facts', 'Risk level', '', '', '', 'Moderate', 'Moderate'],
      ['Facts', 'Strategy', '', '', '', 'Strategic Asset Allocation', 'Strategic Asset Allocation'],
      [
        'Facts',
        'Benchmark',
        '',
        '',
        '',
        '60% S&P 500 / 40% Bloomberg US Aggregate',
        '60% S&P 500 / 40% Bloomberg US Aggregate',
      ],
      ['Facts', 'Currency', '', '', '', 'USD', 'USD'],
      ['Facts', 'Minimum investment', '', '', '', '25000', '-5'],
      ['Facts', 'Updated at', '', '', '', '2025-04-01T08:30:00Z', '2025-03-01T12:00:00Z'],
      ['Facts', 'Holdings', '', '', '', '3', '2'],
      ['Facts', 'Weight sum (%)', '', '', '', '100', '100'],
      ['Allocation', 'US Equity', '', '', '', '70', '60'],
      ['Allocation', 'Fixed Income', '', '', '', '0', '40'],
      ['Allocation', 'Unclassified', '', '', '', '30', '0'],
      ['Holdings', 'AAA', 'AAA Corp', 'US Equity', '2', '45.5', '60'],
      ['Holdings', "'-CASH", "'=Cash", '', '1', '30', ''],
      ['Holdings', 'NEW', 'NEW Corp', 'US Equity', '1', '24.5', ''],
      ['Holdings', 'BBB', 'BBB Corp', 'Fixed Income', '1', '', '40'],
      ['Overlap', 'Weight in common holdings (%)', '', '', '', '45.5', '60'],
    ]);
  });
});
