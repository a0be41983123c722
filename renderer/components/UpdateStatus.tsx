import { useUpdateState } from '../data/update-queries';
import { useUpdateActions } from '../hooks/useUpdateActions';
import { describeUpdateStatus } from '../state/update-view';

/**
 * The status bar's update slot: "Update available" (with Download when the user decides), download
 * progress, then "Restart to update", with one line of "What's new". Quiet otherwise: a failed check
 * or download never shows here (About and diagnostics have it).
 */
export function UpdateStatus() {
  const state = useUpdateState();
  const { download, restart } = useUpdateActions();
  const view = state ? describeUpdateStatus(state) : null;
  return (
    <div className="status-item status-update" data-testid="status-update">
      {/* Always in the page, so the line is announced when it appears; empty while updates are quiet. */}
      <span className="status-strong" data-testid="update-label" aria-live="polite">
        {view?.label}
      </span>
      {view?.detail ? (
        <span className="muted update-shrink" title={view.detail}>
          {view.detail}
        </span>
      ) : null}
      {view?.progress != null ? (
        <>
          <progress className="status-progress" aria-label="Update download progress" value={view.progress} max={1} />
          <span className="muted" data-testid="update-progress">
            {view.progressText}
          </span>
        </>
      ) : null}
      {view?.whatsNew ? (
        <span className="update-whats-new update-shrink muted" title={view.whatsNew} data-testid="update-whats-new">
          <span aria-hidden="true">· </span>
          <span className="sr-only">What’s new: </span>
          {view.whatsNew}
        </span>
      ) : null}
      {view?.action === 'download' ? (
        <button type="button" className="button small" onClick={() => void download.run()} disabled={download.pending}>
          Download
        </button>
      ) : null}
      {view?.action === 'restart' ? (
        <button
          type="button"
          className="button small primary"
          onClick={() => void restart.run()}
          disabled={restart.pending}
        >
          Restart to update
        </button>
      ) : null}
    </div>
  );
}
