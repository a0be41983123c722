import { useId } from 'react';
import { proxyAddress, type SavedProxySignIn } from '../../common/proxy-sign-in';
import { api } from '../bridge';
import { useSavedProxySignIns } from '../data/proxy-sign-in';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';
import type { Notice } from '../hooks/useNotice';
import { ErrorNotice } from './ErrorNotice';

/**
 * Settings → Proxy sign-ins: the proxies whose user name and password the keychain keeps (shared by every
 * connection), each with "Forget". Forgetting signs out of that proxy; it asks again the next time it is needed.
 */
export function ProxySignInsPanel({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const id = useId();
  const saved = useSavedProxySignIns();
  const forget = useMainAction((proxy: SavedProxySignIn) => api().proxy.forgetSignIn(proxy), {
    settles: [queryKeys.savedProxySignIns],
    onSuccess: (_forgotten, proxy) =>
      onNotice({
        kind: 'info',
        message: `Forgot the password for the proxy at ${proxyAddress(proxy)}. You will be asked for it when it is needed again.`,
      }),
  });
  const list = saved.data ?? [];
  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`} data-testid="proxy-sign-ins">
      <h3 id={`${id}-heading`}>Proxy sign-ins</h3>
      <p className="field-hint">
        User names and passwords for proxies that asked you to sign in, kept in the system keychain and shared by every
        connection. Passwords are never shown.
      </p>
      {saved.error ? <ErrorNotice error={saved.error} retry={{ run: saved.retry }} /> : null}
      {forget.error ? <ErrorNotice error={forget.error} /> : null}
      {saved.loading || saved.error ? null : list.length === 0 ? (
        <p className="muted">No proxy password is kept.</p>
      ) : (
        <ul className="proxy-sign-in-list">
          {list.map((proxy) => {
            const address = proxyAddress(proxy);
            const busy = forget.pending && forget.arg?.host === proxy.host && forget.arg.port === proxy.port;
            return (
              <li key={address} className="proxy-sign-in-item">
                <span className="proxy-sign-in-address">{address}</span>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Forget the password for ${address}`}
                  disabled={busy}
                  onClick={() => void forget.run(proxy)}
                >
                  {busy ? 'Forgetting…' : 'Forget'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
