import type { ConnectionState } from '../../common/connection-state';
import { formatRelative, formatWhen } from '../format/format';
import { describeConnection } from '../state/connection-view';

/** The bottom bar: profile, connection state, token validity (a time, never the token), last sync, Sync now. */
export function StatusBar({
  connection,
  now,
  onSyncNow,
  onCancelSync,
  onOpenSettings,
}: {
  connection: ConnectionState;
  now: number;
  onSyncNow: () => void;
  onCancelSync: () => void;
  onOpenSettings: () => void;
}) {
  const view = describeConnection(connection, now);
  const configured = connection.status !== 'not-configured';
  const syncing = connection.status === 'syncing';
  const reconnecting = syncing && connection.offlineSince !== null;
  return (
    <footer className="status-bar" aria-label="Status">
      <div className="status-item" data-testid="status-profile">
        <span className="muted">Connection </span>
        <span className="status-strong">{connection.profileName ?? 'None'}</span>
        {connection.demo ? <span className="badge">Demo</span> : null}
      </div>
      <div className={`status-item status-state tone-${view.tone}`} data-testid="status-connection">
        <span className="dot" aria-hidden="true" />
        <span className="status-strong" data-testid="status-label" aria-live="polite">
          {view.label}
        </span>
        {view.detail && connection.status !== 'auth-error' && connection.status !== 'error' ? (
          <span className="muted"> · {view.detail}</span>
        ) : null}
        {syncing && !reconnecting ? (
          view.progress === null ? (
            <progress className="status-progress" aria-label="Sync progress" />
          ) : (
            <progress className="status-progress" aria-label="Sync progress" value={view.progress} max={1} />
          )
        ) : null}
        {view.fixInSettings ? (
          <button type="button" className="link-button" onClick={onOpenSettings}>
            Fix in Settings
          </button>
        ) : null}
      </div>
      {configured ? (
        <div className="status-item" data-testid="status-token">
          <span className="muted">Token </span>
          {connection.tokenValidUntil ? (
            <span title={formatWhen(connection.tokenValidUntil, now)}>
              valid until {formatWhen(connection.tokenValidUntil, now)}
            </span>
          ) : (
            <span>none</span>
          )}
        </div>
      ) : null}
      {configured ? (
        <div className="status-item" data-testid="status-synced">
          <span className="muted">Last synced </span>
          {connection.lastSyncedAt ? (
            <time dateTime={connection.lastSyncedAt} title={formatWhen(connection.lastSyncedAt, now)}>
              {formatRelative(connection.lastSyncedAt, now)}
            </time>
          ) : (
            <span>never</span>
          )}
        </div>
      ) : null}
      <div className="status-spacer" />
      {configured ? (
        syncing ? (
          <button type="button" className="button small" onClick={onCancelSync}>
            Cancel sync
          </button>
        ) : (
          <button type="button" className="button small" onClick={onSyncNow}>
            Sync now
          </button>
        )
      ) : null}
    </footer>
  );
}
