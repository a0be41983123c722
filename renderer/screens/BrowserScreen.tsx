import { useId, type RefObject } from 'react';
import type { ConnectionState } from '../../common/connection-state';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import type { ExportKind } from '../../common/sync-outcome';
import { ErrorNotice } from '../components/ErrorNotice';
import { PortfolioTable } from '../components/PortfolioTable';
import { formatCount, formatPercent, plural } from '../format/format';
import type { ListingState } from '../hooks/usePortfolioListing';
import { initialQuery } from '../state/browser-query';
import { effectiveScope, isFiltered, type BrowserState, type ExportScope } from '../state/browser-state';
import { emptySelection } from '../state/selection';

/** The portfolio browser: search, risk filter, weights filter, the virtualised grid, selection and export. */
export function BrowserScreen({
  listing,
  rows,
  riskLevels,
  state,
  onStateChange,
  connection,
  searchRef,
  exportBusy,
  onExport,
  onOpen,
  onSyncNow,
  initialScrollOffset,
  onScrollOffset,
}: {
  listing: ListingState;
  rows: readonly PortfolioSummary[];
  riskLevels: readonly string[];
  state: BrowserState;
  onStateChange: (update: (state: BrowserState) => BrowserState) => void;
  connection: ConnectionState;
  searchRef: RefObject<HTMLInputElement | null>;
  exportBusy: ExportKind | null;
  onExport: (kind: ExportKind) => void;
  onOpen: (id: string) => void;
  onSyncNow: () => void;
  initialScrollOffset: number;
  onScrollOffset: (offset: number) => void;
}) {
  const id = useId();
  const { query, selection } = state;
  const total = listing.listing?.portfolios.length ?? 0;
  const filtered = isFiltered(query);
  const scope = effectiveScope(state);
  const selectedCount = selection.ids.size;
  const setQuery = (patch: Partial<typeof query>) =>
    onStateChange((current) => ({ ...current, query: { ...current.query, ...patch } }));
  const resetKey = `${query.text}|${query.riskLevel}|${query.weightsIssuesOnly}|${query.sort.key}|${query.sort.direction}`;

  let body;
  if (!listing.listing) {
    if (listing.loading)
      body = (
        <p className="empty-state" aria-busy="true">
          Loading portfolios…
        </p>
      );
    else if (connection.status === 'syncing') {
      body = (
        <p className="empty-state" aria-busy="true">
          Downloading the model portfolios…
        </p>
      );
    } else if (listing.error) {
      body = (
        <div className="empty-state">
          <ErrorNotice
            error={listing.error}
            action={
              <button type="button" className="button small" onClick={onSyncNow}>
                Sync now
              </button>
            }
          />
        </div>
      );
    } else body = <p className="empty-state">No data yet.</p>;
  } else if (total === 0 && listing.listing.syncedAt === null) {
    body =
      connection.status === 'syncing' ? (
        <p className="empty-state" aria-busy="true">
          Downloading the model portfolios
          {connection.progress && connection.progress.portfolios > 0
            ? ` (${formatCount(connection.progress.portfolios)}${connection.progress.total ? ` of ${formatCount(connection.progress.total)}` : ''} so far)`
            : ''}
          …
        </p>
      ) : (
        <div className="empty-state">
          <p>There is no data yet.</p>
          <button type="button" className="button" onClick={onSyncNow}>
            Sync now
          </button>
        </div>
      );
  } else if (total === 0) {
    body = <p className="empty-state">The API listed no model portfolios for this connection.</p>;
  } else {
    body = (
      <>
        <PortfolioTable
          rows={rows}
          sort={query.sort}
          onSort={(sort) => setQuery({ sort })}
          selection={selection}
          onSelectionChange={(next) => onStateChange((current) => ({ ...current, selection: next }))}
          activeId={state.activeId}
          onActiveChange={(activeId) => onStateChange((current) => ({ ...current, activeId }))}
          onOpen={onOpen}
          resetKey={resetKey}
          initialOffset={initialScrollOffset}
          onScrollOffset={onScrollOffset}
        />
        {rows.length === 0 ? (
          <div className="empty-overlay">
            <p>No portfolio matches these filters.</p>
            <button
              type="button"
              className="button small"
              onClick={() =>
                onStateChange((current) => ({ ...current, query: { ...initialQuery, sort: current.query.sort } }))
              }
            >
              Clear filters
            </button>
          </div>
        ) : null}
      </>
    );
  }

  const issues = listing.listing?.issues ?? [];
  const scopeCount = scope === 'selected' ? selectedCount : scope === 'shown' ? rows.length : total;

  return (
    <section className="browser" aria-labelledby={`${id}-heading`} data-testid="browser-screen">
      <h2 id={`${id}-heading`} className="sr-only">
        Model portfolios
      </h2>
      <div className="toolbar" role="search">
        <div className="search-field">
          <label htmlFor={`${id}-search`} className="sr-only">
            Search portfolios
          </label>
          <span className="search-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            ref={searchRef}
            id={`${id}-search`}
            type="search"
            placeholder="Search name, ID, benchmark or ticker"
            value={query.text}
            onChange={(event) => setQuery({ text: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                document.querySelector<HTMLElement>('[data-testid="portfolio-grid"]')?.focus();
              }
            }}
            aria-describedby={`${id}-count`}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        <label className="inline-field">
          <span>Risk level</span>
          <select
            value={query.riskLevel ?? ''}
            onChange={(event) => setQuery({ riskLevel: event.target.value || null })}
          >
            <option value="">All</option>
            {riskLevels.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={query.weightsIssuesOnly}
            onChange={(event) => setQuery({ weightsIssuesOnly: event.target.checked })}
          />
          Weights not {formatPercent(1, 0)}
        </label>
        <span className="spacer" />
        <span id={`${id}-count`} className="result-count" role="status" data-testid="result-count">
          {filtered ? `${formatCount(rows.length)} of ${plural(total, 'portfolio')}` : plural(total, 'portfolio')}
        </span>
      </div>

      <div className="actionbar">
        <span className="selection-info" data-testid="selection-info">
          {selectedCount > 0 ? (
            <>
              {formatCount(selectedCount)} selected{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onStateChange((current) => ({ ...current, selection: emptySelection }))}
              >
                Clear selection
              </button>
            </>
          ) : (
            <span className="muted">Click, Shift-click or Space to select; Enter or double-click opens.</span>
          )}
        </span>
        <span className="spacer" />
        <label className="inline-field">
          <span>Export</span>
          <select
            value={scope}
            onChange={(event) => onStateChange((current) => ({ ...current, scope: event.target.value as ExportScope }))}
            disabled={total === 0}
            data-testid="export-scope"
          >
            {selectedCount > 0 ? <option value="selected">Selected ({formatCount(selectedCount)})</option> : null}
            {filtered ? <option value="shown">Shown ({formatCount(rows.length)})</option> : null}
            <option value="all">All ({formatCount(total)})</option>
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={() => onExport('list')}
          disabled={total === 0 || scopeCount === 0 || exportBusy !== null}
        >
          {exportBusy === 'list' ? 'Exporting…' : 'Export list CSV…'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onExport('holdings')}
          disabled={total === 0 || scopeCount === 0 || exportBusy !== null}
        >
          {exportBusy === 'holdings' ? 'Exporting…' : 'Export holdings CSV…'}
        </button>
      </div>

      <div className="browser-body">{body}</div>

      {issues.length > 0 ? (
        <details className="sync-issues">
          <summary>{plural(issues.length, 'record')} from the last sync had problems</summary>
          <ul>
            {issues.slice(0, 50).map((issue, index) => (
              <li key={index}>
                {issue.portfolioId ? <span className="mono">{issue.portfolioId}: </span> : null}
                {issue.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
