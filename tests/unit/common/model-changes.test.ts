import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeModelChanges,
  defaultChangeTolerancePp,
  isNewVersion,
  tradeOrder,
  type HoldingChange,
} from '../../../common/model-changes';
import { h, portfolio } from './portfolio-fixture';

/** The trade list in a compact form: [kind, action, ticker, old %, new %, change pp]. */
function trades(changes: { holdings: HoldingChange[] }): Array<[string, string, string, number, number, number]> {
  const round = (n: number): number => Math.round(n * 1e6) / 1e6;
  return changes.holdings.map((c) => [
    c.kind,
    c.action,
    c.ticker,
    round(c.oldWeight * 100),
    round(c.newWeight * 100),
    c.changePp,
  ]);
}

describe('computeModelChanges', () => {
  it('lists nothing between identical versions, and says nothing changed', () => {
    const before = portfolio([h('AAA', 60), h('BBB', 40)]);
    const after = portfolio([h('AAA', 60), h('BBB', 40)]);
    const changes = computeModelChanges(before, after);
    expect(changes.holdings).toEqual([]);
    expect(changes.facts).toEqual([]);
    expect(changes.summary).toEqual({
      added: 0,
      removed: 0,
      reweighted: 0,
      buys: 0,
      sells: 0,
      facts: 0,
      buyPp: 0,
      sellPp: 0,
      turnoverPp: 0,
      changed: false,
    });
    expect(isNewVersion(before, after)).toBe(false);
  });

  it('lists nothing when only the order of the holdings differs', () => {
    const changes = computeModelChanges(
      portfolio([h('AAA', 60), h('BBB', 40)]),
      portfolio([h('BBB', 40), h('AAA', 60)]),
    );
    expect(changes.summary.changed).toBe(false);
  });

  it('lists an added holding as a buy from 0, and a removed one as a sell to 0', () => {
    const changes = computeModelChanges(
      portfolio([h('AAA', 60), h('OLD', 40)]),
      portfolio([h('AAA', 60), h('NEW', 40, { name: 'New Co', assetClass: 'Fixed Income' })]),
    );
    expect(trades(changes)).toEqual([
      ['removed', 'sell', 'OLD', 40, 0, -40],
      ['added', 'buy', 'NEW', 0, 40, 40],
    ]);
    expect(changes.holdings[1]).toMatchObject({ name: 'New Co', assetClass: 'Fixed Income', key: 'NEW' });
    expect(changes.summary).toMatchObject({ added: 1, removed: 1, reweighted: 0, buys: 1, sells: 1 });
  });

  it('lists re-weights with old and new weight, the change in percentage points and buy or sell', () => {
    const changes = computeModelChanges(
      portfolio([h('AAA', 50), h('BBB', 30), h('CCC', 20)]),
      portfolio([h('AAA', 45.5), h('BBB', 30), h('CCC', 24.5)]),
    );
    expect(trades(changes)).toEqual([
      ['reweighted', 'sell', 'AAA', 50, 45.5, -4.5],
      ['reweighted', 'buy', 'CCC', 20, 24.5, 4.5],
    ]);
  });

  it('rounds float noise out of the change: 3.58 % − 3.57 % is 0.01 pp', () => {
    const changes = computeModelChanges(
      portfolio([{ ...h('AAA', 0), weight: 0.0357 }]),
      portfolio([{ ...h('AAA', 0), weight: 0.0358 }]),
    );
    expect(changes.holdings[0]?.changePp).toBe(0.01);
  });

  describe('tolerance', () => {
    const before = portfolio([h('AAA', 50), h('BBB', 50)]);
    const withChange = (pp: number) => portfolio([h('AAA', 50 + pp), h('BBB', 50 - pp)]);

    it('defaults to 0.01 percentage points', () => {
      expect(defaultChangeTolerancePp).toBe(0.01);
      expect(computeModelChanges(before, withChange(0.005)).tolerancePp).toBe(0.01);
    });

    it('hides a re-weight just under the tolerance', () => {
      expect(computeModelChanges(before, withChange(0.0099)).holdings).toEqual([]);
      expect(computeModelChanges(before, withChange(0.049), { tolerancePp: 0.05 }).holdings).toEqual([]);
    });

    it('lists a re-weight of exactly the tolerance, even when float arithmetic lands a hair under it', () => {
      // (0.5001 - 0.5) * 100 is 0.009999999999998899 in floating point.
      expect((0.5001 - 0.5) * 100).toBeLessThan(0.01);
      expect(trades(computeModelChanges(before, withChange(0.01)))).toEqual([
        ['reweighted', 'sell', 'BBB', 50, 49.99, -0.01],
        ['reweighted', 'buy', 'AAA', 50, 50.01, 0.01],
      ]);
    });

    it('lists a re-weight just over the tolerance', () => {
      expect(computeModelChanges(before, withChange(0.011)).summary.reweighted).toBe(2);
      expect(computeModelChanges(before, withChange(0.051), { tolerancePp: 0.05 }).summary.reweighted).toBe(2);
    });

    it('hides float noise with a tolerance of 0, and lists any real change', () => {
      const noisy = portfolio([{ ...h('AAA', 0), weight: 0.1 + 0.2 }, h('BBB', 70)]);
      const exact = portfolio([{ ...h('AAA', 0), weight: 0.3 }, h('BBB', 70)]);
      expect(0.1 + 0.2).not.toBe(0.3);
      expect(computeModelChanges(noisy, exact, { tolerancePp: 0 }).holdings).toEqual([]);
      expect(computeModelChanges(before, withChange(0.0001), { tolerancePp: 0 }).summary.reweighted).toBe(2);
      expect(isNewVersion(before, withChange(0.0001))).toBe(true);
      expect(isNewVersion(noisy, exact)).toBe(false);
    });

    it('never hides an added or removed holding, however small', () => {
      const changes = computeModelChanges(
        portfolio([h('AAA', 99.999), h('TINY', 0.001)]),
        portfolio([h('AAA', 99.999), h('DUST', 0.001)]),
        { tolerancePp: 1 },
      );
      expect(trades(changes)).toEqual([
        ['removed', 'sell', 'TINY', 0.001, 0, -0.001],
        ['added', 'buy', 'DUST', 0, 0.001, 0.001],
      ]);
    });

    it('refuses a negative or non-finite tolerance', () => {
      expect(() => computeModelChanges(before, before, { tolerancePp: -0.01 })).toThrow(RangeError);
      expect(() => computeModelChanges(before, before, { tolerancePp: Number.NaN })).toThrow(RangeError);
    });
  });

  describe('matching', () => {
    it('matches tickers case-insensitively and trimmed, showing the newer version’s spelling', () => {
      const changes = computeModelChanges(
        portfolio([h(' brk.b ', 40), h('aapl', 60)]),
        portfolio([h('BRK.B', 45), h('AAPL', 55)]),
      );
      expect(trades(changes)).toEqual([
        ['reweighted', 'sell', 'AAPL', 60, 55, -5],
        ['reweighted', 'buy', 'BRK.B', 40, 45, 5],
      ]);
    });

    it('matches a holding whose ticker is missing by its security name', () => {
      const changes = computeModelChanges(
        portfolio([h('AAPL', 50, { name: 'Apple Inc.' }), h('', 50, { name: 'Private Credit Fund' })]),
        portfolio([h('', 45, { name: '  apple   INC. ' }), h(' ', 55, { name: 'Private Credit Fund' })]),
      );
      expect(trades(changes)).toEqual([
        ['reweighted', 'sell', 'AAPL', 50, 45, -5],
        ['reweighted', 'buy', '', 50, 55, 5],
      ]);
      expect(changes.holdings.map((c) => c.key)).toEqual(['AAPL', 'name:private credit fund']);
      expect(changes.holdings[0]?.name).toBe('  apple   INC. ');
    });

    it('does not match a ticker-less holding to a security its version already holds by ticker', () => {
      const changes = computeModelChanges(
        portfolio([h('AAPL', 100, { name: 'Apple Inc.' })]),
        portfolio([h('AAPL', 90, { name: 'Apple Inc.' }), h('', 10, { name: 'Apple Inc.' })]),
      );
      expect(trades(changes)).toEqual([
        ['reweighted', 'sell', 'AAPL', 100, 90, -10],
        ['added', 'buy', '', 0, 10, 10],
      ]);
    });

    it('sums a ticker listed twice in one version (and a name listed twice without a ticker)', () => {
      const changes = computeModelChanges(
        portfolio([h('AAA', 30), h('aaa', 20), h('BBB', 50)]),
        portfolio([h('AAA', 50), h('BBB', 20), h('', 15, { name: 'Gold' }), h('', 15, { name: 'gold' })]),
      );
      expect(trades(changes)).toEqual([
        ['reweighted', 'sell', 'BBB', 50, 20, -30],
        ['added', 'buy', '', 0, 30, 30],
      ]);
    });

    it('treats a different ticker as a different security even with the same name', () => {
      const changes = computeModelChanges(
        portfolio([h('GOOG', 100, { name: 'Alphabet' })]),
        portfolio([h('GOOGL', 100, { name: 'Alphabet' })]),
      );
      expect(changes.holdings.map((c) => [c.kind, c.ticker])).toEqual([
        ['removed', 'GOOG'],
        ['added', 'GOOGL'],
      ]);
    });

    it('works on normalised fractions whatever the API sent: 40 % as 0.4 on both sides is no change', () => {
      const fromPercentApi = portfolio([
        { ...h('AAA', 0), weight: 40 / 100 },
        { ...h('BBB', 0), weight: 60 / 100 },
      ]);
      const fromFractionApi = portfolio([
        { ...h('AAA', 0), weight: 0.4 },
        { ...h('BBB', 0), weight: 0.6 },
      ]);
      expect(computeModelChanges(fromPercentApi, fromFractionApi).summary.changed).toBe(false);
    });

    it('does not list a change of asset class alone', () => {
      const changes = computeModelChanges(
        portfolio([h('AAA', 100, { assetClass: 'US Equity' })]),
        portfolio([h('AAA', 100, { assetClass: 'International Equity' })]),
      );
      expect(changes.summary.changed).toBe(false);
    });
  });

  describe('facts', () => {
    it('lists changed risk level, benchmark, minimum investment, name, strategy and currency, in that fixed order', () => {
      const before = portfolio([h('AAA', 100)]);
      const after = portfolio([h('AAA', 100)], {
        name: 'Core Balanced II',
        riskLevel: 'Moderately Aggressive',
        strategy: 'Core-Satellite',
        benchmark: '70% S&P 500 / 30% Bloomberg US Aggregate',
        currency: 'CAD',
        minimumInvestment: 50000,
        description: 'Reworded entirely.',
        updatedAt: '2025-04-01T00:00:00.000Z',
      });
      const changes = computeModelChanges(before, after);
      expect(changes.facts).toEqual([
        { fact: 'name', oldValue: 'Core Balanced', newValue: 'Core Balanced II' },
        { fact: 'riskLevel', oldValue: 'Moderate', newValue: 'Moderately Aggressive' },
        { fact: 'strategy', oldValue: 'Strategic Asset Allocation', newValue: 'Core-Satellite' },
        {
          fact: 'benchmark',
          oldValue: '60% S&P 500 / 40% Bloomberg US Aggregate',
          newValue: '70% S&P 500 / 30% Bloomberg US Aggregate',
        },
        { fact: 'currency', oldValue: 'USD', newValue: 'CAD' },
        { fact: 'minimumInvestment', oldValue: 25000, newValue: 50000 },
      ]);
      expect(changes.holdings).toEqual([]);
      expect(changes.summary).toMatchObject({ facts: 6, changed: true });
      expect(changes).toMatchObject({
        portfolioId: 'mp-000001',
        name: 'Core Balanced II',
        fromUpdatedAt: '2025-03-01T12:00:00.000Z',
        toUpdatedAt: '2025-04-01T00:00:00.000Z',
      });
    });

    it('counts a fact appearing or disappearing as a change, but not white space around it', () => {
      const before = portfolio([h('AAA', 100)], { benchmark: null, minimumInvestment: 1000 });
      const after = portfolio([h('AAA', 100)], {
        benchmark: 'MSCI ACWI',
        minimumInvestment: null,
        riskLevel: ' Moderate ',
      });
      expect(computeModelChanges(before, after).facts).toEqual([
        { fact: 'benchmark', oldValue: null, newValue: 'MSCI ACWI' },
        { fact: 'minimumInvestment', oldValue: 1000, newValue: null },
      ]);
    });

    it('ignores description and updatedAt alone: no new version', () => {
      const before = portfolio([h('AAA', 100)]);
      const after = portfolio([h('AAA', 100)], { description: 'New words', updatedAt: '2026-01-01T00:00:00Z' });
      expect(isNewVersion(before, after)).toBe(false);
    });
  });

  describe('order and summary', () => {
    it('puts sells before buys, larger trades first, then ticker', () => {
      const changes = computeModelChanges(
        portfolio([h('S1', 10), h('S2', 10), h('S3', 10), h('B1', 10), h('B2', 10), h('B3', 10), h('GONE', 40)]),
        portfolio([h('S1', 8), h('S2', 5), h('S3', 8), h('B1', 12), h('B2', 30), h('B3', 12), h('NEW', 25)]),
      );
      expect(changes.holdings.map((c) => `${c.action} ${c.ticker}`)).toEqual([
        'sell GONE',
        'sell S2',
        'sell S1',
        'sell S3',
        'buy NEW',
        'buy B2',
        'buy B1',
        'buy B3',
      ]);
    });

    it('gives the same order whatever the order of the holdings in either version', () => {
      const before = [h('A', 20), h('B', 20), h('C', 20), h('D', 20), h('E', 20)];
      const after = [h('A', 25), h('B', 15), h('C', 25), h('D', 15), h('F', 20)];
      const expected = computeModelChanges(portfolio(before), portfolio(after)).holdings;
      fc.assert(
        fc.property(
          fc.shuffledSubarray(before, { minLength: 5 }),
          fc.shuffledSubarray(after, { minLength: 5 }),
          (b, a) => {
            expect(computeModelChanges(portfolio(b), portfolio(a)).holdings).toEqual(expected);
          },
        ),
      );
    });

    it('sums buys, sells and one-way turnover over the listed changes', () => {
      const changes = computeModelChanges(
        portfolio([h('AAA', 50), h('BBB', 30), h('CCC', 20)]),
        portfolio([h('AAA', 40), h('BBB', 30.004), h('DDD', 29.996)]),
      );
      expect(changes.summary).toMatchObject({
        added: 1,
        removed: 1,
        reweighted: 1,
        buys: 1,
        sells: 2,
        buyPp: 29.996,
        sellPp: 30,
        turnoverPp: 29.998,
      });
    });

    it('orders any two changes consistently (tradeOrder is a total order on distinct keys)', () => {
      const change = (action: 'buy' | 'sell', changePp: number, ticker: string): HoldingChange => ({
        key: ticker,
        kind: 'reweighted',
        action,
        ticker,
        name: ticker,
        assetClass: null,
        oldWeight: 0.5,
        newWeight: 0.5 + changePp / 100,
        changePp,
      });
      expect(tradeOrder(change('sell', -1, 'Z'), change('buy', 5, 'A'))).toBeLessThan(0);
      expect(tradeOrder(change('buy', 1, 'A'), change('buy', 2, 'Z'))).toBeGreaterThan(0);
      expect(tradeOrder(change('buy', 2, 'A'), change('buy', 2, 'B'))).toBeLessThan(0);
    });
  });

  it('keeps a float-noise-free change for random basis-point weights (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const changes = computeModelChanges(
          portfolio([{ ...h('X', 0), weight: a / 10_000 }]),
          portfolio([{ ...h('X', 0), weight: b / 10_000 }]),
        );
        const expected = (b - a) / 100;
        if (a === b) expect(changes.holdings).toEqual([]);
        else expect(changes.holdings[0]?.changePp).toBe(expected);
      }),
    );
  });
});
