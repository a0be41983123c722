import type { EventPayload } from '../../common/contract-types';
import type { ActivityTracker } from './activity-tracker';

/**
 * Reads the published `connection:state` events for what updates must know: a sync runs while the
 * status is 'syncing' (tracked as 'sync'), and the run's first sync has ended when the status
 * leaves 'syncing' for the first time (or says there is nothing to sync). Attach to the EventHub.
 */
export function followConnectionState(
  tracker: ActivityTracker,
  onFirstSyncDone: () => void,
): (name: string, payload: unknown) => void {
  let endSync: (() => void) | null = null;
  let sawSync = false;
  let reported = false;
  return (name, payload) => {
    if (name !== 'connection:state') return;
    const { status } = payload as EventPayload<'connection:state'>;
    if (status === 'syncing') {
      sawSync = true;
      endSync ??= tracker.begin('sync');
      return;
    }
    endSync?.();
    endSync = null;
    if (!reported && (sawSync || status === 'not-configured')) {
      reported = true;
      onFirstSyncDone();
    }
  };
}
