import { lazy, Suspense, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { pageSizeLabels, type PageSize } from '../../common/factsheet';
import type { Portfolio } from '../../common/portfolio';
import { api } from '../bridge';
import { useActiveProfile, useListing } from '../data/queries';
import { useMainAction } from '../data/useMainAction';
import { formatBytes } from '../format/format';
import { useFactsheetPrint } from '../hooks/useFactsheetPrint';
import { factsheetView } from '../state/factsheet-view';

// The factsheet (and its chart) is loaded on the first print only.
const Factsheet = lazy(() => import('./Factsheet').then((module) => ({ default: module.Factsheet })));

type PaperChoice = 'auto' | PageSize;

/**
 * "Print / Save as PDF" on the detail screen: the paper (automatic: the computer's region's), the
 * button, and how the last save went. While main prints, the factsheet is on the page for print only.
 */
export function FactsheetControl({ portfolio }: { portfolio: Portfolio }) {
  const [paper, setPaper] = useState<PaperChoice>('auto');
  const print = useFactsheetPrint();
  const reveal = useMainAction((path: string) => api().export.showInFolder({ path }));
  const syncedAt = useListing().data?.syncedAt ?? null;
  const source = useActiveProfile()?.name ?? null;
  const { job, result } = print;
  const view = useMemo(
    () => (job ? factsheetView(portfolio, { generatedAt: job.startedAt, syncedAt, source }) : null),
    [job, portfolio, syncedAt, source],
  );

  return (
    <div className="factsheet-control">
      <div className="factsheet-control-row">
        <label className="inline-field">
          <span>Paper</span>
          <select
            value={paper}
            onChange={(event) => setPaper(event.target.value as PaperChoice)}
            disabled={print.busy}
            title="Automatic: US Letter in the US, Canada and the other Letter countries, A4 elsewhere"
            data-testid="factsheet-paper"
          >
            <option value="auto">Automatic</option>
            <option value="A4">{pageSizeLabels.A4}</option>
            <option value="Letter">{pageSizeLabels.Letter}</option>
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={() => print.start(portfolio.id, paper === 'auto' ? null : paper)}
          disabled={print.busy}
          data-testid="factsheet-button"
        >
          {print.busy ? 'Saving PDF…' : 'Print / Save as PDF…'}
        </button>
      </div>
      <p className="factsheet-status" role="status" data-testid="factsheet-status">
        {result?.kind === 'saved' ? (
          <>
            Saved “{result.outcome.fileName}” ({pageSizeLabels[result.outcome.pageSize]},{' '}
            {formatBytes(result.outcome.bytes)}).{' '}
            <button type="button" className="link-button" onClick={() => void reveal.run(result.outcome.path)}>
              Show in folder
            </button>
          </>
        ) : null}
        {result?.kind === 'error' ? <span className="error-text">{result.error.message}</span> : null}
        {reveal.error ? <span className="error-text"> {reveal.error.message}</span> : null}
      </p>
      {job && view
        ? createPortal(
            <Suspense fallback={null}>
              <Factsheet view={view} pageSize={job.pageSize} onReady={print.ready} />
            </Suspense>,
            document.body,
          )
        : null}
    </div>
  );
}
