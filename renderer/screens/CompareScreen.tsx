import { lazy, Suspense, useEffect, useRef } from 'react';
import { ComparisonFactsTable } from '../components/ComparisonFactsTable';
import { ReadState } from '../components/ReadState';
import { HoldingsOverlapTables } from '../components/HoldingsOverlapTables';
import { useComparison } from '../data/change-queries';
import { useChangeExports } from '../hooks/useChangeExports';
import type { Notice } from '../hooks/useNotice';

// The chart library is loaded with the first chart, keeping the start-up bundle small.
const AllocationCompareChart = lazy(() =>
  import('../components/AllocationCompareChart').then((module) => ({ default: module.AllocationCompareChart })),
);

/** 2–4 portfolios side by side: key facts, allocation by asset class in one chart, holdings overlap, CSV (issue 15). */
export function CompareScreen({
  ids,
  onBack,
  onNotice,
}: {
  ids: string[];
  onBack: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const loaded = useComparison(ids);
  const comparison = loaded.error ? null : loaded.data;
  const exports = useChangeExports(onNotice);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = comparison !== null;
  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready]);

  return (
    <section className="compare" aria-labelledby="compare-heading" data-testid="compare-screen">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <button type="button" className="link-button" onClick={onBack}>
          <span aria-hidden="true">← </span>All portfolios
        </button>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">Compare {ids.length}</span>
      </nav>
      <header className="detail-header">
        <div>
          <h2 id="compare-heading" ref={headingRef} tabIndex={-1} className="detail-title">
            Compare {ids.length} portfolios
          </h2>
          {comparison ? <p className="muted">{comparison.portfolios.map((p) => p.name).join(' · ')}</p> : null}
        </div>
        <div className="detail-actions">
          <button
            type="button"
            className="button"
            disabled={!comparison || exports.busy !== null}
            onClick={() => exports.comparison(ids)}
          >
            {exports.busy === 'comparison' ? 'Exporting…' : 'Export comparison CSV…'}
          </button>
        </div>
      </header>
      <ReadState read={loaded} loadingText="Loading the portfolios…" />
      {comparison ? (
        <div className="compare-panels">
          <section className="card panel" aria-labelledby="compare-facts-heading">
            <h3 id="compare-facts-heading">Key facts</h3>
            <ComparisonFactsTable comparison={comparison} />
          </section>
          <section className="card panel" aria-labelledby="compare-allocation-heading">
            <h3 id="compare-allocation-heading">Allocation by asset class</h3>
            <Suspense fallback={<p className="muted">Drawing the chart…</p>}>
              <AllocationCompareChart
                rows={comparison.allocation}
                series={comparison.portfolios.map((p) => p.name)}
                caption="Allocation by asset class, side by side"
              />
            </Suspense>
          </section>
          <section className="card panel compare-overlap" aria-labelledby="compare-overlap-heading">
            <h3 id="compare-overlap-heading">Holdings overlap</h3>
            <HoldingsOverlapTables comparison={comparison} />
          </section>
        </div>
      ) : null}
    </section>
  );
}
