import type { UpdateRelease } from '../../common/update-state';
import type { Logger } from '../logging/logger';
import type { IdleWait } from './idle-wait';
import { updateErrorCode } from './update-errors';
import type { UpdateStatus } from './update-status';
import type { Updater } from './updater';

/** The install after the user's "Restart to update": waits until no sync or export runs, then quits and installs. */
export class UpdateInstall {
  constructor(
    private readonly status: UpdateStatus,
    private readonly updater: Updater,
    private readonly idle: IdleWait,
    private readonly logger: Logger,
  ) {}

  /** Moves to 'installing', waits for the app to be idle, then hands over to quitAndInstall (a failure becomes 'error'). */
  async whenIdle(release: UpdateRelease): Promise<void> {
    const { status } = this;
    status.setPhase({ phase: 'installing', release, waitingFor: null });
    const idle = await this.idle.untilIdle((activity) =>
      status.setPhase({ phase: 'installing', release, waitingFor: activity }),
    );
    if (!idle) {
      // Disposed while waiting (the app is quitting): the update stays ready and installs on quit if allowed.
      status.setPhaseQuietly({ phase: 'ready', release, installOnQuit: status.installOnQuitWanted() });
      return;
    }
    status.setPhase({ phase: 'installing', release, waitingFor: null });
    this.logger.info('quitting to install the update', { version: release.version });
    try {
      this.updater.quitAndInstall();
    } catch (error) {
      status.fail('install', error);
    }
  }

  /** A failure the updater reports on its own: it fails the install in progress, and is only logged otherwise. */
  updaterReported(error: unknown): void {
    if (this.status.phase.phase === 'installing') this.status.fail('install', error);
    else this.logger.warn('the updater reported a problem', { code: updateErrorCode(error), error });
  }
}
