import { useMemo, useState } from 'react';
import { changeKindLabels } from '../../common/change-csv-columns';
import type { HoldingChange } from '../../common/model-changes';
import { formatPp } from '../format/change-format';
import { formatPercent } from '../format/format';
import { nextTradeSort, sortTrades, tradeOrder, type TradeSort, type TradeSortKey } from '../state/trade-list';
import { SortableHeader } from './SortableHeader';

const columns: Array<{ key: TradeSortKey; label: string; numeric?: boolean }> = [
  { key: 'trade', label: 'Trade' },
  { key: 'ticker', label: 'Ticker' },
  { key: 'name', label: 'Security' },
  { key: 'assetClass', label: 'Asset class' },
  { key: 'kind', label: 'Change' },
  { key: 'oldWeight', label: 'Old weight', numeric: true },
  { key: 'newWeight', label: 'New weight', numeric: true },
  { key: 'changePp', label: 'Change (pp)', numeric: true },
];

/** A trade list: buy/sell markers (words and arrows, not colour alone), weights before and after, sortable. */
export function TradeListTable({ changes }: { changes: readonly HoldingChange[] }) {
  const [sort, setSort] = useState<TradeSort>(tradeOrder);
  const sorted = useMemo(() => sortTrades(changes, sort), [changes, sort]);
  if (changes.length === 0) return <p className="muted">No holding changed beyond the tolerance.</p>;
  return (
    <table className="data-table trade-table" data-testid="trade-list-table">
      <caption className="sr-only">Trade list, sorted by {columns.find((c) => c.key === sort.key)?.label}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <SortableHeader
              key={column.key}
              columnKey={column.key}
              label={column.label}
              numeric={column.numeric}
              sort={sort}
              onSort={(key) => setSort(nextTradeSort(sort, key))}
            />
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((change) => (
          <tr key={change.key} data-action={change.action}>
            <td>
              <span className={`trade-marker trade-${change.action}`}>
                <span aria-hidden="true">{change.action === 'buy' ? '▲ ' : '▼ '}</span>
                {change.action === 'buy' ? 'Buy' : 'Sell'}
              </span>
            </td>
            <td className="mono">{change.ticker || '—'}</td>
            <td>{change.name}</td>
            <td>{change.assetClass ?? '—'}</td>
            <td>{changeKindLabels[change.kind]}</td>
            <td className="num">{formatPercent(change.oldWeight)}</td>
            <td className="num">{formatPercent(change.newWeight)}</td>
            <td className="num">{formatPp(change.changePp)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
