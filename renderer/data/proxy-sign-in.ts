import { useQuery } from '@tanstack/react-query';
import type { ProxySignInRequest } from '../../common/proxy-sign-in';
import { api } from '../bridge';
import { unwrap } from './main-result';
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
