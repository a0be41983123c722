import { useId, useState, type FormEvent } from 'react';
import type { ConnectionState } from '../../common/connection-state';
import type { ProfileView } from '../../common/profile';
import type { ProfilesState } from '../../common/profiles-state';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';
import { AboutPanel } from '../components/AboutPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmDialog, Modal } from '../components/Modal';
import { formatWhen, plural } from '../format/format';
import type { Notice } from '../hooks/useNotice';

type Pending = { kind: 'delete'; profile: ProfileView } | { kind: 'secret'; profile: ProfileView } | null;

/** Profiles and settings: switch, edit, replace the secret, sign out, delete; appearance; about. */
export function SettingsScreen({
  profiles,
  connection,
  now,
  onProfilesChanged,
  onAdd,
  onEdit,
  onDemoStarted,
  onNotice,
  onSecretReplaced,
}: {
  profiles: ProfilesState | null;
  connection: ConnectionState;
  now: number;
  onProfilesChanged: (state: ProfilesState) => void;
  onAdd: () => void;
  onEdit: (profile: ProfileView) => void;
  onDemoStarted: (state: ProfilesState) => void;
  onNotice: (notice: Notice) => void;
  onSecretReplaced: (profile: ProfileView) => void;
}) {
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const list = profiles?.profiles ?? [];
  const hasDemo = list.some((profile) => profile.demo);

  const run = async <T,>(
    key: string,
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppErrorData }>,
  ) => {
    setBusy(key);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      return result.value;
    } finally {
      setBusy(null);
    }
  };

  const reloadProfiles = async () => {
    const state = await run('reload', () => api().profiles.list());
    if (state) onProfilesChanged(state);
  };

  const activate = async (profile: ProfileView) => {
    const state = await run(`activate-${profile.id}`, () => api().profiles.activate({ profileId: profile.id }));
    if (state) {
      onProfilesChanged(state);
      onNotice({ kind: 'info', message: `Now using “${profile.name}”.` });
    }
  };

  const signOut = async (profile: ProfileView) => {
    const view = await run(`signout-${profile.id}`, () => api().auth.signOut({ profileId: profile.id }));
    if (view) {
      await reloadProfiles();
      onNotice({
        kind: 'info',
        message: `Signed out of “${profile.name}”: the access token was forgotten. The next sync signs in again with the stored secret.`,
      });
    }
  };

  const remove = async (profile: ProfileView) => {
    const state = await run(`delete-${profile.id}`, () => api().profiles.remove({ profileId: profile.id }));
    setPending(null);
    if (state) {
      onProfilesChanged(state);
      onNotice({ kind: 'info', message: `Deleted “${profile.name}” with its secret, token and offline copy.` });
    }
  };

  const startDemo = async () => {
    const state = await run('demo', () => api().demo.start());
    if (state) onDemoStarted(state);
  };

  const copyDiagnostics = async () => {
    const report = await run('diagnostics', () => api().app.copyDiagnostics());
    if (report)
      onNotice({
        kind: 'info',
        message: 'Diagnostics copied to the clipboard. Paste them into your message to support.',
      });
  };

  return (
    <section className="settings" aria-labelledby="settings-heading" data-testid="settings-screen">
      <h2 id="settings-heading">Settings</h2>
      {profiles?.notice ? <ErrorNotice error={profiles.notice} /> : null}
      {error ? <ErrorNotice error={error} /> : null}

      <section className="card settings-section" aria-labelledby="connections-heading">
        <div className="section-header">
          <h3 id="connections-heading">Connections</h3>
          <span className="spacer" />
          {!hasDemo ? (
            <button type="button" className="button" onClick={startDemo} disabled={busy !== null}>
              {busy === 'demo' ? 'Starting the demo…' : 'Explore with demo data'}
            </button>
          ) : null}
          <button type="button" className="button primary" onClick={onAdd}>
            Add connection…
          </button>
        </div>
        {list.length === 0 ? (
          <p className="muted">No connection is set up yet. Add one, or explore with demo data.</p>
        ) : (
          <ul className="profile-list">
            {list.map((profile) => {
              const active = profile.id === profiles?.activeProfileId;
              const state = active ? connection : null;
              return (
                <li key={profile.id} className={`profile-item${active ? ' active' : ''}`} data-testid="profile-item">
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
                    <dd>
                      {profile.tokenValidUntil
                        ? `Valid until ${formatWhen(profile.tokenValidUntil, now)}`
                        : 'None (the app signs in at the next sync)'}
                    </dd>
                    {state && state.portfolioCount > 0 ? (
                      <>
                        <dt>Offline copy</dt>
                        <dd>{plural(state.portfolioCount, 'portfolio')}</dd>
                      </>
                    ) : null}
                  </dl>
                  <div className="profile-actions">
                    {!active ? (
                      <button
                        type="button"
                        className="button primary"
                        onClick={() => activate(profile)}
                        disabled={busy !== null}
                      >
                        Use this connection
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button"
                      onClick={() => onEdit(profile)}
                      aria-label={`Edit ${profile.name}`}
                    >
                      Edit…
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setPending({ kind: 'secret', profile })}
                      aria-label={`Replace the secret of ${profile.name}`}
                    >
                      Replace secret…
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => signOut(profile)}
                      disabled={busy !== null}
                      aria-label={`Sign out of ${profile.name}`}
                    >
                      Sign out
                    </button>
                    <button
                      type="button"
                      className="button danger-outline"
                      onClick={() => setPending({ kind: 'delete', profile })}
                      aria-label={`Delete ${profile.name}`}
                    >
                      Delete…
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card settings-section" aria-labelledby="appearance-heading">
        <h3 id="appearance-heading">Appearance</h3>
        <p className="muted">
          The app follows your system’s light or dark setting. Numbers and dates follow your system’s region; CSV files
          always use a neutral format (a dot for decimals, ISO dates).
        </p>
      </section>

      <AboutPanel />

      <section className="card settings-section" aria-labelledby="support-heading">
        <h3 id="support-heading">Support</h3>
        <p className="muted">
          Copies a report for your support team to the clipboard: versions, connection addresses, the connection state
          and recent problems. It never contains a secret or a token.
        </p>
        <button type="button" className="button" onClick={copyDiagnostics} disabled={busy !== null}>
          Copy diagnostics
        </button>
      </section>

      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete “${pending.profile.name}”?`}
          confirmLabel="Delete connection"
          danger
          busy={busy !== null}
          onCancel={() => setPending(null)}
          onConfirm={() => void remove(pending.profile)}
        >
          <p>
            The app forgets this connection’s client secret, its access token and its offline copy of the portfolios.
            You will need the secret from your API provider to connect again. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
      {pending?.kind === 'secret' ? (
        <ReplaceSecretDialog
          profile={pending.profile}
          onCancel={() => setPending(null)}
          onReplaced={async (view) => {
            setPending(null);
            await reloadProfiles();
            onSecretReplaced(view);
          }}
        />
      ) : null}
    </section>
  );
}

/** Asks for a new client secret (masked, never pre-filled) and stores it in the keychain through main. */
function ReplaceSecretDialog({
  profile,
  onCancel,
  onReplaced,
}: {
  profile: ProfileView;
  onCancel: () => void;
  onReplaced: (profile: ProfileView) => void | Promise<void>;
}) {
  const id = useId();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!secret) {
      setError('Enter the new client secret.');
      return;
    }
    setBusy(true);
    const result = await api().profiles.setSecret({ profileId: profile.id, secret });
    setBusy(false);
    setSecret('');
    if (result.ok) await onReplaced(result.value);
    else setError(result.error.message);
  };
  return (
    <Modal title={`Replace the secret of “${profile.name}”`} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <div className="modal-body">
          <p>The new secret replaces the stored one in the system keychain, and the app signs in again with it.</p>
          <div className="field">
            <label htmlFor={`${id}-secret`}>New client secret</label>
            <input
              id={`${id}-secret`}
              type="password"
              value={secret}
              onChange={(event) => {
                setSecret(event.target.value);
                setError(null);
              }}
              autoComplete="new-password"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              autoFocus
            />
            {error ? (
              <span id={`${id}-error`} className="field-error" role="alert">
                {error}
              </span>
            ) : null}
          </div>
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Replace secret'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
