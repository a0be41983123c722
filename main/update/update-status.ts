import { AppError } from '../../common/result';
import type { UpdateMode, UpdatePhase, UpdateProblem, UpdateState } from '../../common/update-state';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { updateErrorCode } from './update-errors';
import type { UpdatePolicy } from './update-policy';
import type { UpdateSettings } from './update-settings-store';

/** What the update status is built from. */
export interface UpdateStatusDeps {
  /** The organisation's policy, read at start. */
  policy: UpdatePolicy;
  /** The user's settings as loaded, and where changes are saved. */
  settings: UpdateSettings;
  saveSettings: (settings: UpdateSettings) => Promise<void>;
  clock: Clock;
  logger: Logger;
  /** The running app's version. */
  currentVersion: string;
}

/** A step of the update that can fail. */
export type UpdateStage = 'check' | 'download' | 'install';

/**
 * Where updates stand: the phase, the user's mode, the last check and the last problem. Publishes
 * every change to the subscribers and saves the mode and the last check time in the settings file.
 */
export class UpdateStatus {
  private current: UpdatePhase = { phase: 'idle' };
  private mode: UpdateMode;
  private lastCheckedAt: string | null;
  private lastProblem: UpdateProblem | null = null;
  private readonly listeners = new Set<(state: UpdateState) => void>();
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: UpdateStatusDeps) {
    this.mode = deps.settings.mode;
    this.lastCheckedAt = deps.settings.lastCheckedAt;
  }

  /** The phase the updater is in. */
  get phase(): UpdatePhase {
    return this.current;
  }

  /** The time the last check finished, as an ISO string, or null if never. */
  get lastChecked(): string | null {
    return this.lastCheckedAt;
  }

  /** True once the service is disposed: work that resumes afterwards stops there. */
  get disposed(): boolean {
    return this.stopped;
  }

  /** The state the renderer shows. */
  state(): UpdateState {
    const policy = this.deps.policy.updates;
    return {
      ...this.current,
      currentVersion: this.deps.currentVersion,
      mode: this.effectiveMode(),
      managed: policy !== null,
      canCheck: policy !== 'off',
      lastCheckedAt: this.lastCheckedAt,
      lastProblem: this.lastProblem,
    };
  }

  /** Calls back with the new state on every change; returns unsubscribe. */
  subscribe(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The mode in force: the organisation's when its policy sets one, else the user's. */
  effectiveMode(): UpdateMode {
    return this.deps.policy.updates ?? this.mode;
  }

  /** True when the schedule checks by itself ('auto' and 'ask'; never 'off'). */
  scheduled(): boolean {
    return this.effectiveMode() !== 'off';
  }

  /** Whether a downloaded update is to be installed when the app quits (not in mode 'off'). */
  installOnQuitWanted(): boolean {
    return this.effectiveMode() !== 'off';
  }

  /** True while an update is downloading, downloaded, or being installed. */
  hasDownload(): boolean {
    const { phase } = this.current;
    return phase === 'downloading' || phase === 'ready' || phase === 'installing';
  }

  /** Moves to a phase (logged when the phase name changes) and publishes the new state. */
  setPhase(phase: UpdatePhase): void {
    const changed = phase.phase !== this.current.phase;
    this.current = phase;
    if (changed) this.deps.logger.info('update state', { phase: phase.phase });
    this.publish();
  }

  /** Moves to a phase without logging or publishing it (the app is quitting). */
  setPhaseQuietly(phase: UpdatePhase): void {
    this.current = phase;
  }

  /** Sends the current state to every subscriber; a failing subscriber is logged, never thrown. */
  publish(): void {
    const state = this.state();
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        this.deps.logger.error('an update state listener failed', { error });
      }
    }
  }

  /** Records the user's new mode and resolves once it is saved. */
  changeMode(mode: UpdateMode): Promise<void> {
    this.mode = mode;
    this.deps.logger.info('update mode changed', { mode });
    return this.persist();
  }

  /** Records that a check just finished (a success clears the last problem), and saves the time. */
  checked(succeeded: boolean): void {
    this.lastCheckedAt = new Date(this.deps.clock.now()).toISOString();
    if (succeeded) this.lastProblem = null;
    void this.persist();
  }

  /** Moves to 'error' with the failure coded, keeps it as the last problem, and logs it with its cause. */
  fail(stage: UpdateStage, error: unknown): void {
    const code = updateErrorCode(error);
    const problem: UpdateProblem = {
      error: new AppError(code).toData(),
      at: new Date(this.deps.clock.now()).toISOString(),
    };
    this.lastProblem = problem;
    this.deps.logger.warn(`update ${stage} failed; the next scheduled check tries again`, { code, error });
    this.setPhase({ phase: 'error', problem });
  }

  /** Marks the service disposed; resolves once the settings file is written. */
  dispose(): Promise<void> {
    this.stopped = true;
    return this.saving;
  }

  private persist(): Promise<void> {
    const settings: UpdateSettings = { mode: this.mode, lastCheckedAt: this.lastCheckedAt };
    this.saving = this.saving
      .then(() => this.deps.saveSettings(settings))
      .catch((error: unknown) => this.deps.logger.warn('the update settings could not be saved', { error }));
    return this.saving;
  }
}
