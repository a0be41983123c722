import type { UpdateProgress, UpdateRelease } from '../../common/update-state';

/** What one look at the feed found. */
export type UpdateCheckOutcome =
  /** A newer release is offered to this machine. */
  | { kind: 'available'; release: UpdateRelease }
  /** Nothing newer for this machine (same version, or a staged rollout that has not reached it yet). */
  | { kind: 'up-to-date'; latestVersion: string }
  /** This copy cannot update itself (a development run, an unpacked folder). */
  | { kind: 'inactive' };

/**
 * The updater behind the UpdateService: electron-updater's autoUpdater in the app, the same
 * electron-updater classes on Node in tests. Failures are thrown (the service codes them).
 */
export interface Updater {
  /** Asks the feed whether a newer release is offered to this machine. */
  check(): Promise<UpdateCheckOutcome>;
  /** Downloads the release the last check found and verifies its checksum (and, on Windows, its signature). */
  download(onProgress: (progress: UpdateProgress) => void, signal: AbortSignal): Promise<void>;
  /** Whether a downloaded update is installed when the app quits without the user's restart. */
  setInstallOnQuit(enabled: boolean): void;
  /** Quits the app, installs the downloaded update and starts the new version; throws when it cannot. */
  quitAndInstall(): void;
  /** Failures the updater reports outside a check or download (e.g. a native install step); returns unsubscribe. */
  onError(listener: (error: unknown) => void): () => void;
}
