import { useQuery } from '@tanstack/react-query';
import type { UpdateState } from '../../common/update-state';
import { api } from '../bridge';
import { unwrap } from './main-result';
import { queryKeys } from './query-keys';

/** Where updates stand, as main publishes it (each `update:state` event replaces it); null before main's first answer. */
export function useUpdateState(): UpdateState | null {
  const query = useQuery({ queryKey: queryKeys.updates, queryFn: async () => unwrap(await api().update.state()) });
  return query.data ?? null;
}
