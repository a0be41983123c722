import type { BusyActivity } from '../../common/update-state';

/** What the update service asks of the app's own work: is a sync or an export running, and when does it end. */
export interface BusySignal {
  /** The activity running now (a sync before an export), or null when the app is idle. */
  busy(): BusyActivity | null;
  /** Calls back each time the app becomes idle; returns unsubscribe. */
  onIdle(listener: () => void): () => void;
}

/** Counts running syncs and exports: wrap each one in track(), or begin() and call the returned end(). */
export class ActivityTracker implements BusySignal {
  private readonly running = new Map<BusyActivity, number>();
  private readonly idleListeners = new Set<() => void>();

  /** Marks an activity as started; the returned function ends it (once, however often it is called). */
  begin(activity: BusyActivity): () => void {
    this.running.set(activity, (this.running.get(activity) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.running.get(activity) ?? 1) - 1;
      if (left > 0) this.running.set(activity, left);
      else this.running.delete(activity);
      if (this.running.size === 0) for (const listener of [...this.idleListeners]) listener();
    };
  }

  /** Runs a piece of work as the given activity, ending it however the work ends. */
  async track<T>(activity: BusyActivity, work: () => Promise<T>): Promise<T> {
    const end = this.begin(activity);
    try {
      return await work();
    } finally {
      end();
    }
  }

  busy(): BusyActivity | null {
    if (this.running.has('sync')) return 'sync';
    if (this.running.has('export')) return 'export';
    return null;
  }

  onIdle(listener: () => void): () => void {
    this.idleListeners.add(listener);
    return () => this.idleListeners.delete(listener);
  }
}
