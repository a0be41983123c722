import { useState } from 'react';
import type { ProfileView } from '../../common/profile';
import { AboutPanel } from '../components/AboutPanel';
import { ChangeSettingsPanel } from '../components/ChangeSettingsPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmDialog } from '../components/Modal';
import { ProfileItem } from '../components/ProfileItem';
import { ProxySignInsPanel } from '../components/ProxySignInsPanel';
import { ReplaceSecretDialog } from '../components/ReplaceSecretDialog';
import { UpdateSettings } from '../components/UpdateSettings';
import { useConnection, useProfiles } from '../data/queries';
import type { Notice } from '../hooks/useNotice';
import { useNow } from '../hooks/useNow';
import { useProfileActions } from '../hooks/useProfileActions';

type Pending = { kind: 'delete'; profile: ProfileView } | { kind: 'secret'; profile: ProfileView } | null;

/** Profiles and settings: switch, edit, replace the secret, sign out, delete; appearance; about. */
export function SettingsScreen({
  onAdd,
  onEdit,
  onDemoStarted,
  onRemovedLast,
  onNotice,
}: {
  onAdd: () => void;
  onEdit: (profile: ProfileView) => void;
  onDemoStarted: () => void;
  onRemovedLast: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const profiles = useProfiles().data;
  const connection = useConnection();
  const now = useNow();
  const [pending, setPending] = useState<Pending>(null);
  const actions = useProfileActions({ onNotice, onDemoStarted, onRemovedLast });
  const list = profiles?.profiles ?? [];
  const hasDemo = list.some((profile) => profile.demo);

  return (
    <section className="settings" aria-labelledby="settings-heading" data-testid="settings-screen">
      <h2 id="settings-heading">Settings</h2>
      {profiles?.notice ? <ErrorNotice error={profiles.notice} /> : null}
      {actions.error ? <ErrorNotice error={actions.error} /> : null}

      <section className="card settings-section" aria-labelledby="connections-heading">
        <div className="section-header">
          <h3 id="connections-heading">Connections</h3>
          <span className="spacer" />
          {!hasDemo ? (
            <button type="button" className="button" onClick={actions.startDemo} disabled={actions.busy}>
              {actions.demoStarting ? 'Starting the demo…' : 'Explore with demo data'}
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
            {list.map((profile) => (
              <ProfileItem
                key={profile.id}
                profile={profile}
                active={profile.id === profiles?.activeProfileId}
                connection={connection}
                now={now}
                busy={actions.busy}
                onActivate={() => actions.activate(profile)}
                onEdit={() => onEdit(profile)}
                onReplaceSecret={() => setPending({ kind: 'secret', profile })}
                onSignOut={() => actions.signOut(profile)}
                onDelete={() => setPending({ kind: 'delete', profile })}
              />
            ))}
          </ul>
        )}
      </section>

      {/* Proxy sign-ins kept in the keychain, shared by every connection above */}
      <ProxySignInsPanel onNotice={onNotice} />

      <section className="card settings-section" aria-labelledby="appearance-heading">
        <h3 id="appearance-heading">Appearance</h3>
        <p className="muted">
          The app follows your system’s light or dark setting. Numbers and dates follow your system’s region; CSV files
          always use a neutral format (a dot for decimals, ISO dates).
        </p>
      </section>

      {/* Updates (issue 14) */}
      <UpdateSettings />

      <ChangeSettingsPanel onNotice={onNotice} />

      <AboutPanel />

      <section className="card settings-section" aria-labelledby="support-heading">
        <h3 id="support-heading">Support</h3>
        <p className="muted">
          Copies a report for your support team to the clipboard: versions, connection addresses, the connection state
          and recent problems. It never contains a secret or a token.
        </p>
        <button type="button" className="button" onClick={actions.copyDiagnostics} disabled={actions.busy}>
          Copy diagnostics
        </button>
      </section>

      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete “${pending.profile.name}”?`}
          confirmLabel="Delete connection"
          danger
          busy={actions.busy}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            void actions.remove(pending.profile, list.length === 1).then(() => setPending(null));
          }}
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
          onReplaced={(profile) => {
            setPending(null);
            onNotice({
              kind: 'info',
              message: `Replaced the secret of “${profile.name}”. The app signs in again with it.`,
            });
          }}
        />
      ) : null}
    </section>
  );
}
