import type { ConnectionState } from '../../common/connection-state';
import { formatWhen } from '../format/format';

/** The banner above the data when it is not live: offline (cached data), sign-in failed, keychain, error. */
export function ConnectionBanner({
  connection,
  now,
  onRetry,
  onOpenSettings,
}: {
  connection: ConnectionState;
  now: number;
  onRetry: () => void;
  onOpenSettings: () => void;
}) {
  const reconnecting = connection.status === 'syncing' && connection.offlineSince !== null;
  switch (reconnecting ? 'offline' : connection.status) {
    case 'offline':
      return (
        <div className="banner banner-warn" role="status" data-testid="offline-banner">
          <div>
            <strong>
              Offline{connection.offlineSince ? ` since ${formatWhen(connection.offlineSince, now)}` : ''}.
            </strong>{' '}
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
    case 'auth-error':
      return (
        <div className="banner banner-error" role="alert" data-testid="auth-error-banner">
          <div>
            <strong>Sign-in failed.</strong>{' '}
            {connection.error?.message ?? 'The API did not accept the credentials. Check them in Settings.'}
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
            {connection.error?.message ?? 'Something went wrong. Try again.'}
          </div>
          <button type="button" className="button small" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    default:
      return null;
  }
}
