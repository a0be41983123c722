import type { UpdateState } from '../../common/update-state';
import type { Logger } from '../logging/logger';
import type { Timers } from './timers';
import type { UpdateDownload } from './update-download';
import type { UpdateStatus } from './update-status';
import type { Updater } from './updater';

/** What started a check: the first sync of the run, the schedule, or the user's "Check now". */
export type CheckTrigger = 'start' | 'schedule' | 'user';

/** What a check is built from. */
export interface UpdateCheckDeps {
  status: UpdateStatus;
  updater: Updater;
  /** Started at once in mode 'auto' when a release is offered. */
  download: UpdateDownload;
  timers: Timers;
  logger: Logger;
  /** A check that has not answered after this is given up as an unreachable feed. */
  checkTimeoutMs: number;
}

/**
 * One look at the feed at a time: checking, then up-to-date, unsupported, error or available (and,
 * in mode 'auto', the download starts). A check that does not answer in time fails as unreachable.
 */
export class UpdateCheck {
  private checking: Promise<UpdateState> | null = null;

  constructor(private readonly deps: UpdateCheckDeps) {}

  /** True while a check waits for the feed. */
  get running(): boolean {
    return this.checking !== null;
  }

  /** Checks now, or joins the check already running; resolves with the state it ends in. */
  run(trigger: CheckTrigger): Promise<UpdateState> {
    this.checking ??= this.check(trigger).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(trigger: CheckTrigger): Promise<UpdateState> {
    const { status, logger } = this.deps;
    // A check never runs during a download, so any download still pending is one waiting for idle: drop it.
    this.deps.download.dropWaiting();
    status.setPhase({ phase: 'checking' });
    let outcome;
    try {
      outcome = await this.withTimeout(this.deps.updater.check(), this.deps.checkTimeoutMs);
    } catch (error) {
      status.checked(false);
      status.fail('check', error);
      return status.state();
    }
    status.checked(true);
    if (status.disposed) return status.state();
    if (outcome.kind === 'inactive') {
      status.setPhase({ phase: 'unsupported' });
    } else if (outcome.kind === 'up-to-date') {
      logger.info('no update offered', { trigger, latest: outcome.latestVersion });
      status.setPhase({ phase: 'up-to-date' });
    } else {
      const { release } = outcome;
      logger.info('update available', { trigger, version: release.version });
      status.setPhase({ phase: 'available', release, waitingFor: null });
      if (status.effectiveMode() === 'auto') void this.deps.download.start(release);
    }
    return status.state();
  }

  private withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const cancel = this.deps.timers.after(ms, () =>
        reject(Object.assign(new Error(`no answer from the update feed in ${ms / 1000} s`), { code: 'ETIMEDOUT' })),
      );
      work.then(
        (value) => (cancel(), resolve(value)),
        (error: unknown) => (cancel(), reject(error as Error)),
      );
    });
  }
}
