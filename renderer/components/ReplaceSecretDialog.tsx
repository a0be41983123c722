import { useId, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../common/profile';
import { api } from '../bridge';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';
import { Modal } from './Modal';

/**
 * Asks for a new client secret (masked, never pre-filled) and stores it in the keychain through
 * main, which signs in again with it by itself; the profile's new facts arrive with its event.
 */
export function ReplaceSecretDialog({
  profile,
  onCancel,
  onReplaced,
}: {
  profile: ProfileView;
  onCancel: () => void;
  onReplaced: (profile: ProfileView) => void;
}) {
  const id = useId();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const replace = useMainAction((value: string) => api().profiles.setSecret({ profileId: profile.id, secret: value }), {
    settles: [queryKeys.profiles],
    onSuccess: () => onReplaced(profile),
    onError: (failure) => setError(failure.message),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!secret) {
      setError('Enter the new client secret.');
      return;
    }
    setSecret('');
    void replace.run(secret);
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
          <button type="submit" className="button primary" disabled={replace.pending}>
            {replace.pending ? 'Saving…' : 'Replace secret'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
