import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Resolves once the query on screen under `key` holds an answer main gave after `since` (ms) and
 * no newer read is pending: how an action waits for main's event to refresh what it changed,
 * without reading anything itself. A query nobody shows is not waited for.
 */
export function refreshedSince(client: QueryClient, key: QueryKey, since: number): Promise<void> {
  const cache = client.getQueryCache();
  const settled = () => {
    const query = cache.find({ queryKey: key, exact: true });
    if (!query || query.getObserversCount() === 0) return true;
    const { fetchStatus, isInvalidated, dataUpdatedAt, errorUpdatedAt } = query.state;
    return fetchStatus === 'idle' && !isInvalidated && Math.max(dataUpdatedAt, errorUpdatedAt) >= since;
  };
  return new Promise((resolve) => {
    if (settled()) return resolve();
    const stop = cache.subscribe(() => {
      if (!settled()) return;
      stop();
      resolve();
    });
  });
}
