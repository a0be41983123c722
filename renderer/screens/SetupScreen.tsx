import type { ProfileView } from '../../common/profile';
import { api } from '../bridge';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProfileForm } from '../components/ProfileForm';
import { useProfiles } from '../data/queries';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';

/** Adding or editing a connection: the profile form with Test connection. */
export function SetupScreen({
  profile,
  onSaved,
  onCancel,
}: {
  profile: ProfileView | null;
  onSaved: (profile: ProfileView, created: boolean) => void;
  onCancel: () => void;
}) {
  const editing = profile !== null;
  const activeProfileId = useProfiles().data?.activeProfileId ?? null;
  const activate = useMainAction((saved: ProfileView) => api().profiles.activate({ profileId: saved.id }), {
    settles: [queryKeys.profiles],
    onSuccess: (_, saved) => onSaved(saved, true),
  });
  const saved = (view: ProfileView) => {
    // "Save and connect": main makes the first connection the active one; a later one is switched to.
    if (!editing && activeProfileId !== null && activeProfileId !== view.id) void activate.run(view);
    else onSaved(view, !editing);
  };
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
          onSaved={saved}
          onCancel={onCancel}
        />
        {activate.error ? <ErrorNotice error={activate.error} /> : null}
      </div>
    </section>
  );
}
