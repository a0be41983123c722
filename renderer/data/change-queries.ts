import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChangeSettings, ChangesOverview, PortfolioChangesView } from '../../common/change-views';
import type { ModelComparison } from '../../common/model-comparison';
import { api } from '../bridge';
import { unwrap } from './main-result';
import { mainData, useActiveProfile, type MainData } from './queries';
import { queryKeys } from './query-keys';

/** The active profile's changed models with their seen marks, and what the last changing sync changed. */
export function useChangesOverview(): MainData<ChangesOverview> {
  const profileId = useActiveProfile()?.id ?? null;
  const view = mainData(
    useQuery({
      queryKey: queryKeys.changeOverview(profileId ?? ''),
      queryFn: async () => unwrap(await api().changes.overview()),
      enabled: profileId !== null,
    }),
  );
  // An answer for the profile main had a moment ago (a switch under way): its event follows.
  if (view.data && view.data.profileId !== profileId) return { ...view, data: null, loading: true };
  return view;
}

/** One portfolio's kept versions and the trade list between two (null: main's default, the latest change). */
export function usePortfolioChanges(
  id: string,
  from: number | null,
  to: number | null,
): MainData<PortfolioChangesView> & { fetching: boolean } {
  const profileId = useActiveProfile()?.id ?? '';
  const query = useQuery({
    queryKey: queryKeys.portfolioChanges(profileId, id, from, to),
    queryFn: async () =>
      unwrap(await api().changes.portfolio({ id, ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) })),
    enabled: profileId !== '',
    // Another pair of versions keeps the last one on screen until it arrives (no flash of "Loading").
    placeholderData: keepPreviousData,
  });
  return { ...mainData(query), fetching: query.isFetching };
}

/** 2–4 portfolios side by side. */
export function useComparison(ids: readonly string[]): MainData<ModelComparison> {
  const profileId = useActiveProfile()?.id ?? '';
  return mainData(
    useQuery({
      queryKey: queryKeys.comparison(profileId, ids),
      queryFn: async () => unwrap(await api().compare.portfolios({ ids: [...ids] })),
      enabled: profileId !== '',
    }),
  );
}

/** The change settings (tolerance, notifications). */
export function useChangeSettings(): MainData<ChangeSettings> {
  return mainData(
    useQuery({ queryKey: queryKeys.changeSettings, queryFn: async () => unwrap(await api().changes.settings()) }),
  );
}
