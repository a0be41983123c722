import type { ProfileView } from '../../common/profile';
import { ProfileForm } from '../components/ProfileForm';

/** Adding or editing a connection: the profile form with Test connection. */
export function SetupScreen({
  profile,
  onSaved,
  onCancel,
}: {
  profile: ProfileView | null;
  onSaved: (profile: ProfileView, created: boolean) => void | Promise<void>;
  onCancel: () => void;
}) {
  const editing = profile !== null;
  return (
    <section className="setup" aria-labelledby="setup-heading" data-testid="setup-screen">
      <h2 id="setup-heading">{editing ? `Edit “${profile.name}”` : 'Connect to your API'}</h2>
      <p className="muted">
        {editing
          ? 'Change the connection details. Leave the secret empty to keep the stored one.'
          : 'Your API provider gives you these details. Test the connection before you save it if you like.'}
      </p>
      <div className="card form-card">
        <ProfileForm
          profile={profile}
          submitLabel={editing ? 'Save changes' : 'Save and connect'}
          onSaved={(saved) => onSaved(saved, !editing)}
          onCancel={onCancel}
        />
      </div>
    </section>
  );
}
