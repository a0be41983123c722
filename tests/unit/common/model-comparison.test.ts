import { describe, expect, it } from 'vitest';
import { compareModels, comparisonSize, type OverlapRow } from '../../../common/model-comparison';
import { h, portfolio } from './portfolio-fixture';

const growth = portfolio(
  [
    h('VTI', 40, { assetClass: 'US Equity' }),
    h('VXUS', 30, { assetClass: 'International Equity' }),
    h('BND', 20, { assetClass: 'Fixed Income' }),
    h('GLD', 10, { assetClass: null }),
  ],
  { id: 'mp-000001', name: 'Growth', riskLevel: 'Aggressive', minimumInvestment: 10000 },
);
const balanced = portfolio(
  [
    h('VTI', 30, { assetClass: 'US Equity' }),
    h('BND', 50, { assetClass: 'fixed income ' }),
    h('SHV', 20, { assetClass: 'Cash' }),
  ],
  { id: 'mp-000002', name: 'Balanced', minimumInvestment: 10000 },
);
const income = portfolio(
  [
    h('BND', 60, { assetClass: 'Fixed Income' }),
    h('VTI', 10, { assetClass: 'US Equity' }),
    h('SHV', 25, { assetClass: 'Cash' }),
    h('', 5, { name: 'Private Credit', assetClass: '  ' }),
  ],
  { id: 'mp-000003', name: 'Income', riskLevel: 'Conservative', benchmark: null, minimumInvestment: 10000 },
);
const equity = portfolio(
  [h('VTI', 70, { assetClass: 'US Equity' }), h('VXUS', 30, { assetClass: 'International Equity' })],
  { id: 'mp-000004', name: 'Equity', riskLevel: 'Aggressive', minimumInvestment: 10000 },
);

const tickers = (rows: OverlapRow[]): string[] => rows.map((row) => row.ticker || row.name);
const rounded = (values: Array<number | null>): Array<number | null> =>
  values.map((v) => (v === null ? null : Math.round(v * 1e9) / 1e9));

