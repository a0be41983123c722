import type { UpdateMode, UpdateState } from '../../common/update-state';
import { api } from '../bridge';
import { useMainAction, type MainAction } from '../data/useMainAction';

/** What the user can ask of updates; each answer is main's new state, which its `update:state` event also brings. */
export interface UpdateActions {
  check: MainAction<void, UpdateState>;
  download: MainAction<void, UpdateState>;
  restart: MainAction<void, UpdateState>;
  setMode: MainAction<UpdateMode, UpdateState>;
}

/** The update actions ("Check now", "Download", "Restart to update", the mode); the screen follows main's events. */
export function useUpdateActions(): UpdateActions {
  return {
    check: useMainAction(() => api().update.check()),
    download: useMainAction(() => api().update.download()),
    restart: useMainAction(() => api().update.restart()),
    setMode: useMainAction((mode: UpdateMode) => api().update.setMode({ mode })),
  };
}
