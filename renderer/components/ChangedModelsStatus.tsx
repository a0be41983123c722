import { useChangesOverview } from '../data/change-queries';
import { formatCount, formatWhen } from '../format/format';

/** The status bar's "3 models changed" after a sync that changed any; a click lists them (issue 15). */
export function ChangedModelsStatus({ onOpen }: { onOpen: () => void }) {
  const lastSync = useChangesOverview().data?.lastSync ?? null;
  if (!lastSync || lastSync.portfolios.length === 0) return null;
  const n = lastSync.portfolios.length;
  return (
    <div className="status-item" data-testid="status-changes">
      <button
        type="button"
        className="link-button status-changes"
        onClick={onOpen}
        title={`Changed by the sync at ${formatWhen(lastSync.syncedAt)}`}
      >
        {formatCount(n)} {n === 1 ? 'model' : 'models'} changed
      </button>
    </div>
  );
}
