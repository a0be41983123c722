import { describe, expect, it } from 'vitest';
import { normaliseWeights, parseHoldings, parsePortfolio, withHoldings } from '../../../main/sync/portfolio-parse';

describe('parsePortfolio', () => {
  it('reads the common aliases and normalises the rest', () => {
    const parsed = parsePortfolio({
      portfolio_id: 42,
      portfolioName: 'Aliased',
      risk_level: 'Moderate',
      minimum_investment: '25000',
      last_updated: '2026-01-02T03:04:05+01:00',
      positions: [
        { symbol: 'AAA', allocation: 60, asset_class: 'Equity' },
        { symbol: 'BBB', allocation: '40%' },
      ],
    });
    expect(parsed).toMatchObject({
      ok: true,
      hasHoldings: true,
      portfolio: {
        id: '42',
        name: 'Aliased',
        riskLevel: 'Moderate',
        minimumInvestment: 25000,
        updatedAt: '2026-01-02T02:04:05.000Z',
        holdings: [
          { ticker: 'AAA', name: 'AAA', assetClass: 'Equity', weight: 0.6 },
          { ticker: 'BBB', name: 'BBB', assetClass: null, weight: 0.4 },
        ],
        weightsOk: true,
      },
    });
  });

  it('keeps a record with only id and name, with no holdings yet', () => {
    expect(parsePortfolio({ id: 'x', name: 'Minimal' })).toMatchObject({
      ok: true,
      hasHoldings: false,
      portfolio: { description: null, currency: null, updatedAt: null, holdings: [], weightsOk: false },
    });
  });

  it.each([
    [{ name: 'no id' }, 'it has no id'],
    [{ id: 'x' }, 'it has no name'],
    [{ id: 'x', name: '  ' }, 'its name is not valid'],
    [{ id: {}, name: 'n' }, 'its id is not valid'],
    [[1, 2], 'it is not an object'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(parsePortfolio(raw)).toMatchObject({ ok: false, reason });
  });

  it('flags weights that miss 100 % by more than the tolerance', () => {
    const short = parsePortfolio({
      id: 'a',
      name: 'a',
      holdings: [
        { ticker: 'A', weight: 0.5 },
        { ticker: 'B', weight: 0.497 },
      ],
    });
    expect(short.ok && short.portfolio.weightsOk).toBe(false);
    const close = parsePortfolio({
      id: 'a',
      name: 'a',
      holdings: [
        { ticker: 'A', weight: 50 },
        { ticker: 'B', weight: 49.96 },
      ],
    });
    expect(close.ok && close.portfolio.weightsOk).toBe(true);
  });

  it('merges holdings from a detail response, bare or in a data envelope', () => {
    const base = parsePortfolio({ id: 'a', name: 'A', benchmark: 'B' });
    if (!base.ok) throw new Error('unexpected');
    const merged = withHoldings(base.portfolio, {
      data: { id: 'a', name: 'A', holdings: [{ ticker: 'X', weight: 1 }] },
    });
    expect(merged?.portfolio).toMatchObject({
      id: 'a',
      benchmark: 'B',
      holdings: [{ ticker: 'X', weight: 1 }],
      weightsOk: true,
    });
    expect(withHoldings(base.portfolio, 'nonsense')).toBeNull();
  });
});

describe('weights', () => {
  it('tells fractions from percents', () => {
    expect(normaliseWeights([0.25, 0.75])).toEqual([0.25, 0.75]);
    expect(normaliseWeights([25, 75])).toEqual([0.25, 0.75]);
    expect(normaliseWeights([1.5, 98.5])).toEqual([0.015, 0.985]);
  });

  it('drops a holding without a ticker or weight and says which', () => {
    const { holdings, notes } = parseHoldings([
      { ticker: 'A', weight: 1 },
      { ticker: 'B' },
      { weight: 1 },
      'x',
      { ticker: 'C', weight: 'lots' },
    ]);
    expect(holdings.map((h) => h.ticker)).toEqual(['A']);
    expect(notes).toEqual([
      'Holding 2 was skipped: it has no weight.',
      'Holding 3 was skipped: it has no ticker.',
      'Holding 4 was skipped: it has no ticker.',
      'Holding 5 was skipped: its weight is not valid.',
    ]);
  });
});
