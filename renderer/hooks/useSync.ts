import { api } from '../bridge';
import { plural } from '../format/format';
import { useMainAction } from '../data/useMainAction';
import type { Notice } from './useNotice';

/** Sync now and cancel, as the status bar, banner, menu and network-back event use them. */
export interface SyncActions {
  /** Asks main to sync; `explicit` (the user asked) reports the outcome as a notice. */
  syncNow(explicit: boolean): void;
  cancel(): void;
}

/** Syncs through main; the progress and the data arrive as main's events, not from the answer. */
export function useSync(show: (notice: Notice) => void): SyncActions {
  const sync = useMainAction((_explicit: boolean) => api().sync.now(), {
    onSuccess: ({ status, portfolioCount }, explicit) => {
      if (!explicit) return;
      const count = plural(portfolioCount, 'portfolio');
      show({ kind: 'info', message: status === 'unchanged' ? `Up to date: ${count}.` : `Synced ${count}.` });
    },
    onError: (error, explicit) => {
      if (explicit && error.code !== 'SYNC_IN_PROGRESS') show({ kind: 'error', message: error.message });
    },
  });
  const cancel = useMainAction(() => api().sync.cancel());
  return { syncNow: (explicit) => void sync.run(explicit), cancel: () => void cancel.run() };
}
