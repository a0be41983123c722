import { useQuery } from '@tanstack/react-query';
import type { ProxySignInRequest, SavedProxySignIn } from '../../common/proxy-sign-in';
import { api } from '../bridge';
import { unwrap } from './main-result';
import { mainData, type MainData } from './queries';
import { queryKeys } from './query-keys';

/**
 * The proxy sign-in question main is waiting on, or null: asked once (`proxy:current`, for a window
 * that opens after the question), then replaced whole by each `proxy:signInRequested` event.
 */
export function useProxySignInRequest(): ProxySignInRequest | null {
  const query = useQuery({
    queryKey: queryKeys.proxySignIn,
    queryFn: async () => unwrap(await api().proxy.current()),
  });
  return query.data ?? null;
}

/** The proxies whose user name and password the keychain keeps (never the password): read again on main's event. */
export function useSavedProxySignIns(): MainData<SavedProxySignIn[]> {
  return mainData(
    useQuery({ queryKey: queryKeys.savedProxySignIns, queryFn: async () => unwrap(await api().proxy.savedSignIns()) }),
  );
}
