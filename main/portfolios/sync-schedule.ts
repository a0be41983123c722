import type { ConnectionState } from '../../common/connection-state';

/** When main syncs by itself. */
export interface AutoSyncOptions {
  /** After a good sync, sync again this much later (default 15 minutes); 0 turns it off. */
  intervalMs?: number;
  /** After a failed sync that may pass (offline, server trouble), try again after this, doubling to 5 minutes (default 15 s). */
  retryMs?: number;
  /**
   * At start with a cache on disk, how long the first sync waits for the renderer to have had the cached list
   * (default 1.5 s): the list is served first, the network comes after. 0 syncs at once.
   */
  firstListGraceMs?: number;
}

const maxRetryMs = 5 * 60_000;

/** The background sync timer: the next sync after a good one, or a retry with backoff after one that may pass. */
export class SyncSchedule {
  private timer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private readonly intervalMs: number;
  private readonly retryMs: number;
  /** Model changes (issue 15): the next good sync is followed by another at once. */
  private again = false;

  constructor(
    options: AutoSyncOptions | undefined,
    private readonly run: () => void,
  ) {
    this.intervalMs = options?.intervalMs ?? 15 * 60_000;
    this.retryMs = options?.retryMs ?? 15_000;
    this.retryDelay = this.retryMs;
  }

  /** Plans the next sync after one that ended in this state (none while not configured or after a fix-in-Settings error). */
  after(state: ConnectionState): void {
    this.clear();
    let delay: number | null = null;
    if (state.status === 'online') {
      this.retryDelay = this.retryMs;
      if (this.intervalMs > 0) delay = this.intervalMs;
      if (this.again) delay = 0;
    } else if (state.status === 'offline' || (state.status === 'error' && state.error.retryable)) {
      delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, maxRetryMs);
    }
    this.again = false;
    if (delay === null) return;
    this.timer = setTimeout(this.run, delay);
    this.timer.unref?.();
  }

  /** Asks for a sync right after the one under way, if that one ends online. */
  soon(): void {
    this.again = true;
  }

  /** A new profile starts with the shortest retry again. */
  reset(): void {
    this.clear();
    this.again = false;
    this.retryDelay = this.retryMs;
  }

  /** Cancels the planned sync. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
