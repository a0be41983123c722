import type { Clock } from '../clock';
import type { Timers } from './timers';
import type { UpdateCheck } from './update-check';
import type { UpdateStatus } from './update-status';

const hour = 60 * 60_000;

/** How often the service looks for updates, and how long it waits for the updater. */
export interface UpdateSchedule {
  /** Between two checks (default 6 hours). */
  checkIntervalMs: number;
  /** How often the schedule looks at the clock, so a machine that slept checks soon after waking (default 10 minutes). */
  tickMs: number;
  /** The first check waits for the first sync, but never longer than this after start (default 10 minutes). */
  firstCheckFallbackMs: number;
  /** A check that has not answered after this is given up as an unreachable feed (default 2 minutes). */
  checkTimeoutMs: number;
  /** A download with no progress for this long is cancelled as an unreachable feed (default 5 minutes). */
  downloadStallMs: number;
}

/** The schedule the app runs with. */
export const defaultUpdateSchedule: UpdateSchedule = {
  checkIntervalMs: 6 * hour,
  tickMs: 10 * 60_000,
  firstCheckFallbackMs: 10 * 60_000,
  checkTimeoutMs: 2 * 60_000,
  downloadStallMs: 5 * 60_000,
};

/**
 * When checks run by themselves: after the first sync of the run (or the fallback delay after
 * start), then whenever the last check is older than the interval, looking at the clock every tick.
 * Never in mode 'off', during a check, or once an update is downloading or downloaded.
 */
export class CheckSchedule {
  private started = false;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly schedule: UpdateSchedule,
    private readonly status: UpdateStatus,
    private readonly check: UpdateCheck,
    private readonly clock: Clock,
    private readonly timers: Timers,
  ) {
    this.stops.push(timers.after(schedule.firstCheckFallbackMs, () => this.firstSyncDone()));
  }

  /** The first sync of this run has ended: check now (unless the mode is 'off'), then keep to the schedule. Idempotent. */
  firstSyncDone(): void {
    if (this.started || this.status.disposed) return;
    this.started = true;
    this.stops.push(this.timers.every(this.schedule.tickMs, () => this.tick()));
    if (this.status.scheduled()) void this.check.run('start');
  }

  /** Cancels the fallback and the ticks. */
  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private tick(): void {
    const { status } = this;
    if (status.disposed || !status.scheduled() || status.hasDownload() || this.check.running) return;
    const last = status.lastChecked === null ? null : Date.parse(status.lastChecked);
    if (last !== null && this.clock.now() - last < this.schedule.checkIntervalMs) return;
    void this.check.run('schedule');
  }
}
