// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PortfolioSummary } from '../../../common/portfolio-summary';
import { PortfolioTable } from '../../../renderer/components/PortfolioTable';
import { initialQuery, sortOrder, type SortState } from '../../../renderer/state/browser-query';
import { emptySelection, type Selection } from '../../../renderer/state/selection';
import { manySummaries } from './support/fake-main';
import { useFakeLayout } from './support/layout';

afterEach(cleanup);
useFakeLayout();

function Harness({ data, onOpen }: { data: PortfolioSummary[]; onOpen: (id: string) => void }) {
  const [sort, setSort] = useState<SortState>(initialQuery.sort);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [activeId, setActiveId] = useState<string | null>(null);
  const rows = sortOrder(data, sort).map((index) => data[index]!);
  return (
    <>
      <output data-testid="selected">{[...selection.ids].sort().join(',')}</output>
      <PortfolioTable
        rows={rows}
        sort={sort}
        onSort={setSort}
        selection={selection}
        onSelectionChange={setSelection}
        activeId={activeId}
        onActiveChange={setActiveId}
        onOpen={onOpen}
        resetKey={`${sort.key}${sort.direction}`}
      />
    </>
  );
}

const bodyRows = () => within(screen.getByRole('grid')).getAllByRole('row').slice(1);
const selected = () => screen.getByTestId('selected').textContent;

describe('PortfolioTable', () => {
  it('renders only a window of rows for 10,000 portfolios', () => {
    render(<Harness data={manySummaries(10_000)} onOpen={vi.fn()} />);
    const grid = screen.getByRole('grid', { name: 'Model portfolios' });
    expect(grid.getAttribute('aria-rowcount')).toBe('10001');
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThanOrEqual(100);
    expect(bodyRows()[0]!.getAttribute('aria-rowindex')).toBe('2');
  });

  it('moves a cursor with the arrow keys, selects with Space and Shift, opens with Enter', () => {
    const onOpen = vi.fn();
    render(<Harness data={manySummaries(20)} onOpen={onOpen} />);
    const grid = screen.getByRole('grid');
    act(() => grid.focus());
    expect(grid.getAttribute('aria-activedescendant')).toBe('pt-row-0');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(grid.getAttribute('aria-activedescendant')).toBe('pt-row-1');
    fireEvent.keyDown(grid, { key: ' ' });
    expect(selected()).toBe('mp-000002');
    fireEvent.keyDown(grid, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(grid, { key: 'ArrowDown', shiftKey: true });
    expect(selected()).toBe('mp-000002,mp-000003,mp-000004');
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith('mp-000004');
    fireEvent.keyDown(grid, { key: 'End' });
    expect(grid.getAttribute('aria-activedescendant')).toBe('pt-row-19');
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect(selected()).toBe('');
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect(selected()!.split(',')).toHaveLength(20);
  });

  it('selects with clicks: plain, Ctrl and Shift; the checkbox toggles; double-click opens', () => {
    const onOpen = vi.fn();
    render(<Harness data={manySummaries(20)} onOpen={onOpen} />);
    const rows = bodyRows();
    fireEvent.click(rows[1]!);
    expect(selected()).toBe('mp-000002');
    fireEvent.click(rows[3]!, { ctrlKey: true });
    expect(selected()).toBe('mp-000002,mp-000004');
    fireEvent.click(rows[5]!, { shiftKey: true });
    expect(selected()).toBe('mp-000004,mp-000005,mp-000006');
    fireEvent.click(within(bodyRows()[0]!).getByRole('checkbox'));
    expect(selected()).toBe('mp-000001,mp-000004,mp-000005,mp-000006');
    expect(bodyRows()[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.doubleClick(bodyRows()[2]!);
    expect(onOpen).toHaveBeenCalledWith('mp-000003');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown portfolios' }));
    expect(selected()!.split(',')).toHaveLength(20);
  });

  it('sorts by a column header and says so with aria-sort', () => {
    render(<Harness data={manySummaries(30)} onOpen={vi.fn()} />);
    const idHeader = screen.getByRole('columnheader', { name: /^ID/ });
    expect(idHeader.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(idHeader).getByRole('button'));
    fireEvent.click(within(idHeader).getByRole('button'));
    expect(idHeader.getAttribute('aria-sort')).toBe('descending');
    expect(bodyRows()[0]!.getAttribute('data-id')).toBe('mp-000030');
  });

  it('flags portfolios whose weights do not sum to 100 %', () => {
    render(<Harness data={manySummaries(5)} onOpen={vi.fn()} />);
    const flagged = bodyRows().find((row) => row.getAttribute('data-id') === 'mp-000001')!;
    expect(within(flagged).getByTestId('weights-flag').textContent).toMatch(/99[.,]70\s?%/);
    expect(flagged.textContent).toContain('does not sum to');
  });
});
