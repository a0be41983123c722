import { useId } from 'react';
import { BrowserBody } from '../components/BrowserBody';
import { ChangeActions, CompareButton } from '../components/ChangeActions';
import { ChangeFilterSelect } from '../components/ChangeFilterSelect';
import { formatCount, formatPercent, plural } from '../format/format';
import type { BrowserView } from '../hooks/useBrowser';
import { effectiveScope, isFiltered, type ExportScope } from '../state/browser-state';
import { emptySelection } from '../state/selection';

/** The portfolio browser: search, risk filter, weights filter, the virtualised grid, selection and export. */
export function BrowserScreen({ view }: { view: BrowserView }) {
  const id = useId();
  const { listing, rows, riskLevels, total, state, update: onStateChange, exportBusy } = view;
  const { query, selection } = state;
  const filtered = isFiltered(query);
  const scope = effectiveScope(state);
  const selectedCount = selection.ids.size;
  const setQuery = (patch: Partial<typeof query>) =>
    onStateChange((current) => ({ ...current, query: { ...current.query, ...patch } }));

  const issues = listing.data?.issues ?? [];
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
            data-testid="portfolio-search"
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
        <ChangeFilterSelect
          value={query.changed}
          unseenCount={view.unseen.size}
          onChange={(changed) => setQuery({ changed })}
        />
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
              </button>{' '}
              <CompareButton view={view} />
            </>
          ) : (
            <span className="muted">Click, Shift-click or Space to select; Enter or double-click opens.</span>
          )}
        </span>
        <span className="spacer" />
        <ChangeActions view={view} />
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
          onClick={() => view.exportScope('list')}
          disabled={total === 0 || scopeCount === 0 || exportBusy !== null}
        >
          {exportBusy === 'list' ? 'Exporting…' : 'Export list CSV…'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => view.exportScope('holdings')}
          disabled={total === 0 || scopeCount === 0 || exportBusy !== null}
        >
          {exportBusy === 'holdings' ? 'Exporting…' : 'Export holdings CSV…'}
        </button>
      </div>

      <div className="browser-body">
        <BrowserBody view={view} />
      </div>

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
