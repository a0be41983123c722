import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, memo, useEffect, useId, useRef, useState } from 'react';
import { proxyAddress, type ProxySignInRequest } from '../../common/proxy-sign-in';
import { api } from '../bridge';
import { useProxySignInRequest } from '../data/proxy-sign-in';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';
import { Modal } from './Modal';

/**
 * Asks for the proxy's user name and password when main's proxy sign-in needs them (one question at
 * a time, shown on any screen). The password is write-only: typed here, sent to main, never filled
 * back. Cancel makes the waiting requests fail with PROXY_AUTH_REQUIRED.
 */
export const ProxySignInDialog = memo(function ProxySignInDialog() {
  const request = useProxySignInRequest();
  // The user name is kept between questions about the same proxy (a wrong password asks again).
  const [lastUser, setLastUser] = useState<{ proxy: string; username: string } | null>(null);
  if (!request) return null;
  const proxy = proxyAddress(request);
  return (
    <ProxySignInForm
      key={request.id}
      request={request}
      proxy={proxy}
      initialUser={lastUser?.proxy === proxy ? lastUser.username : ''}
      onUser={(username) => setLastUser({ proxy, username })}
    />
  );
});

function ProxySignInForm({
  request,
  proxy,
  initialUser,
  onUser,
}: {
  request: ProxySignInRequest;
  proxy: string;
  initialUser: string;
  onUser: (username: string) => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [username, setUsername] = useState(initialUser);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Runs after the dialog opened (the Modal's own effect runs first): the field to type in next.
  useEffect(() => {
    (initialUser ? passwordRef : userRef).current?.focus();
  }, [initialUser]);
  // A stale answer (the question was cancelled or timed out meanwhile) reads main's current question again.
  const reread = (current: boolean) => {
    if (!current) void client.invalidateQueries({ queryKey: queryKeys.proxySignIn });
  };
  const signIn = useMainAction(
    (answer: { username: string; password: string }) => api().proxy.signIn({ id: request.id, ...answer }),
    { onSuccess: reread, onError: (failure) => setError(failure.message) },
  );
  const cancel = useMainAction(() => api().proxy.cancelSignIn({ id: request.id }), { onSuccess: reread });
  const busy = signIn.pending || cancel.pending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (!name) {
      setError('Enter the proxy user name.');
      return;
    }
    if (name.includes(':')) {
      setError('The user name cannot contain a colon.');
      return;
    }
    onUser(name);
    const typed = password;
    setPassword('');
    setError(null);
    void signIn.run({ username: name, password: typed });
  };

  const errorId = `${id}-error`;
  return (
    <Modal title="Sign in to the proxy" onClose={() => void cancel.run()} className="proxy-sign-in">
      <form onSubmit={submit} noValidate data-testid="proxy-sign-in">
        <div className="modal-body">
          <p>
            Your network’s proxy at <strong>{proxy}</strong>
            {request.realm ? <> (“{request.realm}”)</> : null} asks for a user name and password before the app can
            reach the API.
          </p>
          {request.reason === 'wrong' ? (
            <p role="alert" className="field-error" data-testid="proxy-sign-in-wrong">
              The proxy did not accept that user name and password. Check them (or ask IT) and try again.
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-user`}>Proxy user name</label>
            <input
              id={`${id}-user`}
              value={username}
              onChange={(event) => {
                setUsername(event.target.value);
                setError(null);
              }}
              ref={userRef}
              autoComplete="username"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Proxy password</label>
            <input
              id={`${id}-password`}
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              ref={passwordRef}
              autoComplete="current-password"
              spellCheck={false}
              aria-describedby={`${id}-password-hint`}
            />
            <span id={`${id}-password-hint`} className="field-hint">
              Kept in the system keychain and sent only to this proxy.
            </span>
          </div>
          {error ? (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => void cancel.run()} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {signIn.pending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
