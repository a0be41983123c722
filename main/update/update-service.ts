import { AppError } from '../../common/result';
import type {
  BusyActivity,
  UpdateMode,
  UpdatePhase,
  UpdateProblem,
  UpdateRelease,
  UpdateState,
} from '../../common/update-state';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { BusySignal } from './activity-tracker';
import { updateErrorCode } from './update-errors';
import type { UpdatePolicy } from './update-policy';
import type { UpdateSettings } from './update-settings-store';
import { systemTimers, type Timers } from './timers';
import type { Updater } from './updater';

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

/** What the UpdateService is built from. */
export interface UpdateServiceDeps {
  updater: Updater;
  /** The organisation's policy, read at start. */
  policy: UpdatePolicy;
  /** The user's settings as loaded, and where changes are saved. */
  settings: UpdateSettings;
  saveSettings: (settings: UpdateSettings) => Promise<void>;
  /** Whether a sync or an export runs: downloads and installs wait for it to end. */
  busy: BusySignal;
  clock: Clock;
  timers?: Timers;
  logger: Logger;
  /** The running app's version. */
  currentVersion: string;
  schedule?: Partial<UpdateSchedule>;
}

type Trigger = 'start' | 'schedule' | 'user';

/**
 * The app's updates: checks after the first sync and every 6 hours, downloads in the background
 * ('auto') or on the user's word ('ask'), never while a sync or an export runs, and installs only
 * on the user's restart() or when the app quits. Failures become state (with a coded error) and a
 * log line, never an exception for the UI; the next scheduled check tries again.
 */
