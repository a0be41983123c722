import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { AppInfo } from '../../common/app-info';
import { notConfiguredState, type ConnectionState } from '../../common/connection-state';
import type { Portfolio } from '../../common/portfolio';
import type { PortfolioListing } from '../../common/portfolio-summary';
import type { ProfileView } from '../../common/profile';
import type { ProfilesState } from '../../common/profiles-state';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';
import { errorData, unwrap } from './main-result';
import { queryKeys } from './query-keys';

/** The one shape of main's data on screen, whatever it is. */
export interface MainData<T> {
  /** Main's latest answer (kept while a later read fails), or null before the first. */
  data: T | null;
  /** Why the latest read failed, or null. */
  error: AppErrorData | null;
  /** True while the first answer is awaited (nothing to show yet). */
  loading: boolean;
  /** Reads again now. */
  retry(): void;
}

/** Performance mark the UI benchmark reads: when the listing reached the renderer. */
export const listingReadyMark = 'mp:listing-ready';

/** A react-query result in the one shape the screens read. */
export function mainData<T>(query: UseQueryResult<T>): MainData<T> {
  return {
    data: query.data ?? null,
    error: query.error ? errorData(query.error) : null,
    loading: query.isLoading,
    retry: () => void query.refetch(),
  };
}

/** Every connection profile and which is active (read again on `profiles:changed`). */
export function useProfiles(): MainData<ProfilesState> {
  return mainData(useQuery({ queryKey: queryKeys.profiles, queryFn: async () => unwrap(await api().profiles.list()) }));
}

/** The profile the app shows: its name, demo flag and token validity are its own facts. */
export function useActiveProfile(): ProfileView | null {
  const { data } = useProfiles();
  return data?.profiles.find((profile) => profile.id === data.activeProfileId) ?? null;
}

/** The id of the profile whose data is shown, or null when none is set up. */
function useActiveProfileId(): string | null {
  return useActiveProfile()?.id ?? null;
}

/** The connection state main publishes (each `connection:state` event replaces it whole). */
export function useConnection(): ConnectionState {
  const query = useQuery({
    queryKey: queryKeys.connection,
    queryFn: async () => unwrap(await api().connection.state()),
  });
  return query.data ?? notConfiguredState;
}

/**
 * The active profile's portfolios (read again on `portfolios:changed`); never another profile's. `ready` false
 * holds the first read back (the browser asks for its first screen first).
 */
export function useListing(ready = true): MainData<PortfolioListing> {
  const profileId = useActiveProfileId();
  const query = useQuery({
    queryKey: queryKeys.listing(profileId ?? ''),
    queryFn: async () => {
      const listing = unwrap(await api().portfolios.list());
      performance.mark(listingReadyMark, { detail: listing.portfolios.length });
      return listing;
    },
    enabled: profileId !== null && ready,
  });
  const view = mainData(query);
  // Main answered for the profile it had a moment ago (a switch under way): its event follows.
  if (view.data && view.data.profileId !== profileId) return { ...view, data: null, loading: true };
  return view;
}

/** One portfolio of the active profile, with its holdings. */
export function usePortfolio(id: string): MainData<Portfolio> {
  const profileId = useActiveProfileId();
  return mainData(
    useQuery({
      queryKey: queryKeys.portfolio(profileId ?? '', id),
      queryFn: async () => unwrap(await api().portfolios.get({ id })),
      enabled: profileId !== null,
    }),
  );
}

/** What main says about the running app (asked once). */
export function useAppInfo(): MainData<AppInfo> {
  return mainData(useQuery({ queryKey: queryKeys.appInfo, queryFn: async () => unwrap(await api().app.info()) }));
}
