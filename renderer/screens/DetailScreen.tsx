import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { ExportKind } from '../../common/sync-outcome';
import { ChangesTab } from '../components/ChangesTab';
import { DetailTabs, tabPanelProps } from '../components/DetailTabs';
import { ReadState } from '../components/ReadState';
import { FactsheetControl } from '../components/FactsheetControl';
import { HoldingsTable } from '../components/HoldingsTable';
import { WeightsFlag } from '../components/WeightsFlag';
import { useChangesOverview } from '../data/change-queries';
import { usePortfolio } from '../data/queries';
import { formatCount, formatDateTime, formatMoney } from '../format/format';
import type { Notice } from '../hooks/useNotice';
import type { DetailTab } from '../hooks/useScreens';
import { allocationByAssetClass } from '../state/holdings';

// The chart library is loaded with the first detail view, keeping the start-up bundle small.
const AllocationChart = lazy(() =>
  import('../components/AllocationChart').then((module) => ({ default: module.AllocationChart })),
);

/** One portfolio: header facts, the weights check, allocation chart, sortable holdings, export. */
export function DetailScreen({
  id,
  exportBusy,
  onBack,
  onExport,
  initialTab = 'holdings',
  onNotice = () => {},
}: {
  id: string;
  exportBusy: ExportKind | null;
  onBack: () => void;
  onExport: (kind: ExportKind, ids: string[]) => void;
  /** Model changes (issue 15): the tab to open on, and where exports of the Changes tab report. */
  initialTab?: DetailTab;
  onNotice?: (notice: Notice) => void;
}) {
  const [tab, setTab] = useState<DetailTab>(initialTab);
  const [opened, setOpened] = useState({ id, initialTab });
  if (opened.id !== id || opened.initialTab !== initialTab) {
    setOpened({ id, initialTab });
    setTab(initialTab);
  }
  const unseenChange = useChangesOverview().data?.portfolios.some((p) => p.id === id && !p.seen) ?? false;
  // Read again when main says the portfolios changed (a sync landed); a failed read replaces it.
  const loaded = usePortfolio(id);
  const portfolio = loaded.error ? null : loaded.data;
  const slices = useMemo(() => (portfolio ? allocationByAssetClass(portfolio.holdings) : []), [portfolio]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = portfolio !== null;
  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready, id]);

  return (
    <section className="detail" aria-label={portfolio?.name ?? `Portfolio ${id}`} data-testid="detail-screen">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <button type="button" className="link-button" onClick={onBack}>
          <span aria-hidden="true">← </span>All portfolios
        </button>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{portfolio?.name ?? id}</span>
      </nav>
      <ReadState read={loaded} loadingText="Loading the portfolio…" />
      {portfolio ? (
        <>
          <header className="detail-header">
            <div>
              <h2 id="detail-heading" ref={headingRef} tabIndex={-1} className="detail-title">
                {portfolio.name}
              </h2>
              <p className="muted">
                <span className="mono">{portfolio.id}</span>
                {portfolio.strategy ? ` · ${portfolio.strategy}` : ''}
              </p>
            </div>
            <div className="detail-actions">
              <button
                type="button"
                className="button"
                onClick={() => onExport('holdings', [portfolio.id])}
                disabled={exportBusy !== null}
              >
                Export holdings CSV…
              </button>
              <button
                type="button"
                className="button"
                onClick={() => onExport('list', [portfolio.id])}
                disabled={exportBusy !== null}
              >
                Export summary CSV…
              </button>
              <FactsheetControl portfolio={portfolio} />
            </div>
          </header>
          {portfolio.description ? <p className="detail-description">{portfolio.description}</p> : null}
          <dl className="facts detail-facts" data-testid="detail-facts">
            <dt>Risk level</dt>
            <dd>{portfolio.riskLevel ?? '—'}</dd>
            <dt>Benchmark</dt>
            <dd>{portfolio.benchmark ?? '—'}</dd>
            <dt>Currency</dt>
            <dd>{portfolio.currency ?? '—'}</dd>
            <dt>Minimum investment</dt>
            <dd>{formatMoney(portfolio.minimumInvestment, portfolio.currency)}</dd>
            <dt>Holdings</dt>
            <dd>{formatCount(portfolio.holdings.length)}</dd>
            <dt>Last updated</dt>
            <dd>
              {portfolio.updatedAt ? (
                <time dateTime={portfolio.updatedAt}>{formatDateTime(portfolio.updatedAt)}</time>
              ) : (
                '—'
              )}
            </dd>
            <dt>Weights</dt>
            <dd data-testid="weights-check">
              <WeightsFlag weightSum={portfolio.weightSum} weightsOk={portfolio.weightsOk} long />
            </dd>
          </dl>
          <DetailTabs tab={tab} onTab={setTab} changesBadge={unseenChange} />
          <div className="detail-panels" {...tabPanelProps('holdings', tab)}>
            <section className="card panel" aria-labelledby="allocation-heading">
              <h3 id="allocation-heading">Allocation by asset class</h3>
              {slices.length > 0 ? (
                <Suspense fallback={<p className="muted">Drawing the chart…</p>}>
                  <AllocationChart slices={slices} />
                </Suspense>
              ) : (
                <p className="muted">No holdings.</p>
              )}
            </section>
            <section className="card panel" aria-labelledby="holdings-heading">
              <h3 id="holdings-heading">Holdings</h3>
              <HoldingsTable holdings={portfolio.holdings} />
            </section>
          </div>
          <div {...tabPanelProps('changes', tab)}>
            {tab === 'changes' ? <ChangesTab id={portfolio.id} onNotice={onNotice} /> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
