import type { UpdateRelease } from '../../common/update-state';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { BusySignal } from './activity-tracker';
import type { IdleWait } from './idle-wait';
import type { Timers } from './timers';
import type { UpdateStatus } from './update-status';
import type { Updater } from './updater';

/** What a download is built from. */
export interface UpdateDownloadDeps {
  status: UpdateStatus;
  updater: Updater;
  busy: BusySignal;
  /** The wait for the app to be idle, shared with the install. */
  idle: IdleWait;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** A download with no progress for this long is cancelled as an unreachable feed. */
  downloadStallMs: number;
}

/**
 * The one download of the release offered: waits until no sync or export runs, reports progress,
 * is cancelled when it stalls, and ends ready to install (on quit too, unless the mode is 'off').
 */
export class UpdateDownload {
  private downloading: { promise: Promise<void> } | null = null;

  constructor(private readonly deps: UpdateDownloadDeps) {}

  /** Starts the download (once the app is idle), or joins the one already started. */
  start(release: UpdateRelease): Promise<void> {
    if (this.downloading) return this.downloading.promise;
    const entry = { promise: Promise.resolve() };
    entry.promise = this.download(release).finally(() => {
      if (this.downloading === entry) this.downloading = null;
    });
    this.downloading = entry;
    return entry.promise;
  }

  /** Forgets a download that has not started (it was waiting for idle), so a new one can start at once. */
  dropWaiting(): void {
    this.deps.idle.stop();
    this.downloading = null;
  }

  /** Tells the updater whether to install on quit (per the mode in force) and moves to 'ready'. */
  ready(release: UpdateRelease): void {
    const installOnQuit = this.deps.status.installOnQuitWanted();
    this.deps.updater.setInstallOnQuit(installOnQuit);
    this.deps.status.setPhase({ phase: 'ready', release, installOnQuit });
  }

  private async download(release: UpdateRelease): Promise<void> {
    const { status, clock, downloadStallMs } = this.deps;
    if (this.deps.busy.busy()) {
      const idle = await this.deps.idle.untilIdle((activity) =>
        status.setPhase({ phase: 'available', release, waitingFor: activity }),
      );
      if (!idle || status.disposed || status.phase.phase !== 'available' || status.phase.release !== release) return;
    }
    status.setPhase({
      phase: 'downloading',
      release,
      progress: { percent: 0, transferredBytes: 0, totalBytes: 0, bytesPerSecond: 0 },
    });
    const stall = new AbortController();
    let lastProgressAt = clock.now();
    const stopWatch = this.deps.timers.every(Math.min(downloadStallMs, 60_000), () => {
      if (clock.now() - lastProgressAt >= downloadStallMs) stall.abort();
    });
    try {
      await this.deps.updater.download((progress) => {
        lastProgressAt = clock.now();
        if (status.phase.phase === 'downloading') status.setPhase({ ...status.phase, progress });
      }, stall.signal);
    } catch (error) {
      const stalled = stall.signal.aborted;
      status.fail(
        'download',
        stalled ? Object.assign(new Error('the download stalled'), { code: 'ETIMEDOUT' }) : error,
      );
      return;
    } finally {
      stopWatch();
    }
    this.deps.logger.info('update downloaded and verified', { version: release.version });
    this.ready(release);
  }
}
