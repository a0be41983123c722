import type { Holding } from '../../common/portfolio';

/** The holdings table's sortable columns. */
export type HoldingSortKey = 'ticker' | 'name' | 'assetClass' | 'weight';

/** Which holdings column is sorted, and which way. */
export interface HoldingSort {
  key: HoldingSortKey;
  direction: 'ascending' | 'descending';
}

/** One asset class's share of a portfolio. */
export interface AllocationSlice {
  assetClass: string;
  weight: number;
  holdings: number;
}

/** What the chart and table call holdings without an asset class. */
export const unclassified = 'Unclassified';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts holdings by a column; ties by ticker. */
export function sortHoldings(holdings: readonly Holding[], sort: HoldingSort): Holding[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...holdings].sort((a, b) => {
    let byKey: number;
    if (sort.key === 'weight') byKey = a.weight - b.weight;
    else byKey = collator.compare(a[sort.key] ?? '', b[sort.key] ?? '');
    return sign * byKey || collator.compare(a.ticker, b.ticker);
  });
}

/** Sums weights by asset class, largest first. */
export function allocationByAssetClass(holdings: readonly Holding[]): AllocationSlice[] {
  const slices = new Map<string, AllocationSlice>();
  for (const holding of holdings) {
    const assetClass = holding.assetClass?.trim() || unclassified;
    const slice = slices.get(assetClass) ?? { assetClass, weight: 0, holdings: 0 };
    slice.weight += holding.weight;
    slice.holdings += 1;
    slices.set(assetClass, slice);
  }
  return [...slices.values()].sort((a, b) => b.weight - a.weight || collator.compare(a.assetClass, b.assetClass));
}
