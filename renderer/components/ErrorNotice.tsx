import type { ReactNode } from 'react';
import type { AppErrorData } from '../../common/result';

/** An error in plain words (main's message already says what to do), with an optional action. */
export function ErrorNotice({
  error,
  action,
  title,
}: {
  error: AppErrorData | string;
  action?: ReactNode;
  title?: string;
}) {
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div role="alert" className="notice notice-error">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div className="notice-text">
        {title ? <strong>{title} </strong> : null}
        {message}
      </div>
      {action ? <div className="notice-actions">{action}</div> : null}
    </div>
  );
}
