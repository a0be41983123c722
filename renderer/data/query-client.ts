import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's cache of main's data. Nothing goes stale by time or focus and nothing is retried
 * behind the user's back: main's events say when to read again, and a failure shows main's message.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      // An action's argument (it may be a typed secret) is dropped as soon as nothing shows the action.
      mutations: { retry: false, gcTime: 0 },
    },
  });
}
