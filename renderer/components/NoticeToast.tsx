import { memo } from 'react';
import { formatBytes, plural } from '../format/format';
import type { Notice } from '../hooks/useNotice';

/** The notice area at the bottom right: export confirmations with "Show in folder", errors, confirmations. */
export const NoticeToast = memo(function NoticeToast({
  notice,
  onDismiss,
  onShowInFolder,
}: {
  notice: Notice | null;
  onDismiss: () => void;
  onShowInFolder: (path: string) => void;
}) {
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {notice ? (
        <div className={`toast toast-${notice.kind}`} data-testid="notice">
          <div className="toast-text">
            {notice.kind === 'export-saved' ? (
              <>
                <strong>Saved “{notice.fileName}”</strong>
                <span className="muted">
                  {' '}
                  {plural(notice.rows, 'row')}, {formatBytes(notice.bytes)}
                </span>
              </>
            ) : (
              notice.message
            )}
          </div>
          <div className="toast-actions">
            {notice.kind === 'export-saved' ? (
              <button type="button" className="button small" onClick={() => onShowInFolder(notice.path)}>
                Show in folder
              </button>
            ) : null}
            <button type="button" className="button small ghost" onClick={onDismiss} aria-label="Dismiss message">
              ✕
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
});
