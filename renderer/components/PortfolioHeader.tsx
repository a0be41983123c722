import type { ReactNode } from 'react';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import { formatCount, formatDate, formatMoney } from '../format/format';
import { nextSort, type SortKey, type SortState } from '../state/browser-query';
import { ChangedBadge } from './ChangedBadge';
import { WeightsFlag } from './WeightsFlag';

/** One column of the portfolio grid: the sort key it stands for, its header and its cell. */
export interface Column {
  key: SortKey;
  label: string;
  className: string;
  cell(p: PortfolioSummary): ReactNode;
}

/** The portfolio grid's columns, in order (the name column renders its own open button). */
export const columns: Column[] = [
  { key: 'name', label: 'Name', className: 'c-name', cell: () => null },
  { key: 'id', label: 'ID', className: 'c-id', cell: (p) => p.id },
  { key: 'riskLevel', label: 'Risk level', className: 'c-risk', cell: (p) => p.riskLevel ?? '—' },
  { key: 'benchmark', label: 'Benchmark', className: 'c-benchmark', cell: (p) => p.benchmark ?? '—' },
  { key: 'currency', label: 'Currency', className: 'c-currency', cell: (p) => p.currency ?? '—' },
  {
    key: 'minimumInvestment',
    label: 'Minimum',
    className: 'c-num c-minimum',
    cell: (p) => formatMoney(p.minimumInvestment, p.currency),
  },
  { key: 'holdingsCount', label: 'Holdings', className: 'c-num c-holdings', cell: (p) => formatCount(p.holdingsCount) },
  { key: 'updatedAt', label: 'Updated', className: 'c-num c-updated', cell: (p) => formatDate(p.updatedAt) },
  {
    key: 'weightSum',
    label: 'Weights',
    className: 'c-num c-weights',
    cell: (p) => <WeightsFlag weightSum={p.weightSum} weightsOk={p.weightsOk} />,
  },
  // Model changes (issue 15)
  { key: 'lastChangedAt', label: 'Changed', className: 'c-num c-changed', cell: (p) => <ChangedBadge summary={p} /> },
];

/** The grid's header row: select-all (checked, mixed or not) and a sort button per column (aria-sort). */
export function PortfolioHeader({
  sort,
  onSort,
  checked,
  onToggleAll,
}: {
  sort: SortState;
  onSort: (sort: SortState) => void;
  checked: 'all' | 'some' | 'none';
  onToggleAll: () => void;
}) {
  return (
    <div className="pt-row pt-header" role="row" aria-rowindex={1}>
      <div className="pt-cell c-select" role="columnheader">
        <input
          type="checkbox"
          aria-label="Select all shown portfolios"
          checked={checked === 'all'}
          ref={(input) => {
            if (input) input.indeterminate = checked === 'some';
          }}
          onChange={onToggleAll}
        />
      </div>
      {columns.map((column) => {
        const sorted = sort.key === column.key;
        return (
          <div
            key={column.key}
            className={`pt-cell ${column.className}`}
            role="columnheader"
            aria-sort={sorted ? sort.direction : 'none'}
          >
            <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, column.key))}>
              {column.label}
              <span className="sort-indicator" aria-hidden="true">
                {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
}
