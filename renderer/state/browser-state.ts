import { initialQuery, type BrowserQuery } from './browser-query';
import { emptySelection, type Selection } from './selection';

/** Which portfolios an export from the browser covers. */
export type ExportScope = 'selected' | 'shown' | 'all';

/** The browser's state, kept above the screen so it survives opening a portfolio and coming back. */
export interface BrowserState {
  query: BrowserQuery;
  selection: Selection;
  /** The keyboard cursor's row. */
  activeId: string | null;
  /** The scope the user picked; 'selected' falls back to all when nothing is selected. */
  scope: ExportScope;
}

/** Nothing searched, selected or picked. */
export const initialBrowserState: BrowserState = {
  query: initialQuery,
  selection: emptySelection,
  activeId: null,
  scope: 'selected',
};

/** True when search or a filter narrows the list. */
export function isFiltered(query: BrowserQuery): boolean {
  return (
    query.text.trim() !== '' || query.riskLevel !== null || query.weightsIssuesOnly || query.changed.kind !== 'any'
  );
}

/** The scope actually used: the picked one when it applies, else every portfolio. */
export function effectiveScope(state: BrowserState): ExportScope {
  if (state.scope === 'selected' && state.selection.ids.size > 0) return 'selected';
  if (state.scope === 'shown' && isFiltered(state.query)) return 'shown';
  return 'all';
}

/** The ids an export sends to main for a scope: the selection, the shown rows, or 'all'. */
export function exportIds(scope: ExportScope, selection: Selection, shownIds: readonly string[]): 'all' | string[] {
  if (scope === 'selected') return [...selection.ids];
  if (scope === 'shown') return [...shownIds];
  return 'all';
}
