import { useConnection } from '../data/queries';
import { formatCount } from '../format/format';
import type { BrowserView } from '../hooks/useBrowser';
import { initialQuery } from '../state/browser-query';
import { ErrorNotice } from './ErrorNotice';
import { PortfolioTable } from './PortfolioTable';
import { UnseenChanges } from './unseen-changes';
import { changeFilterValue } from '../state/change-filter';

/** The browser's main area: the grid, or why there is nothing to show yet (loading, syncing, error, empty). */
export function BrowserBody({ view }: { view: BrowserView }) {
  const connection = useConnection();
  const { listing, rows, total, state, update, scroll } = view;
  const syncing = connection.status === 'syncing';
  const { query, selection } = state;
  const resetKey = `${query.text}|${query.riskLevel}|${query.weightsIssuesOnly}|${changeFilterValue(query.changed)}|${query.sort.key}|${query.sort.direction}`;

  if (!listing.data) {
    if (listing.loading || syncing) {
      return (
        <p className="empty-state" aria-busy="true">
          {listing.loading ? 'Loading portfolios…' : 'Downloading the model portfolios…'}
        </p>
      );
    }
    if (listing.error) {
      return (
        <div className="empty-state">
          <ErrorNotice error={listing.error} retry={{ run: view.syncNow, label: 'Sync now' }} />
        </div>
      );
    }
    return <p className="empty-state">No data yet.</p>;
  }
  if (total === 0 && listing.data.syncedAt === null) {
    if (syncing) {
      const { portfolios, total: expected } = connection.progress;
      const soFar =
        portfolios > 0 ? ` (${formatCount(portfolios)}${expected ? ` of ${formatCount(expected)}` : ''} so far)` : '';
      return (
        <p className="empty-state" aria-busy="true">
          Downloading the model portfolios{soFar}…
        </p>
      );
    }
    return (
      <div className="empty-state">
        <p>There is no data yet.</p>
        <button type="button" className="button" onClick={view.syncNow}>
          Sync now
        </button>
      </div>
    );
  }
  if (total === 0) return <p className="empty-state">The API listed no model portfolios for this connection.</p>;
  return (
    <UnseenChanges.Provider value={view.unseen}>
      <PortfolioTable
        rows={rows}
        sort={query.sort}
        onSort={(sort) => update((current) => ({ ...current, query: { ...current.query, sort } }))}
        selection={selection}
        onSelectionChange={(next) => update((current) => ({ ...current, selection: next }))}
        activeId={state.activeId}
        onActiveChange={(activeId) => update((current) => ({ ...current, activeId }))}
        onOpen={view.open}
        resetKey={resetKey}
        initialOffset={scroll.read}
        onScrollOffset={scroll.write}
      />
      {rows.length === 0 ? (
        <div className="empty-overlay">
          <p>No portfolio matches these filters.</p>
          <button
            type="button"
            className="button small"
            onClick={() => update((current) => ({ ...current, query: { ...initialQuery, sort: current.query.sort } }))}
          >
            Clear filters
          </button>
        </div>
      ) : null}
    </UnseenChanges.Provider>
  );
}
