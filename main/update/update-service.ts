import { AppError } from '../../common/result';
import type { UpdateMode, UpdateState } from '../../common/update-state';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { BusySignal } from './activity-tracker';
import { IdleWait } from './idle-wait';
import { systemTimers, type Timers } from './timers';
import { UpdateCheck } from './update-check';
import { UpdateDownload } from './update-download';
import { UpdateInstall } from './update-install';
import type { UpdatePolicy } from './update-policy';
import { CheckSchedule, defaultUpdateSchedule, type UpdateSchedule } from './update-schedule';
import type { UpdateSettings } from './update-settings-store';
import { UpdateStatus } from './update-status';
import type { Updater } from './updater';

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

/**
 * The app's updates: checks after the first sync and every 6 hours, downloads in the background
 * ('auto') or on the user's word ('ask'), never while a sync or an export runs, and installs only
 * on the user's restart() or when the app quits. Failures become state (with a coded error) and a
 * log line, never an exception for the UI; the next scheduled check tries again.
 */
export class UpdateService {
  private readonly status: UpdateStatus;
  private readonly idle: IdleWait;
  private readonly downloads: UpdateDownload;
  private readonly checks: UpdateCheck;
  private readonly install: UpdateInstall;
  private readonly schedule: CheckSchedule;
  private readonly stopErrors: () => void;

  constructor(private readonly deps: UpdateServiceDeps) {
    const { updater, busy, clock, logger } = deps;
    const timers = deps.timers ?? systemTimers;
    const schedule = { ...defaultUpdateSchedule, ...deps.schedule };
    this.status = new UpdateStatus(deps);
    this.idle = new IdleWait(busy, logger);
    this.downloads = new UpdateDownload({
      status: this.status,
      updater,
      busy,
      idle: this.idle,
      clock,
      timers,
      logger,
      downloadStallMs: schedule.downloadStallMs,
    });
    this.checks = new UpdateCheck({
      status: this.status,
      updater,
      download: this.downloads,
      timers,
      logger,
      checkTimeoutMs: schedule.checkTimeoutMs,
    });
    this.install = new UpdateInstall(this.status, updater, this.idle, logger);
    this.schedule = new CheckSchedule(schedule, this.status, this.checks, clock, timers);
    this.stopErrors = updater.onError((error) => this.install.updaterReported(error));
  }

  /** The state the renderer shows. */
  state(): UpdateState {
    return this.status.state();
  }

  /** Calls back with the new state on every change (the shell sends it as the `update:state` event); returns unsubscribe. */
  subscribe(listener: (state: UpdateState) => void): () => void {
    return this.status.subscribe(listener);
  }

  /** The first sync of this run has ended (whatever its outcome): check now, then every 6 hours. Idempotent. */
  firstSyncDone(): void {
    this.schedule.firstSyncDone();
  }

  /** The user's "Check now". Allowed in every mode except when the organisation turned updates off. */
  async check(): Promise<UpdateState> {
    if (this.deps.policy.updates === 'off') {
      throw new AppError('UPDATES_MANAGED', 'Your organisation has turned updates off on this computer.');
    }
    if (this.status.hasDownload()) return this.state();
    return this.checks.run('user');
  }

  /** The user's "Download" (mode 'ask', or a manual check in mode 'off'): starts now, or when the sync or export ends. */
  async download(): Promise<UpdateState> {
    if (this.deps.policy.updates === 'off') {
      throw new AppError('UPDATES_MANAGED', 'Your organisation has turned updates off on this computer.');
    }
    if (this.status.hasDownload()) return this.state();
    const { phase } = this.status;
    if (phase.phase !== 'available') throw new AppError('UPDATE_NOT_READY');
    void this.downloads.start(phase.release);
    return this.state();
  }

  /** The user's "Restart to update": the only way the app restarts for an update; waits for a sync or export to end. */
  async restart(): Promise<UpdateState> {
    const { phase } = this.status;
    if (phase.phase === 'installing') return this.state();
    if (phase.phase !== 'ready') throw new AppError('UPDATE_NOT_READY');
    const { release } = phase;
    this.deps.logger.info('the user asked to restart for the update', { version: release.version });
    const install = this.install.whenIdle(release);
    // Answer at once when the install has to wait; otherwise after handing it to the updater.
    if (!this.deps.busy.busy()) await install;
    return this.state();
  }

  /** Settings → Updates. Refused when the organisation's policy sets the mode. */
  async setMode(mode: UpdateMode): Promise<UpdateState> {
    if (this.deps.policy.updates !== null) throw new AppError('UPDATES_MANAGED');
    // Without a policy, the mode in force is the user's.
    if (mode === this.status.effectiveMode()) return this.state();
    await this.status.changeMode(mode);
    const { phase } = this.status;
    if (phase.phase === 'available' && phase.waitingFor && mode !== 'auto') {
      // A download that was waiting for a sync or export to end is not wanted any more.
      this.downloads.dropWaiting();
      this.status.setPhase({ ...phase, waitingFor: null });
    } else if (phase.phase === 'available' && mode === 'auto') {
      void this.downloads.start(phase.release);
    } else if (phase.phase === 'ready') {
      this.downloads.ready(phase.release);
    } else {
      this.status.publish();
    }
    return this.state();
  }

  /**
   * Stops the schedule and any wait (app quit, test end), and resolves once the settings file is
   * written. A downloaded update still installs when the app quits, if allowed.
   */
  dispose(): Promise<void> {
    const saved = this.status.dispose();
    this.idle.stop();
    this.schedule.stop();
    this.stopErrors();
    return saved;
  }
}
