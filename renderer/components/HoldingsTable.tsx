import { useMemo, useState } from 'react';
import type { Holding } from '../../common/portfolio';
import { formatPercent } from '../format/format';
import { sortHoldings, type HoldingSort, type HoldingSortKey } from '../state/holdings';
import { SortableHeader } from './SortableHeader';

const columns: Array<{ key: HoldingSortKey; label: string; numeric?: boolean }> = [
  { key: 'ticker', label: 'Ticker' },
  { key: 'name', label: 'Name' },
  { key: 'assetClass', label: 'Asset class' },
  { key: 'weight', label: 'Weight', numeric: true },
];

/** A portfolio's holdings, sortable by any column, weights as percentages. */
export function HoldingsTable({ holdings }: { holdings: readonly Holding[] }) {
  const [sort, setSort] = useState<HoldingSort>({ key: 'weight', direction: 'descending' });
  const sorted = useMemo(() => sortHoldings(holdings, sort), [holdings, sort]);
  // Bars are scaled to the largest holding, so small weights stay comparable.
  const largest = useMemo(() => holdings.reduce((max, h) => Math.max(max, h.weight), 0), [holdings]);
  const onSort = (key: HoldingSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'weight' ? 'descending' : 'ascending' },
    );
  if (holdings.length === 0) return <p className="muted">The API listed no holdings for this portfolio.</p>;
  return (
    <table className="data-table holdings-table" data-testid="holdings-table">
      <caption className="sr-only">Holdings, sorted by {columns.find((c) => c.key === sort.key)?.label}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <SortableHeader
              key={column.key}
              columnKey={column.key}
              label={column.label}
              numeric={column.numeric}
              sort={sort}
              onSort={onSort}
            />
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((holding, index) => (
          <tr key={`${holding.ticker}-${index}`}>
            <td className="mono">{holding.ticker}</td>
            <td>{holding.name}</td>
            <td>{holding.assetClass ?? '—'}</td>
            <td className="num">
              <span className="weight-bar" aria-hidden="true">
                <span
                  style={{
                    width: `${largest > 0 ? Math.max(0, Math.min(100, (holding.weight / largest) * 100)) : 0}%`,
                  }}
                />
              </span>
              {formatPercent(holding.weight)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
