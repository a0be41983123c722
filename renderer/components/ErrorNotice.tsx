import type { ReactNode } from 'react';
import type { AppErrorData } from '../../common/result';

/** An error in plain words (main's message already says what to do), with an optional action. */
export function ErrorNotice({
  error,
  action,
  retry,
  title,
}: {
  error: AppErrorData | string;
  action?: ReactNode;
  /** The usual action: one small button that tries again ("Try again" unless named otherwise). */
  retry?: { run: () => void; label?: string };
  title?: string;
}) {
  const message = typeof error === 'string' ? error : error.message;
  const shownAction =
    action ??
    (retry ? (
      <button type="button" className="button small" onClick={retry.run}>
        {retry.label ?? 'Try again'}
      </button>
    ) : null);
  return (
    <div role="alert" className="notice notice-error">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div className="notice-text">
        {title ? <strong>{title} </strong> : null}
        {message}
      </div>
      {shownAction ? <div className="notice-actions">{shownAction}</div> : null}
    </div>
  );
}
