import type { HoldingChange } from '../../common/model-changes';

/** The trade list's sortable columns; 'trade' is main's order (sells first, then buys, largest first). */
export type TradeSortKey = 'trade' | 'ticker' | 'name' | 'assetClass' | 'kind' | 'oldWeight' | 'newWeight' | 'changePp';

/** Which trade-list column is sorted, and which way. */
export interface TradeSort {
  key: TradeSortKey;
  direction: 'ascending' | 'descending';
}

/** Main's trade order. */
export const tradeOrder: TradeSort = { key: 'trade', direction: 'ascending' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts a trade list by a column; ties keep main's trade order. */
export function sortTrades(changes: readonly HoldingChange[], sort: TradeSort): HoldingChange[] {
  const position = new Map(changes.map((change, index) => [change.key, index]));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: HoldingChange, b: HoldingChange): number => {
    switch (sort.key) {
      case 'trade':
        return position.get(a.key)! - position.get(b.key)!;
      case 'oldWeight':
      case 'newWeight':
      case 'changePp':
        return a[sort.key] - b[sort.key];
      default:
        return collator.compare(a[sort.key] ?? '', b[sort.key] ?? '');
    }
  };
  return [...changes].sort((a, b) => sign * compare(a, b) || position.get(a.key)! - position.get(b.key)!);
}

/** Clicking a column: the same one flips, another starts ascending (numbers largest first). */
export function nextTradeSort(current: TradeSort, key: TradeSortKey): TradeSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  const numeric = key === 'oldWeight' || key === 'newWeight' || key === 'changePp';
  return { key, direction: numeric ? 'descending' : 'ascending' };
}
