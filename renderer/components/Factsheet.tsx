import { useEffect, useLayoutEffect, useRef } from 'react';
import type { PageSize } from '../../common/factsheet';
import { formatCount, formatPercent } from '../format/format';
import type { FactsheetView } from '../state/factsheet-view';
import { FactsheetChart } from './FactsheetChart';
import { AllocationTable } from './AllocationTable';

/** How often, and how long at most, the factsheet waits for the chart to have drawn before it says it is ready. */
const readyPollMs = 25;
const readyWaitMs = 3_000;

/** True once the chart's SVG has a bar for each asset class with a weight, and its axis labels. */
function chartDrawn(root: HTMLElement, slices: FactsheetView['slices']): boolean {
  const bars = root.querySelectorAll('.fs-chart .recharts-bar-rectangle').length;
  const labels = root.querySelectorAll('.fs-chart .recharts-yAxis .recharts-cartesian-axis-tick').length;
  return bars >= slices.filter((slice) => slice.weight > 0).length && labels >= slices.length;
}

/**
 * The printed factsheet: key facts, the allocation chart and figures, every holding (the table's
 * header repeats on each page), when it was made and from which data. Shown only in print
 * (styles/factsheet.css); calls `onReady` once its chart has drawn, so main prints a whole page.
 */
export function Factsheet({
  view,
  pageSize,
  onReady,
}: {
  view: FactsheetView;
  pageSize: PageSize | null;
  onReady: () => void;
}) {
  const root = useRef<HTMLElement>(null);
  const ready = useRef(onReady);
  useLayoutEffect(() => {
    ready.current = onReady;
  });
  const { slices } = view;

  useEffect(() => {
    let stopped = false;
    const started = Date.now();
    const check = () => {
      if (stopped) return;
      const element = root.current;
      const drawn = slices.length === 0 || (element !== null && chartDrawn(element, slices));
      if (drawn || Date.now() - started > readyWaitMs) {
        // Web fonts, where the page has them, must have loaded too (not every DOM has document.fonts).
        const fonts: Promise<unknown> = 'fonts' in document ? document.fonts.ready : Promise.resolve();
        void fonts.then(() => {
          if (!stopped) ready.current();
        });
        return;
      }
      window.setTimeout(check, readyPollMs);
    };
    check();
    return () => {
      stopped = true;
    };
  }, [slices]);

  return (
    <main
      ref={root}
      className="factsheet"
      aria-labelledby="factsheet-title"
      data-testid="factsheet"
      data-page-size={pageSize ?? 'auto'}
    >
      <header className="fs-header">
        <p className="fs-kicker">Model portfolio factsheet</p>
        <h1 id="factsheet-title" className="fs-title">
          {view.title}
        </h1>
        <p className="fs-subtitle">{view.subtitle}</p>
        <p className="fs-dates" data-testid="factsheet-dates">
          Generated {view.generated}
          {view.source ? ` · Source: ${view.source}` : ''}
        </p>
      </header>
      {view.description ? <p className="fs-description">{view.description}</p> : null}
      <dl className="fs-facts">
        {view.facts.map((fact) => (
          <div key={fact.label} className="fs-fact">
            <dt>{fact.label}</dt>
            <dd className={fact.when ? 'fs-when' : undefined}>{fact.value}</dd>
          </div>
        ))}
      </dl>
      <section className="fs-section fs-allocation" aria-labelledby="fs-allocation-heading">
        <h2 id="fs-allocation-heading">Allocation by asset class</h2>
        {slices.length > 0 ? (
          <div className="fs-allocation-body">
            <FactsheetChart slices={slices} />
            <AllocationTable slices={slices} className="fs-table fs-allocation-table" />
          </div>
        ) : (
          <p>No holdings.</p>
        )}
      </section>
      <section className="fs-section fs-holdings" aria-labelledby="fs-holdings-heading">
        <h2 id="fs-holdings-heading">Holdings ({formatCount(view.holdings.length)})</h2>
        {view.holdings.length > 0 ? (
          <table className="fs-table fs-holdings-table" data-testid="factsheet-holdings">
            <caption className="sr-only">Holdings, largest weight first</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Ticker</th>
                <th scope="col">Name</th>
                <th scope="col">Asset class</th>
                <th scope="col" className="num">
                  Weight
                </th>
              </tr>
            </thead>
            <tbody>
              {view.holdings.map((holding, index) => (
                <tr key={`${holding.ticker}-${index}`}>
                  <td className="num">{formatCount(index + 1)}</td>
                  <td className="fs-ticker">{holding.ticker}</td>
                  <td>{holding.name}</td>
                  <td>{holding.assetClass ?? '—'}</td>
                  <td className="num">{formatPercent(holding.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>The API listed no holdings for this portfolio.</p>
        )}
      </section>
      <footer className="fs-footer">
        <p>Weights are the model’s targets as the partner’s API published them, not any account’s positions.</p>
      </footer>
    </main>
  );
}
