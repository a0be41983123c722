import { useState } from 'react';
import { comparisonSize } from '../../common/model-comparison';
import type { BrowserView } from '../hooks/useBrowser';
import { TradeListExportDialog } from './TradeListExportDialog';

/** The browser's model-change actions: compare 2–4 selected portfolios, export trade lists since a day (issue 15). */
export function ChangeActions({ view }: { view: BrowserView }) {
  const [asking, setAsking] = useState(false);
  const selected = view.state.selection.ids.size;
  const canCompare = selected >= comparisonSize.min && selected <= comparisonSize.max;
  const { busy } = view.changeExports;
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={view.compareSelected}
        disabled={!canCompare}
        title={canCompare ? undefined : 'Select 2 to 4 portfolios to compare them'}
        data-testid="compare-selected"
      >
        Compare{canCompare ? ` ${selected}` : ''}…
      </button>
      <button
        type="button"
        className="button"
        onClick={() => setAsking(true)}
        disabled={busy !== null || view.total === 0}
      >
        {busy === 'trade-list' ? 'Exporting…' : 'Export trade lists…'}
      </button>
      {asking ? (
        <TradeListExportDialog
          onCancel={() => setAsking(false)}
          onExport={(since) => {
            setAsking(false);
            view.changeExports.tradeList({ since });
          }}
        />
      ) : null}
    </>
  );
}
