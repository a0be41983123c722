import type { EventSink } from '../ipc/event-sink';
import type { Logger } from '../logging/logger';
import { ActivityTracker } from './activity-tracker';
import { AppUpdates, type StartUpdates } from './app-updates';
import { followConnectionState } from './connection-activity';

/** What main's services give to wire updates in. */
export interface UpdateWiringOptions {
  /** The host's update starter; none in tests and the harness by default (updates are then 'unsupported'). */
  start?: StartUpdates;
  /** The host's event sink (the window in the app). */
  events: EventSink;
  logger: Logger;
  userDataDir: string;
  version: string;
  /** The host's own export hook, run inside the tracking. */
  trackExport?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Updates wired into main's services: what the handlers call, and the hooks that keep updates out of the way. */
export interface UpdateWiring {
  updates: AppUpdates;
  /** The event sink to build the services with: the host's, also read for syncs and the end of the first sync. */
  events: EventSink;
  /** Runs an export as tracked work, so an update download or install waits for it. */
  trackExport: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * Wires updates into main's services: syncs are read from the `connection:state` events the services
 * publish (the first one's end starts the first check), exports are tracked through the export
 * service's hook, and both make downloads and installs wait.
 */
export function wireUpdates(options: UpdateWiringOptions): UpdateWiring {
  const activity = new ActivityTracker();
  const { events: host, trackExport } = options;
  const updates = new AppUpdates(
    options.start,
    { version: options.version, userDataDir: options.userDataDir, logger: options.logger, busy: activity },
    host,
  );
  const follow = followConnectionState(activity, () => updates.firstSyncDone());
  return {
    updates,
    events: {
      emit(name, payload) {
        host.emit(name, payload);
        follow(name, payload);
      },
    },
    trackExport: (work) => activity.track('export', trackExport ? () => trackExport(work) : work),
  };
}
