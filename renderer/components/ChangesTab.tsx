import { lazy, Suspense, useEffect, useEffectEvent, useState } from 'react';
import type { FactChange, TrackedFact } from '../../common/model-changes';
import { api } from '../bridge';
import { usePortfolioChanges } from '../data/change-queries';
import { useMainAction } from '../data/useMainAction';
import { formatPoints, versionShort } from '../format/change-format';
import { formatDateTime, formatMoney, plural } from '../format/format';
import { useChangeExports } from '../hooks/useChangeExports';
import type { Notice } from '../hooks/useNotice';
import { ErrorNotice } from './ErrorNotice';
import { TradeListTable } from './TradeListTable';
import { VersionPicker } from './VersionPicker';

// The chart library is loaded with the first chart, keeping the start-up bundle small.
const AllocationCompareChart = lazy(() =>
  import('./AllocationCompareChart').then((module) => ({ default: module.AllocationCompareChart })),
);

const factLabels: Record<TrackedFact, string> = {
  name: 'Name',
  riskLevel: 'Risk level',
  strategy: 'Strategy',
  benchmark: 'Benchmark',
  currency: 'Currency',
  minimumInvestment: 'Minimum investment',
};

function factValue(change: FactChange, value: string | number | null): string {
  if (value === null) return '—';
  return typeof value === 'number' && change.fact === 'minimumInvestment' ? formatMoney(value, null) : String(value);
}

/**
 * A portfolio's Changes tab: the trade list of its latest change (or between any two kept versions), the facts
 * that changed, allocation before and after, and the trade list's CSV. Showing it marks the change as seen.
 */
export function ChangesTab({ id, onNotice }: { id: string; onNotice: (notice: Notice) => void }) {
  const [pick, setPick] = useState<{ from: number; to: number } | null>(null);
  const loaded = usePortfolioChanges(id, pick?.from ?? null, pick?.to ?? null);
  const view = loaded.data?.portfolioId === id ? loaded.data : null;
  const exports = useChangeExports(onNotice);
  const markSeen = useMainAction((ids: string[]) => api().changes.markSeen({ ids }));
  const seen = useEffectEvent((portfolio: string) => void markSeen.run([portfolio]));
  const changedAt = view?.lastChangedAt ?? null;
  useEffect(() => {
    if (changedAt !== null) seen(id);
  }, [id, changedAt]);

  if (!view) {
    if (loaded.error)
      return (
        <ErrorNotice
          error={loaded.error}
          action={
            <button type="button" className="button small" onClick={pick ? () => setPick(null) : loaded.retry}>
              {pick ? 'Show the latest change' : 'Try again'}
            </button>
          }
        />
      );
    return (
      <p className="empty-state" aria-busy="true">
        Loading the changes…
      </p>
    );
  }
  const { changes } = view;
  const series = [`Before (${versionShort(view.from)})`, `After (${versionShort(view.to)})`];
  return (
    <div className="changes-tab" data-testid="changes-tab" aria-busy={loaded.fetching}>
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      <div className="changes-toolbar">
        <VersionPicker
          view={view}
          picked={pick !== null}
          onPick={(from, to) => setPick({ from, to })}
          onLatest={() => setPick(null)}
        />
        <span className="spacer" />
        <button
          type="button"
          className="button"
          disabled={!changes || exports.busy !== null}
          onClick={() =>
            exports.tradeList({ id, ...(view.from ? { from: view.from.revision } : {}), to: view.to.revision })
          }
        >
          {exports.busy === 'trade-list' ? 'Exporting…' : 'Export trade list CSV…'}
        </button>
      </div>
      {!changes ? (
        <p className="muted" data-testid="no-changes">
          Only one version of this model is kept so far. When a sync finds it revised, the trade list shows here.
        </p>
      ) : (
        <>
          <p className="changes-summary" data-testid="changes-summary">
            {pick === null ? 'Latest change' : 'Changes'}: from{' '}
            {formatDateTime(view.from?.updatedAt ?? view.from?.storedAt)} to{' '}
            {formatDateTime(view.to.updatedAt ?? view.to.storedAt)} · {plural(changes.summary.sells, 'sell')},{' '}
            {plural(changes.summary.buys, 'buy')} · one-way turnover {formatPoints(changes.summary.turnoverPp)}
            <span className="muted"> · changes under {formatPoints(changes.tolerancePp)} hidden</span>
          </p>
          {changes.facts.length > 0 ? (
            <table className="data-table facts-changed" data-testid="facts-changed">
              <caption>Facts that changed</caption>
              <thead>
                <tr>
                  <th scope="col">Fact</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {changes.facts.map((fact) => (
                  <tr key={fact.fact}>
                    <th scope="row">{factLabels[fact.fact]}</th>
                    <td>{factValue(fact, fact.oldValue)}</td>
                    <td>{factValue(fact, fact.newValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <section className="card panel" aria-labelledby="trade-list-heading">
            <h3 id="trade-list-heading">Trade list</h3>
            <TradeListTable changes={changes.holdings} />
          </section>
        </>
      )}
      <section className="card panel" aria-labelledby="allocation-change-heading">
        <h3 id="allocation-change-heading">Allocation by asset class{changes ? ', before and after' : ''}</h3>
        <Suspense fallback={<p className="muted">Drawing the chart…</p>}>
          <AllocationCompareChart
            rows={view.allocation}
            series={changes ? series : [`Current (${versionShort(view.to)})`]}
            caption={changes ? 'Allocation by asset class before and after' : 'Allocation by asset class'}
          />
        </Suspense>
      </section>
    </div>
  );
}
