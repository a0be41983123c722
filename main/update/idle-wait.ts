import type { BusyActivity } from '../../common/update-state';
import type { Logger } from '../logging/logger';
import type { BusySignal } from './activity-tracker';

/**
 * The one wait for the app to be idle (no sync, no export) that a download or an install may be
 * in: a new wait replaces the one before, and stop() ends it (the wait then resolves false).
 */
export class IdleWait {
  private cancel: (() => void) | null = null;

  constructor(
    private readonly busy: BusySignal,
    private readonly logger: Logger,
  ) {}

  /**
   * Resolves true once no sync or export runs (at once if none does), false if the wait was
   * stopped; calls waiting() with the activity waited for, at the start and each time another begins.
   */
  untilIdle(waiting: (activity: BusyActivity) => void): Promise<boolean> {
    const activity = this.busy.busy();
    if (!activity) return Promise.resolve(true);
    this.stop();
    this.logger.info('update waits for the app to be idle', { activity });
    waiting(activity);
    return new Promise((resolve) => {
      const unsubscribe = this.busy.onIdle(() => {
        const again = this.busy.busy();
        if (again) return waiting(again);
        finish(true);
      });
      const finish = (idle: boolean) => {
        unsubscribe();
        if (this.cancel === stop) this.cancel = null;
        resolve(idle);
      };
      const stop = () => finish(false);
      this.cancel = stop;
    });
  }

  /** Ends the wait in progress, if any. */
  stop(): void {
    const cancel = this.cancel;
    this.cancel = null;
    cancel?.();
  }
}
