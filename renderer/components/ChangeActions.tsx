import { useState } from 'react';
import { comparisonSize } from '../../common/model-comparison';
import type { BrowserView } from '../hooks/useBrowser';
import { TradeListExportDialog } from './TradeListExportDialog';

/** Beside the selection: compare the 2–4 selected portfolios (issue 15). */
export function CompareButton({ view }: { view: BrowserView }) {
  const selected = view.state.selection.ids.size;
  const canCompare = selected >= comparisonSize.min && selected <= comparisonSize.max;
  return (
    <button
      type="button"
      className="button small"
      onClick={view.compareSelected}
      disabled={!canCompare}
      title={canCompare ? undefined : 'Select 2 to 4 portfolios to compare them'}
      data-testid="compare-selected"
    >
      {canCompare ? `Compare ${selected}…` : 'Compare 2–4…'}
    </button>
  );
}

/** The browser's trade-list export: every portfolio changed since a day, in one CSV (issue 15). */
export function ChangeActions({ view }: { view: BrowserView }) {
  const [asking, setAsking] = useState(false);
  const { busy } = view.changeExports;
  return (
    <>
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
