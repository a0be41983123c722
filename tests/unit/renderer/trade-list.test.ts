import { describe, expect, it } from 'vitest';
import type { HoldingChange } from '../../../common/model-changes';
import { nextTradeSort, sortTrades, tradeOrder } from '../../../renderer/state/trade-list';

function change(key: string, action: 'buy' | 'sell', changePp: number, name = key.toUpperCase()): HoldingChange {
  const oldWeight = 0.05;
  return {
    key,
    kind: 'reweighted',
    action,
    ticker: key.toUpperCase(),
    name,
    assetClass: null,
    oldWeight,
    newWeight: oldWeight + changePp / 100,
    changePp,
  };
}

// Main's trade order: sells first, then buys, largest first.
const trades = [change('c', 'sell', -2), change('a', 'sell', -1), change('d', 'buy', 2), change('b', 'buy', 1)];

describe('the trade list’s sorting', () => {
  it('keeps main’s trade order by default, and reverses it on request', () => {
    expect(sortTrades(trades, tradeOrder).map((c) => c.key)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortTrades(trades, nextTradeSort(tradeOrder, 'trade')).map((c) => c.key)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('sorts numbers largest first at the first click, text A to Z', () => {
    const byPp = nextTradeSort(tradeOrder, 'changePp');
    expect(byPp.direction).toBe('descending');
    expect(sortTrades(trades, byPp).map((c) => c.changePp)).toEqual([2, 1, -1, -2]);
    const byTicker = nextTradeSort(tradeOrder, 'ticker');
    expect(sortTrades(trades, byTicker).map((c) => c.ticker)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('breaks ties in main’s trade order', () => {
    const tied = [change('x', 'sell', -1, 'Same'), change('y', 'buy', 1, 'Same')];
    expect(sortTrades(tied, { key: 'name', direction: 'descending' }).map((c) => c.key)).toEqual(['x', 'y']);
  });
});