export class UpdateService {
  private phase: UpdatePhase = { phase: 'idle' };
  private mode: UpdateMode;
  private lastCheckedAt: string | null;
  private lastProblem: UpdateProblem | null = null;
  private readonly listeners = new Set<(state: UpdateState) => void>();
  private readonly timers: Timers;
  private readonly schedule: UpdateSchedule;
  private readonly stopTimers: Array<() => void> = [];
  private started = false;
  private disposed = false;
  private checking: Promise<UpdateState> | null = null;
  private downloading: { promise: Promise<void> } | null = null;
  private cancelWait: (() => void) | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: UpdateServiceDeps) {
    this.mode = deps.settings.mode;
    this.lastCheckedAt = deps.settings.lastCheckedAt;
    this.timers = deps.timers ?? systemTimers;
    this.schedule = { ...defaultUpdateSchedule, ...deps.schedule };
    this.stopTimers.push(this.timers.after(this.schedule.firstCheckFallbackMs, () => this.firstSyncDone()));
    this.stopTimers.push(deps.updater.onError((error) => this.updaterReported(error)));
  }

  /** The state the renderer shows. */
  state(): UpdateState {
    const policy = this.deps.policy.updates;
    return {
      ...this.phase,
      currentVersion: this.deps.currentVersion,
      mode: this.effectiveMode(),
      managed: policy !== null,
      canCheck: policy !== 'off',
      lastCheckedAt: this.lastCheckedAt,
      lastProblem: this.lastProblem,
    };
  }

  /** Calls back with the new state on every change (the shell sends it as the `update:state` event); returns unsubscribe. */
  subscribe(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first sync of this run has ended (whatever its outcome): check now, then every 6 hours. Idempotent. */
  firstSyncDone(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.stopTimers.push(this.timers.every(this.schedule.tickMs, () => this.tick()));
    if (this.scheduled()) void this.runCheck('start');
  }

  /** The user's "Check now". Allowed in every mode except when the organisation turned updates off. */
  async check(): Promise<UpdateState> {
    if (this.deps.policy.updates === 'off') {
      throw new AppError('UPDATES_MANAGED', 'Your organisation has turned updates off on this computer.');
    }
    if (this.hasDownload()) return this.state();
    return this.runCheck('user');
  }

  /** The user's "Download" (mode 'ask', or a manual check in mode 'off'): starts now, or when the sync or export ends. */
  async download(): Promise<UpdateState> {
    if (this.deps.policy.updates === 'off') {
      throw new AppError('UPDATES_MANAGED', 'Your organisation has turned updates off on this computer.');
    }
    if (this.hasDownload()) return this.state();
    if (this.phase.phase !== 'available') throw new AppError('UPDATE_NOT_READY');
    void this.startDownload(this.phase.release);
    return this.state();
  }

  /** The user's "Restart to update": the only way the app restarts for an update; waits for a sync or export to end. */
  async restart(): Promise<UpdateState> {
    if (this.phase.phase === 'installing') return this.state();
    if (this.phase.phase !== 'ready') throw new AppError('UPDATE_NOT_READY');
    const { release } = this.phase;
    this.deps.logger.info('the user asked to restart for the update', { version: release.version });
    const install = this.installWhenIdle(release);
    // Answer at once when the install has to wait; otherwise after handing it to the updater.
    if (!this.deps.busy.busy()) await install;
    return this.state();
  }

  /** Settings → Updates. Refused when the organisation's policy sets the mode. */
  async setMode(mode: UpdateMode): Promise<UpdateState> {
    if (this.deps.policy.updates !== null) throw new AppError('UPDATES_MANAGED');
    if (mode === this.mode) return this.state();
    this.mode = mode;
    this.deps.logger.info('update mode changed', { mode });
    await this.persist();
    if (this.phase.phase === 'available' && this.phase.waitingFor && mode !== 'auto') {
      // A download that was waiting for a sync or export to end is not wanted any more.
      this.dropWaitingDownload();
      this.setPhase({ ...this.phase, waitingFor: null });
    } else if (this.phase.phase === 'available' && mode === 'auto') {
      void this.startDownload(this.phase.release);
    } else if (this.phase.phase === 'ready') {
      this.applyInstallOnQuit(this.phase.release);
    } else {
      this.publish();
    }
    return this.state();
  }

  /**
   * Stops the schedule and any wait (app quit, test end), and resolves once the settings file is
   * written. A downloaded update still installs when the app quits, if allowed.
   */
  dispose(): Promise<void> {
    this.disposed = true;
    this.stopWaiting();
    for (const stop of this.stopTimers.splice(0)) stop();
    return this.saving;
  }

  private effectiveMode(): UpdateMode {
    return this.deps.policy.updates ?? this.mode;
  }

  /** True when the schedule checks by itself ('auto' and 'ask'; never 'off'). */
  private scheduled(): boolean {
    return this.effectiveMode() !== 'off';
  }

  private hasDownload(): boolean {
    const { phase } = this.phase;
    return phase === 'downloading' || phase === 'ready' || phase === 'installing';
  }

  private tick(): void {
    if (this.disposed || !this.scheduled() || this.hasDownload() || this.checking) return;
    const last = this.lastCheckedAt === null ? null : Date.parse(this.lastCheckedAt);
    if (last !== null && this.deps.clock.now() - last < this.schedule.checkIntervalMs) return;
    void this.runCheck('schedule');
  }

  private runCheck(trigger: Trigger): Promise<UpdateState> {
    this.checking ??= this.doCheck(trigger).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async doCheck(trigger: Trigger): Promise<UpdateState> {
    // A check never runs during a download, so any download still pending is one waiting for idle: drop it.
    this.dropWaitingDownload();
    this.setPhase({ phase: 'checking' });
    let outcome;
    try {
      outcome = await this.withTimeout(this.deps.updater.check(), this.schedule.checkTimeoutMs);
    } catch (error) {
      this.checked(false);
      this.fail('check', error);
      return this.state();
    }
    this.checked(true);
    if (this.disposed) return this.state();
    if (outcome.kind === 'inactive') {
      this.setPhase({ phase: 'unsupported' });
    } else if (outcome.kind === 'up-to-date') {
      this.deps.logger.info('no update offered', { trigger, latest: outcome.latestVersion });
      this.setPhase({ phase: 'up-to-date' });
    } else {
      const { release } = outcome;
      this.deps.logger.info('update available', { trigger, version: release.version });
      this.setPhase({ phase: 'available', release, waitingFor: null });
      if (this.effectiveMode() === 'auto') void this.startDownload(release);
    }
    return this.state();
  }

  private checked(succeeded: boolean): void {
    this.lastCheckedAt = new Date(this.deps.clock.now()).toISOString();
    if (succeeded) this.lastProblem = null;
    void this.persist();
  }

  private startDownload(release: UpdateRelease): Promise<void> {
    if (this.downloading) return this.downloading.promise;
    const entry = { promise: Promise.resolve() };
    entry.promise = this.doDownload(release).finally(() => {
      if (this.downloading === entry) this.downloading = null;
    });
    this.downloading = entry;
    return entry.promise;
  }

  private async doDownload(release: UpdateRelease): Promise<void> {
    if (this.deps.busy.busy()) {
      const idle = await this.waitUntilIdle((activity) =>
        this.setPhase({ phase: 'available', release, waitingFor: activity }),
      );
      if (!idle || this.disposed || this.phase.phase !== 'available' || this.phase.release !== release) return;
    }
    this.setPhase({
      phase: 'downloading',
      release,
      progress: { percent: 0, transferredBytes: 0, totalBytes: 0, bytesPerSecond: 0 },
    });
    const stall = new AbortController();
    let lastProgressAt = this.deps.clock.now();
    const stopWatch = this.timers.every(Math.min(this.schedule.downloadStallMs, 60_000), () => {
      if (this.deps.clock.now() - lastProgressAt >= this.schedule.downloadStallMs) stall.abort();
    });
    try {
      await this.deps.updater.download((progress) => {
        lastProgressAt = this.deps.clock.now();
        if (this.phase.phase === 'downloading') this.setPhase({ ...this.phase, progress });
      }, stall.signal);
    } catch (error) {
      const stalled = stall.signal.aborted;
      this.fail('download', stalled ? Object.assign(new Error('the download stalled'), { code: 'ETIMEDOUT' }) : error);
      return;
    } finally {
      stopWatch();
    }
    this.deps.logger.info('update downloaded and verified', { version: release.version });
    this.applyInstallOnQuit(release);
  }

  private installOnQuitWanted(): boolean {
    return this.effectiveMode() !== 'off';
  }

  private applyInstallOnQuit(release: UpdateRelease): void {
    const installOnQuit = this.installOnQuitWanted();
    this.deps.updater.setInstallOnQuit(installOnQuit);
    this.setPhase({ phase: 'ready', release, installOnQuit });
  }

  private async installWhenIdle(release: UpdateRelease): Promise<void> {
    this.setPhase({ phase: 'installing', release, waitingFor: null });
    const idle = await this.waitUntilIdle((activity) =>
      this.setPhase({ phase: 'installing', release, waitingFor: activity }),
    );
    if (!idle) {
      // Disposed while waiting (the app is quitting): the update stays ready and installs on quit if allowed.
      this.phase = { phase: 'ready', release, installOnQuit: this.installOnQuitWanted() };
      return;
    }
    this.setPhase({ phase: 'installing', release, waitingFor: null });
    this.deps.logger.info('quitting to install the update', { version: release.version });
    try {
      this.deps.updater.quitAndInstall();
    } catch (error) {
      this.fail('install', error);
    }
  }

  /** Resolves true once no sync or export runs (at once if none does), false if the wait was stopped. */
  private waitUntilIdle(waiting: (activity: BusyActivity) => void): Promise<boolean> {
    const activity = this.deps.busy.busy();
    if (!activity) return Promise.resolve(true);
    this.stopWaiting();
    this.deps.logger.info('update waits for the app to be idle', { activity });
    waiting(activity);
    return new Promise((resolve) => {
      const unsubscribe = this.deps.busy.onIdle(() => {
        const again = this.deps.busy.busy();
        if (again) return waiting(again);
        finish(true);
      });
      const finish = (idle: boolean) => {
        unsubscribe();
        if (this.cancelWait === stop) this.cancelWait = null;
        resolve(idle);
      };
      const stop = () => finish(false);
      this.cancelWait = stop;
    });
  }

  /** Forgets a download that has not started (it was waiting for idle), so a new one can start at once. */
  private dropWaitingDownload(): void {
    this.stopWaiting();
    this.downloading = null;
  }

  private stopWaiting(): void {
    const cancel = this.cancelWait;
    this.cancelWait = null;
    cancel?.();
  }

  private withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const cancel = this.timers.after(ms, () =>
        reject(Object.assign(new Error(`no answer from the update feed in ${ms / 1000} s`), { code: 'ETIMEDOUT' })),
      );
      work.then(
        (value) => (cancel(), resolve(value)),
        (error: unknown) => (cancel(), reject(error as Error)),
      );
    });
  }

  private updaterReported(error: unknown): void {
    if (this.phase.phase === 'installing') this.fail('install', error);
    else this.deps.logger.warn('the updater reported a problem', { code: updateErrorCode(error), error });
  }

  private fail(stage: 'check' | 'download' | 'install', error: unknown): void {
    const code = updateErrorCode(error);
    const problem: UpdateProblem = {
      error: new AppError(code).toData(),
      at: new Date(this.deps.clock.now()).toISOString(),
    };
    this.lastProblem = problem;
    this.deps.logger.warn(`update ${stage} failed; the next scheduled check tries again`, { code, error });
    this.setPhase({ phase: 'error', problem });
  }

  private persist(): Promise<void> {
    const settings: UpdateSettings = { mode: this.mode, lastCheckedAt: this.lastCheckedAt };
    this.saving = this.saving
      .then(() => this.deps.saveSettings(settings))
      .catch((error: unknown) => this.deps.logger.warn('the update settings could not be saved', { error }));
    return this.saving;
  }

  private setPhase(phase: UpdatePhase): void {
    const changed = phase.phase !== this.phase.phase;
    this.phase = phase;
    if (changed) this.deps.logger.info('update state', { phase: phase.phase });
    this.publish();
  }

  private publish(): void {
    const state = this.state();
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        this.deps.logger.error('an update state listener failed', { error });
      }
    }
  }
}
