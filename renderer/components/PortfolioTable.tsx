import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import type { SortState } from '../state/browser-query';
import { cursorTarget } from '../state/grid-cursor';
import { selectAll, selectOnly, selectRange, toggle, emptySelection, type Selection } from '../state/selection';
import { columns, PortfolioHeader } from './PortfolioHeader';

/** Row and header heights in px (fixed, so the virtualiser never measures). */
export const rowHeight = 34;
const headerHeight = 38;

/** The mark the UI benchmark waits for: rows for the current data are on screen. */
export const rowsPaintedMark = 'mp:rows-painted';
/** The mark for rows committed to the DOM (before layout and paint). */
export const rowsCommittedMark = 'mp:rows-committed';

const noop = () => {};

/** The virtualised portfolio grid: sortable columns, keyboard cursor, multi-select, double-click or Enter opens. */
export function PortfolioTable({
  rows,
  sort,
  onSort,
  selection,
  onSelectionChange,
  activeId,
  onActiveChange,
  onOpen,
  resetKey,
  initialOffset = 0,
  onScrollOffset,
}: {
  rows: readonly PortfolioSummary[];
  sort: SortState;
  onSort: (sort: SortState) => void;
  selection: Selection;
  onSelectionChange: (selection: Selection) => void;
  activeId: string | null;
  onActiveChange: (id: string | null) => void;
  onOpen: (id: string) => void;
  /** Changes when the filter or sort changes: the list then scrolls to the cursor, or to the top. */
  resetKey: string;
  /** Where to start scrolled to (read once, when the grid is first shown). */
  initialOffset?: number | (() => number);
  onScrollOffset?: (offset: number) => void;
}) {
  const gridRef = useRef<HTMLDivElement>(null);
  // A keystroke changes `rows`: nothing here walks all of them unless a cursor or a selection needs it.
  const activeIndex = useMemo(
    () => (activeId === null ? -1 : rows.findIndex((p) => p.id === activeId)),
    [rows, activeId],
  );
  const rowIds = () => rows.map((p) => p.id);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser's API returns fresh values each render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    initialOffset,
    initialRect: { width: 1200, height: 600 },
  });

  const lastReset = useRef(resetKey);
  useEffect(() => {
    if (lastReset.current === resetKey) return;
    lastReset.current = resetKey;
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'center' });
    // Already at the top (the usual case while typing): a scroll command would force a layout and watch frames.
    else if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0);
  }, [resetKey, activeIndex, virtualizer]);

  useLayoutEffect(() => {
    performance.mark(rowsCommittedMark, { detail: rows.length });
  }, [rows]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => performance.mark(rowsPaintedMark, { detail: rows.length }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [rows]);

  const moveTo = (index: number, extend: boolean) => {
    const id = rows[index]?.id;
    if (id === undefined) return;
    onActiveChange(id);
    if (extend)
      onSelectionChange(selectRange(selection.anchor ? selection : { ...selection, anchor: activeId }, rowIds(), id));
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const count = rows.length;
    if (count === 0) return;
    const page = Math.max(1, Math.floor(((gridRef.current?.clientHeight ?? 600) - headerHeight) / rowHeight) - 1);
    const from = activeIndex;
    const next = cursorTarget(event.key, from, count, page);
    if (next !== null) {
      event.preventDefault();
      moveTo(next, event.shiftKey);
      return;
    }
    switch (event.key) {
      case ' ':
        event.preventDefault();
        if (activeId !== null && from >= 0) onSelectionChange(toggle(selection, activeId));
        return;
      case 'Enter':
        event.preventDefault();
        if (activeId !== null && from >= 0) onOpen(activeId);
        return;
      case 'Escape':
        if (selection.ids.size > 0) {
          event.preventDefault();
          onSelectionChange(emptySelection);
        }
        return;
      case 'a':
      case 'A':
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault();
          onSelectionChange(selectAll(rowIds()));
        }
        return;
    }
  };

  const onRowClick = (event: MouseEvent, id: string) => {
    if (event.shiftKey) onSelectionChange(selectRange(selection, rowIds(), id, event.ctrlKey || event.metaKey));
    else if (event.ctrlKey || event.metaKey) onSelectionChange(toggle(selection, id));
    else onSelectionChange(selectOnly(id));
    onActiveChange(id);
    gridRef.current?.focus({ preventScroll: true });
  };

  const onCheck = (event: MouseEvent, id: string) => {
    event.stopPropagation();
    onSelectionChange(event.shiftKey ? selectRange(selection, rowIds(), id, true) : toggle(selection, id));
    onActiveChange(id);
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = activeIndex >= 0 && items.some((item) => item.index === activeIndex);
  const shownSelected = selection.ids.size === 0 ? 0 : rows.reduce((n, p) => (selection.ids.has(p.id) ? n + 1 : n), 0);
  const allChecked = rows.length > 0 && shownSelected === rows.length;

  return (
    <div
      ref={gridRef}
      className="pt"
      role="grid"
      aria-label="Model portfolios"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? `pt-row-${activeIndex}` : undefined}
      tabIndex={0}
      data-testid="portfolio-grid"
      data-row-count={rows.length}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && activeIndex < 0 && items[0])
          onActiveChange(rows[items[0].index]?.id ?? null);
      }}
      onScroll={(event) => onScrollOffset?.(event.currentTarget.scrollTop)}
    >
      <PortfolioHeader
        sort={sort}
        onSort={onSort}
        checked={allChecked ? 'all' : shownSelected > 0 ? 'some' : 'none'}
        onToggleAll={() => onSelectionChange(allChecked ? emptySelection : selectAll(rowIds()))}
      />
      {/* The rows sit in a box of fixed size, and the scroll height comes from a spacer beside it: a filter that
          changes the number of rows resizes the spacer only, and the rows on screen keep their layout. */}
      <div className="pt-body" role="rowgroup">
        {items.map((item) => {
          const p = rows[item.index]!;
          const selected = selection.ids.has(p.id);
          const active = item.index === activeIndex;
          // Keyed by position, not by portfolio: a keystroke that changes which portfolios are shown rewrites the
          // text of the rows on screen instead of replacing them (new rows cost a layout of everything in them).
          return (
            <div
              key={item.index}
              id={`pt-row-${item.index}`}
              className={`pt-row${selected ? ' selected' : ''}${active ? ' active' : ''}${p.weightsOk ? '' : ' flagged'}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              data-id={p.id}
              style={{ transform: `translateY(${item.start - headerHeight}px)` }}
              onClick={(event) => onRowClick(event, p.id)}
              onDoubleClick={() => onOpen(p.id)}
            >
              <div className="pt-cell c-select" role="gridcell">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Select ${p.name}`}
                  checked={selected}
                  onClick={(event) => onCheck(event, p.id)}
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
                    onActiveChange(p.id);
                    onOpen(p.id);
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
        })}
      </div>
      <div className="pt-spacer" aria-hidden="true" style={{ height: virtualizer.getTotalSize() }} />
    </div>
  );
}
