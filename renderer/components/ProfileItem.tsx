import type { ConnectionState } from '../../common/connection-state';
import type { ProfileView } from '../../common/profile';
import { formatWhen, plural } from '../format/format';

/** One connection in Settings: its facts (never its secret or token) and what can be done with it. */
export function ProfileItem({
  profile,
  active,
  connection,
  now,
  busy,
  onActivate,
  onEdit,
  onReplaceSecret,
  onSignOut,
  onDelete,
}: {
  profile: ProfileView;
  active: boolean;
  connection: ConnectionState;
  now: number;
  busy: boolean;
  onActivate: () => void;
  onEdit: () => void;
  onReplaceSecret: () => void;
  onSignOut: () => void;
  onDelete: () => void;
}) {
  const cached =
    connection.status !== 'not-configured' && connection.profileId === profile.id ? connection.portfolioCount : 0;
  return (
    <li className={`profile-item${active ? ' active' : ''}`} data-testid="profile-item">
      <div className="profile-head">
        <h4 className="profile-name">{profile.name}</h4>
        {active ? <span className="badge badge-accent">In use</span> : null}
        {profile.demo ? <span className="badge">Demo</span> : null}
      </div>
      <dl className="facts">
        <dt>Base URL</dt>
        <dd className="mono">{profile.baseUrl}</dd>
        <dt>Client ID</dt>
        <dd className="mono">{profile.clientId}</dd>
        <dt>Client secret</dt>
        <dd>{profile.hasSecret ? 'Stored in the system keychain' : 'Not stored — enter it to connect'}</dd>
        <dt>Access token</dt>
        <dd data-testid="profile-token">
          {profile.tokenValidUntil
            ? `Valid until ${formatWhen(profile.tokenValidUntil, now)}`
            : 'None (the app signs in at the next sync)'}
        </dd>
        {cached > 0 ? (
          <>
            <dt>Offline copy</dt>
            <dd>{plural(cached, 'portfolio')}</dd>
          </>
        ) : null}
      </dl>
      <div className="profile-actions">
        {!active ? (
          <button type="button" className="button primary" onClick={onActivate} disabled={busy}>
            Use this connection
          </button>
        ) : null}
        <button type="button" className="button" onClick={onEdit} aria-label={`Edit ${profile.name}`}>
          Edit…
        </button>
        <button
          type="button"
          className="button"
          onClick={onReplaceSecret}
          aria-label={`Replace the secret of ${profile.name}`}
        >
          Replace secret…
        </button>
        <button
          type="button"
          className="button"
          onClick={onSignOut}
          disabled={busy}
          aria-label={`Sign out of ${profile.name}`}
        >
          Sign out
        </button>
        <button
          type="button"
          className="button danger-outline"
          onClick={onDelete}
          aria-label={`Delete ${profile.name}`}
        >
          Delete…
        </button>
      </div>
    </li>
  );
}
