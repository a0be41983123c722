import { AppError } from '../../common/result';
import type { UpdateMode, UpdateState } from '../../common/update-state';
import type { EventSink } from '../ipc/event-sink';
import type { Logger } from '../logging/logger';
import type { BusySignal } from './activity-tracker';
import type { UpdateService } from './update-service';

/** What main's services give the host's update starter (shaped like startShellUpdates' options). */
export interface UpdatesContext {
  /** The running app's version. */
  version: string;
  /** The user-data folder, where update-settings.json lives. */
  userDataDir: string;
  /** Main's logger (its warnings reach "Copy diagnostics"). */
  logger: Logger;
  /** Whether a sync or an export runs: downloads and installs wait for it. */
  busy: BusySignal;
}

/** Builds the host's UpdateService: electron-updater's autoUpdater in the app, its classes on Node in tests. */
export type StartUpdates = (context: UpdatesContext) => Promise<UpdateService>;

/** The state of a copy that cannot update itself: no updater was given, or it could not start. */
export function unsupportedUpdateState(version: string): UpdateState {
  return {
    phase: 'unsupported',
    currentVersion: version,
    mode: 'auto',
    managed: false,
    canCheck: false,
    lastCheckedAt: null,
    lastProblem: null,
  };
}

/**
 * Updates as the handlers reach them: the host's UpdateService, started in the background when main's
 * services are built (each call waits for it), publishing every state as the `update:state` event.
 * Without a starter (tests, the harness by default), or when it fails, updates report 'unsupported'.
 */
export class AppUpdates {
  private readonly version: string;
  private readonly service: Promise<UpdateService | null>;
  private stopEvents: () => void = () => {};

  constructor(start: StartUpdates | undefined, context: UpdatesContext, events: EventSink) {
    this.version = context.version;
    this.service = start
      ? Promise.resolve(context)
          .then(start)
          .then(
            (service) => {
              this.stopEvents = service.subscribe((state) => events.emit('update:state', state));
              return service;
            },
            (error: unknown) => {
              context.logger.error('updates could not start; the app works without them', { error });
              return null;
            },
          )
      : Promise.resolve(null);
  }

  /** Where updates stand (`update:state`). */
  async state(): Promise<UpdateState> {
    return (await this.service)?.state() ?? unsupportedUpdateState(this.version);
  }

  /** The user's "Check now" (`update:check`). */
  async check(): Promise<UpdateState> {
    return (await this.service)?.check() ?? unsupportedUpdateState(this.version);
  }

  /** The user's "Download" (`update:download`). */
  async download(): Promise<UpdateState> {
    return (await this.required()).download();
  }

  /** The user's "Restart to update" (`update:restart`): the only way to quitAndInstall. */
  async restart(): Promise<UpdateState> {
    return (await this.required()).restart();
  }

  /** Settings → Updates (`update:setMode`). */
  async setMode(mode: UpdateMode): Promise<UpdateState> {
    return (await this.required()).setMode(mode);
  }

  /** The first sync of this run has ended: the first check runs now. */
  firstSyncDone(): void {
    void this.service.then((service) => service?.firstSyncDone());
  }

  /** Stops the schedule and the events, and resolves once the update settings are saved. */
  async dispose(): Promise<void> {
    const service = await this.service;
    this.stopEvents();
    await service?.dispose();
  }

  private async required(): Promise<UpdateService> {
    const service = await this.service;
    if (!service) throw new AppError('UPDATES_UNSUPPORTED');
    return service;
  }
}
