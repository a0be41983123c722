import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { PortfolioListing, PortfolioSummary } from '../../common/portfolio-summary';
import type { ExportKind } from '../../common/sync-outcome';
import { useChangesOverview } from '../data/change-queries';
import { catalogError } from '../data/main-result';
import { useBrowserListing } from '../data/browser-listing';
import { useActiveProfile, type MainData } from '../data/queries';
import { buildSearchIndex, riskLevelsOf, sortOrder } from '../state/browser-query';
import { nextFilterPass } from '../state/filter-pass';
import { effectiveScope, exportIds, initialBrowserState, type BrowserState } from '../state/browser-state';
import { pruneSelection } from '../state/selection';
import type { Exporter } from './useExport';
import type { Notice } from './useNotice';
import type { Screens } from './useScreens';
import { useChangeExports, type ChangeExports } from './useChangeExports';
import { useNow } from './useNow';
import type { SyncActions } from './useSync';

/** Where the grid was scrolled, so coming back from a portfolio lands in the same place. */
export interface ScrollMemory {
  read(): number;
  write(offset: number): void;
}

/** Everything the portfolio browser shows and does: one object instead of a dozen props. */
export interface BrowserView {
  listing: MainData<PortfolioListing>;
  /** Only the first screen is on hand (the whole list follows in a moment). */
  partial: boolean;
  /** The portfolios shown, filtered and sorted. */
  rows: readonly PortfolioSummary[];
  riskLevels: readonly string[];
  /** Every portfolio on hand. */
  total: number;
  state: BrowserState;
  update(change: (state: BrowserState) => BrowserState): void;
  scroll: ScrollMemory;
  exportBusy: ExportKind | null;
  /** Exports the current scope (selected, shown or all). */
  exportScope(kind: ExportKind): void;
  open(id: string): void;
  syncNow(): void;
  /** Model changes (issue 15): ids whose last change the user has not looked at. */
  unseen: ReadonlySet<string>;
  /** Opens the comparison of the selected portfolios (2–4). */
  compareSelected(): void;
  changeExports: ChangeExports;
}

/**
 * The browser's state for the active profile (search, filters, sort, selection, cursor, scroll):
 * kept while the user opens a portfolio and comes back, started afresh when the profile changes.
 */
export function useBrowser(deps: {
  screens: Screens;
  exporter: Exporter;
  sync: SyncActions;
  show(notice: Notice): void;
}): BrowserView {
  const { screens, exporter, sync, show } = deps;
  const browserListing = useBrowserListing();
  const { listing } = browserListing;
  const profileId = useActiveProfile()?.id ?? null;
  const [slot, setSlot] = useState({ profileId, state: initialBrowserState });
  const scrolled = useRef({ profileId, offset: 0 });

  const update = useCallback(
    (change: (state: BrowserState) => BrowserState) =>
      setSlot((current) => ({
        profileId,
        state: change(current.profileId === profileId ? current.state : initialBrowserState),
      })),
    [profileId],
  );
  const scroll = useMemo<ScrollMemory>(
    () => ({
      read: () => (scrolled.current.profileId === profileId ? scrolled.current.offset : 0),
      write: (offset) => void (scrolled.current = { profileId, offset }),
    }),
    [profileId],
  );

  // A new data set (the whole list after the first screen, a sync) and a new sort are the costly changes: they
  // render in the background, the old rows staying meanwhile. A keystroke only filters: it renders at once.
  const { portfolios, partial, total } = useDeferredValue(browserListing.rows);
  const searchIndex = useMemo(() => buildSearchIndex(portfolios), [portfolios]);
  const riskLevels = useMemo(() => riskLevelsOf(portfolios), [portfolios]);
  const ids = useMemo(() => new Set(portfolios.map((p) => p.id)), [portfolios]);
  const own = slot.profileId === profileId ? slot.state : initialBrowserState;
  // Only ids still on hand stay selected (after a sync); the query keeps its identity for the memos below.
  const state: BrowserState = { ...own, selection: pruneSelection(own.selection, ids) };
  const { text, riskLevel, weightsIssuesOnly, changed } = state.query;
  const sort = useDeferredValue(state.query.sort);
  // Model changes (issue 15): the unseen changes, and the time only while "changed in the last N days" is on.
  const changes = useChangesOverview().data;
  const unseen = useMemo(() => new Set(changes?.portfolios.flatMap((p) => (p.seen ? [] : [p.id]))), [changes]);
  const now = useNow(60_000);
  const changeExports = useChangeExports(show);
  const clock = changed.kind === 'days' ? now : 0;
  const marks = useMemo(() => ({ unseen, now: clock }), [unseen, clock]);
  // Sorting happens once per data set and column; each keystroke only filters the sorted order, and a keystroke
  // that narrows the search looks only at the rows the previous one kept.
  const order = useMemo(() => sortOrder(portfolios, sort), [portfolios, sort]);
  const rows = useMemo(
    () => nextFilterPass(portfolios, searchIndex, order, { text, riskLevel, weightsIssuesOnly, changed }, marks).rows,
    [portfolios, searchIndex, order, text, riskLevel, weightsIssuesOnly, changed, marks],
  );

  return {
    listing,
    partial,
    rows,
    riskLevels,
    total,
    state,
    update,
    scroll,
    exportBusy: exporter.busy,
    exportScope(kind) {
      if (total === 0) {
        show({ kind: 'error', message: catalogError('NO_DATA').message });
        return;
      }
      const scope = effectiveScope(state);
      // 'all' and 'selected' name what main exports; only 'shown' needs the whole list on hand here.
      if (partial && scope === 'shown') {
        show({ kind: 'info', message: 'The list is still loading; export again in a moment.' });
        return;
      }
      exporter.run(
        kind,
        exportIds(
          scope,
          state.selection,
          rows.map((p) => p.id),
        ),
      );
    },
    open: (id) => screens.go({ name: 'detail', id }),
    syncNow: () => sync.syncNow(true),
    unseen,
    compareSelected: () => screens.go({ name: 'compare', ids: [...state.selection.ids] }),
    changeExports,
  };
}
