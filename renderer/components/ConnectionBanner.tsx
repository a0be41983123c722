import { memo } from 'react';
import { useConnection } from '../data/queries';
import { formatWhen } from '../format/format';
import { useNow } from '../hooks/useNow';

/** The banner above the data when it is not live: offline (cached data), sign-in failed, keychain, error. */
export const ConnectionBanner = memo(function ConnectionBanner({
  onRetry,
  onOpenSettings,
}: {
  onRetry: () => void;
  onOpenSettings: () => void;
}) {
  const connection = useConnection();
  const now = useNow();
  // A retry during an offline spell is still offline ("reconnecting"), so the banner does not flicker.
  if ((connection.status === 'offline' || connection.status === 'syncing') && connection.offlineSince !== null) {
    const reconnecting = connection.status === 'syncing';
    return (
      <div className="banner banner-warn" role="status" data-testid="offline-banner">
        <div>
          <strong>Offline since {formatWhen(connection.offlineSince, now)}.</strong>{' '}
          {/* Network (issue 13): a proxy that cannot be reached says so, in its words. */}
          {connection.status === 'offline' && connection.error.code === 'PROXY_UNREACHABLE' ? (
            <span data-testid="offline-reason">{connection.error.message} </span>
          ) : null}
          {connection.lastSyncedAt
            ? `Showing cached data from ${formatWhen(connection.lastSyncedAt, now)}; you can still browse and export it.`
            : 'There is no cached data yet.'}{' '}
          The app tries again automatically.
        </div>
        {reconnecting ? (
          <span className="muted" aria-busy="true">
            Reconnecting…
          </span>
        ) : (
          <button type="button" className="button small" onClick={onRetry}>
            Try again now
          </button>
        )}
      </div>
    );
  }
  switch (connection.status) {
    case 'auth-error':
      return (
        <div className="banner banner-error" role="alert" data-testid="auth-error-banner">
          <div>
            <strong>Sign-in failed.</strong> {connection.error.message}
          </div>
          <button type="button" className="button small" onClick={onOpenSettings}>
            Open Settings
          </button>
        </div>
      );
    case 'keychain-unavailable':
    case 'error':
      return (
        <div className="banner banner-error" role="alert" data-testid="error-banner">
          <div>
            <strong>{connection.status === 'error' ? 'Sync failed.' : 'Keychain unavailable.'}</strong>{' '}
            {connection.error.message}
          </div>
          <button type="button" className="button small" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    default:
      return null;
  }
});
