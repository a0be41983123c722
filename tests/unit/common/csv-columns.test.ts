import { describe, expect, it } from 'vitest';
import { csvHeader, csvRecord, formatCell, holdingColumns, portfolioListColumns } from '../../../common/csv-columns';
import type { Portfolio } from '../../../common/portfolio';

const portfolio: Portfolio = {
  id: 'p-1',
  name: '=cmd',
  description: null,
  riskLevel: 'Moderate',
  strategy: '-short',
  benchmark: 'MSCI ACWI',
  currency: 'USD',
  minimumInvestment: -1.5,
  updatedAt: '2025-03-01T12:00:00.000Z',
  holdings: [
    { ticker: 'AAA', name: 'Alpha', assetClass: 'US Equity', weight: 0.07 },
    { ticker: '+B', name: 'Beta', assetClass: null, weight: 0.929 },
  ],
  weightSum: 0.999,
  weightsOk: false,
};

describe('CSV columns', () => {
  it('keep a stable order with human-readable headers', () => {
    expect(csvHeader(portfolioListColumns)).toEqual([
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
    ]);
    expect(csvHeader(holdingColumns)).toEqual([
      'Portfolio ID',
      'Portfolio name',
      'Ticker',
      'Security name',
      'Asset class',
      'Weight (%)',
    ]);
    expect(new Set(portfolioListColumns.map((c) => c.key)).size).toBe(portfolioListColumns.length);
  });

  it('format a portfolio row: text neutralised, numbers plain (a negative number is not text), dates ISO', () => {
    expect(csvRecord(portfolioListColumns, portfolio)).toEqual([
      'p-1',
      "'=cmd",
      '',
      'Moderate',
      "'-short",
      'MSCI ACWI',
      'USD',
      '-1.5',
      '2025-03-01T12:00:00Z',
      '2',
      '99.9',
      'no',
    ]);
  });

  it('format holding rows with the weight as a percent', () => {
    expect(portfolio.holdings.map((holding) => csvRecord(holdingColumns, { portfolio, holding }))).toEqual([
      ['p-1', "'=cmd", 'AAA', 'Alpha', 'US Equity', '7'],
      ['p-1', "'=cmd", "'+B", 'Beta', '', '92.9'],
    ]);
  });

  it('write null as an empty cell for every kind', () => {
    expect([formatCell('text', null), formatCell('number', null), formatCell('date', null)]).toEqual(['', '', '']);
  });
});
