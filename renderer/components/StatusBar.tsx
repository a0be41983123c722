import { memo } from 'react';
import { useActiveProfile, useConnection } from '../data/queries';
import { formatRelative, formatWhen } from '../format/format';
import { useNow } from '../hooks/useNow';
import { describeConnection } from '../state/connection-view';
import { UpdateStatus } from './UpdateStatus';
import { ChangedModelsStatus } from './ChangedModelsStatus';

/** The bottom bar: profile, connection state, token validity (a time, never the token), last sync, Sync now. */
export const StatusBar = memo(function StatusBar({
  onSyncNow,
  onCancelSync,
  onOpenSettings,
  onShowChanges,
}: {
  onSyncNow: () => void;
  onCancelSync: () => void;
  onOpenSettings: () => void;
  /** Model changes (issue 15): lists the models the last sync changed. */
  onShowChanges?: () => void;
}) {
  const connection = useConnection();
  const profile = useActiveProfile();
  const now = useNow();
  const view = describeConnection(connection, now);
  const syncing = connection.status === 'syncing';
  const reconnecting = syncing && connection.offlineSince !== null;
  const showDetail = view.detail && connection.status !== 'auth-error' && connection.status !== 'error';
  return (
    <footer className="status-bar" aria-label="Status">
      <div className="status-item" data-testid="status-profile">
        <span className="muted">Connection </span>
        <span className="status-strong">{profile?.name ?? 'None'}</span>
        {profile?.demo ? <span className="badge">Demo</span> : null}
      </div>
      <div className={`status-item status-state tone-${view.tone}`} data-testid="status-connection">
        <span className="dot" aria-hidden="true" />
        <span className="status-strong" data-testid="status-label" aria-live="polite">
          {view.label}
        </span>
        {showDetail ? <span className="muted"> · {view.detail}</span> : null}
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
      {connection.status !== 'not-configured' ? (
        <>
          <div className="status-item" data-testid="status-token">
            <span className="muted">Token </span>
            {profile?.tokenValidUntil ? (
              <span title={formatWhen(profile.tokenValidUntil, now)}>
                valid until {formatWhen(profile.tokenValidUntil, now)}
              </span>
            ) : (
              <span>none</span>
            )}
          </div>
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
          {onShowChanges ? <ChangedModelsStatus onOpen={onShowChanges} /> : null}
          <div className="status-spacer" />
          {/* Updates (issue 14): right-aligned, before Sync now */}
          <UpdateStatus />
          {syncing ? (
            <button type="button" className="button small" onClick={onCancelSync}>
              Cancel sync
            </button>
          ) : (
            <button type="button" className="button small" onClick={onSyncNow}>
              Sync now
            </button>
          )}
        </>
      ) : (
        <>
          <div className="status-spacer" />
          {/* Updates (issue 14) */}
          <UpdateStatus />
        </>
      )}
    </footer>
  );
});
