import { describe, expect, it } from 'vitest';
import { allocationByAssetClass, sortHoldings } from '../../../renderer/state/holdings';
import { portfolio } from './support/fake-main';

const { holdings } = portfolio();

describe('holdings', () => {
  it('sorts by weight, ticker, name or asset class, either way', () => {
    expect(sortHoldings(holdings, { key: 'weight', direction: 'descending' }).map((h) => h.ticker)).toEqual([
      'VTI',
      'BND',
      'VXUS',
      'CASH',
    ]);
    expect(sortHoldings(holdings, { key: 'ticker', direction: 'ascending' }).map((h) => h.ticker)).toEqual([
      'BND',
      'CASH',
      'VTI',
      'VXUS',
    ]);
    expect(sortHoldings(holdings, { key: 'assetClass', direction: 'ascending' }).map((h) => h.ticker)[0]).toBe('CASH');
  });

  it('sums weights by asset class, largest first, naming the missing class', () => {
    const slices = allocationByAssetClass([
      ...holdings,
      { ticker: 'SCHD', name: 'Dividend', assetClass: 'US Equity', weight: 0.1 },
    ]);
    expect(slices.map((s) => [s.assetClass, Number(s.weight.toFixed(4)), s.holdings])).toEqual([
      ['US Equity', 0.5, 2],
      ['Fixed Income', 0.35, 1],
      ['International Equity', 0.2, 1],
      ['Unclassified', 0.05, 1],
    ]);
  });
});
