import type { Logger } from '../logging/logger';
import type { BusySignal } from '../update/activity-tracker';
import { createUpdateService } from '../update/create-update-service';
import { fromElectronUpdater } from '../update/electron-updater-port';
import { policyFilePath } from '../update/update-policy';
import type { UpdateService } from '../update/update-service';

/** What the shell passes to start updates. */
export interface ShellUpdatesOptions {
  /** app.getVersion(). */
  version: string;
  /** app.getPath('userData'). */
  userDataDir: string;
  logger: Logger;
  busy: BusySignal;
  /** The organisation's policy file; the OS's machine-wide folder unless a test says otherwise. */
  policyFile?: string;
}

/**
 * Starts updates in the app: electron-updater's autoUpdater for this platform (NSIS on Windows,
 * Squirrel.Mac on macOS, AppImage or deb on Linux), which reads its generic feed from the
 * app-update.yml electron-builder writes into the package and downloads through Electron's net
 * (so the system proxy applies). electron-updater is loaded here, on first use, not when main starts.
 */
export async function startShellUpdates(options: ShellUpdatesOptions): Promise<UpdateService> {
  const { autoUpdater, CancellationToken } = await import('electron-updater');
  const updater = fromElectronUpdater(autoUpdater, options.logger, () => new CancellationToken());
  return createUpdateService({
    updater,
    userDataDir: options.userDataDir,
    policyFile: options.policyFile ?? policyFilePath(process.platform),
    busy: options.busy,
    logger: options.logger,
    currentVersion: options.version,
  });
}