describe('compareModels', () => {
  it('takes 2 to 4 portfolios and refuses fewer or more', () => {
    expect(comparisonSize).toEqual({ min: 2, max: 4 });
    expect(() => compareModels([growth])).toThrow(RangeError);
    expect(() => compareModels([growth, balanced, income, equity, growth])).toThrow(RangeError);
    expect(compareModels([growth, balanced]).portfolios).toEqual([
      { id: 'mp-000001', name: 'Growth' },
      { id: 'mp-000002', name: 'Balanced' },
    ]);
  });

  describe('with 2 portfolios', () => {
    const comparison = compareModels([growth, balanced]);

    it('puts the key facts side by side and marks those that differ', () => {
      const fact = (name: string) => comparison.facts.find((row) => row.fact === name);
      expect(comparison.facts.map((row) => row.label)).toEqual([
        'Portfolio ID',
        'Name',
        'Risk level',
        'Strategy',
        'Benchmark',
        'Currency',
        'Minimum investment',
        'Updated at',
        'Holdings',
        'Weight sum (%)',
      ]);
      expect(fact('riskLevel')).toMatchObject({ values: ['Aggressive', 'Moderate'], differs: true, kind: 'text' });
      expect(fact('minimumInvestment')).toMatchObject({ values: [10000, 10000], differs: false, kind: 'number' });
      expect(fact('holdingsCount')).toMatchObject({ values: [4, 3], differs: true });
      expect(fact('updatedAt')).toMatchObject({ kind: 'date', differs: false });
      expect(fact('weightSum')).toMatchObject({ kind: 'percent', differs: false });
    });

    it('sums the allocation by asset class, matching classes case-insensitively, Unclassified last', () => {
      expect(comparison.allocation.map((row) => [row.assetClass, ...rounded(row.weights)])).toEqual([
        ['Fixed Income', 0.2, 0.5],
        ['US Equity', 0.4, 0.3],
        ['International Equity', 0.3, 0],
        ['Cash', 0, 0.2],
        ['Unclassified', 0.1, 0],
      ]);
    });

    it('splits the holdings into common (with both weights) and held by one only', () => {
      const { common, partial, unique, commonWeights, pairwise } = comparison.overlap;
      expect(common.map((row) => [row.ticker, ...rounded(row.weights)])).toEqual([
        ['BND', 0.2, 0.5],
        ['VTI', 0.4, 0.3],
      ]);
      expect(partial).toEqual([]);
      expect(unique.map((row) => [row.ticker, ...rounded(row.weights)])).toEqual([
        ['VXUS', 0.3, null],
        ['GLD', 0.1, null],
        ['SHV', null, 0.2],
      ]);
      expect(rounded(commonWeights)).toEqual([0.6, 0.8]);
      expect(pairwise.map(rounded)).toEqual([
        [1, 0.5],
        [0.5, 1],
      ]);
    });
  });

  describe('with 3 portfolios', () => {
    const comparison = compareModels([growth, balanced, income]);

    it('separates held by all, by some, and by one', () => {
      const { common, partial, unique } = comparison.overlap;
      expect(tickers(common)).toEqual(['BND', 'VTI']);
      expect(common.map((row) => row.heldBy)).toEqual([3, 3]);
      expect(partial.map((row) => [row.ticker, row.heldBy, ...rounded(row.weights)])).toEqual([
        ['SHV', 2, null, 0.2, 0.25],
      ]);
      expect(tickers(unique)).toEqual(['VXUS', 'GLD', 'Private Credit']);
    });

    it('puts a blank or missing asset class under Unclassified, and a null benchmark as null', () => {
      const unclassified = comparison.allocation.at(-1);
      expect(unclassified?.assetClass).toBe('Unclassified');
      expect(rounded(unclassified?.weights ?? [])).toEqual([0.1, 0, 0.05]);
      const benchmark = comparison.facts.find((row) => row.fact === 'benchmark');
      expect(benchmark?.values[2]).toBeNull();
      expect(benchmark?.differs).toBe(true);
    });
  });

  describe('with 4 portfolios', () => {
    const comparison = compareModels([growth, balanced, income, equity]);

    it('gives every row one value per portfolio, in the order given', () => {
      expect(comparison.portfolios.map((p) => p.name)).toEqual(['Growth', 'Balanced', 'Income', 'Equity']);
      for (const row of comparison.facts) expect(row.values).toHaveLength(4);
      for (const row of comparison.allocation) expect(row.weights).toHaveLength(4);
      const { common, partial, unique } = comparison.overlap;
      for (const row of [...common, ...partial, ...unique]) expect(row.weights).toHaveLength(4);
    });

    it('orders partial overlap by how many hold it, then by combined weight', () => {
      const { common, partial, unique } = comparison.overlap;
      expect(tickers(common)).toEqual(['VTI']);
      expect(partial.map((row) => [row.ticker, row.heldBy])).toEqual([
        ['BND', 3],
        ['VXUS', 2],
        ['SHV', 2],
      ]);
      expect(tickers(unique)).toEqual(['GLD', 'Private Credit']);
      expect(comparison.facts.find((row) => row.fact === 'minimumInvestment')?.differs).toBe(false);
      expect(rounded(comparison.overlap.pairwise[0] ?? [])).toEqual([1, 0.5, 0.3, 0.7]);
    });
  });

  it('matches tickers case-insensitively and a ticker-less holding by name across portfolios', () => {
    const a = portfolio([h('aapl', 50, { name: 'Apple Inc.' }), h('', 50, { name: 'Gold Bullion' })]);
    const b = portfolio([h('', 40, { name: 'apple inc.' }), h('', 60, { name: 'gold  bullion' })]);
    const { common, unique } = compareModels([a, b]).overlap;
    expect(common.map((row) => [row.key, ...rounded(row.weights)])).toEqual([
      ['name:gold bullion', 0.5, 0.6],
      ['AAPL', 0.5, 0.4],
    ]);
    expect(unique).toEqual([]);
  });
});
