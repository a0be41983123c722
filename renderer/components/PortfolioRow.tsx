import { memo, type MouseEvent } from 'react';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import { columns } from './PortfolioHeader';

/** What a row does when clicked; one object the grid keeps stable, so a row re-renders only when its data moves. */
export interface RowActions {
  click(event: MouseEvent, id: string): void;
  check(event: MouseEvent, id: string): void;
  open(id: string): void;
}

const noop = () => {};

/**
 * One row of the portfolio grid. Memoised: a keystroke that keeps a portfolio at the same place (typing on at the
 * top of the list, a selection elsewhere) does not render its cells again.
 */
export const PortfolioRow = memo(function PortfolioRow({
  portfolio: p,
  index,
  offset,
  selected,
  active,
  actions,
}: {
  portfolio: PortfolioSummary;
  index: number;
  /** Where the row sits in the body, in px. */
  offset: number;
  selected: boolean;
  active: boolean;
  actions: RowActions;
}) {
  return (
    <div
      id={`pt-row-${index}`}
      className={`pt-row${selected ? ' selected' : ''}${active ? ' active' : ''}${p.weightsOk ? '' : ' flagged'}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-id={p.id}
      style={{ transform: `translateY(${offset}px)` }}
      onClick={(event) => actions.click(event, p.id)}
      onDoubleClick={() => actions.open(p.id)}
    >
      <div className="pt-cell c-select" role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${p.name}`}
          checked={selected}
          onClick={(event) => actions.check(event, p.id)}
          onChange={noop}
        />
      </div>
      <div className="pt-cell c-name" role="gridcell" title={p.name}>
        <button
          type="button"
          tabIndex={-1}
          className="row-open"
          onClick={(event) => {
            event.stopPropagation();
            actions.open(p.id);
          }}
        >
          {p.name}
        </button>
      </div>
      {columns.slice(1).map((column) => (
        <div key={column.key} className={`pt-cell ${column.className}`} role="gridcell">
          {column.cell(p)}
        </div>
      ))}
    </div>
  );
});
