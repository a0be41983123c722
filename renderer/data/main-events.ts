import type { QueryClient } from '@tanstack/react-query';
import type { PortfolioApi } from '../../common/contract-types';
import { queryKeys } from './query-keys';

/**
 * Keeps the cache in step with main: `profiles:changed` and `portfolios:changed` mark what they
 * name as out of date (read again now if on screen), and `connection:state` is main's whole state,
 * which replaces the cached one (a read still under way is cancelled, so it cannot land after it);
 * so does `proxy:signInRequested` (the proxy sign-in question, or null).
 * Call before the first render, so no event can slip between a first read and the subscription.
 */
export function followMainEvents(client: QueryClient, bridge: PortfolioApi): () => void {
  const stops = [
    bridge.profiles.onChanged(() => void client.invalidateQueries({ queryKey: queryKeys.profiles })),
    bridge.portfolios.onChanged(() => void client.invalidateQueries({ queryKey: queryKeys.portfolios })),
    bridge.connection.onState((state) => {
      void client.cancelQueries({ queryKey: queryKeys.connection });
      client.setQueryData(queryKeys.connection, state);
    }),
    // Updates (issue 14): `update:state` is main's whole update state too, and replaces the cached one.
    bridge.update.onState((state) => {
      void client.cancelQueries({ queryKey: queryKeys.updates });
      client.setQueryData(queryKeys.updates, state);
    }),
    // Network (issue 13): each question (or null, "close") replaces the one shown.
    bridge.proxy.onSignInRequested((request) => {
      void client.cancelQueries({ queryKey: queryKeys.proxySignIn });
      client.setQueryData(queryKeys.proxySignIn, request);
    }),
    bridge.proxy.onSavedSignInsChanged(() => void client.invalidateQueries({ queryKey: queryKeys.savedProxySignIns })),
    // Model changes (issue 15): seen marks, settings and every landed sync move the changes.
    bridge.changes.onChanged(() => {
      void client.invalidateQueries({ queryKey: queryKeys.changes });
      void client.invalidateQueries({ queryKey: queryKeys.changeSettings });
    }),
    bridge.changes.onSynced(() => void client.invalidateQueries({ queryKey: queryKeys.changes })),
    bridge.portfolios.onChanged(() => void client.invalidateQueries({ queryKey: queryKeys.changes })),
  ];
  return () => stops.forEach((stop) => stop());
}
