import type { AppUpdater, CancellationToken, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { UpdateProgress, UpdateRelease } from '../../common/update-state';
import type { Logger } from '../logging/logger';
import { whatsNewLine } from './release-notes';
import type { Updater } from './updater';

function firstLine(message: unknown): string {
  return String(message).split('\n')[0] ?? '';
}

function toRelease(info: UpdateInfo): UpdateRelease {
  return { version: info.version, releaseDate: info.releaseDate || null, whatsNew: whatsNewLine(info.releaseNotes) };
}

function toProgress(info: ProgressInfo): UpdateProgress {
  const percent = Number.isFinite(info.percent) ? Math.min(100, Math.max(0, info.percent)) : 0;
  return {
    percent,
    transferredBytes: info.transferred,
    totalBytes: info.total,
    bytesPerSecond: info.bytesPerSecond,
  };
}

/**
 * The Updater port over one of electron-updater's updater classes (the platform's autoUpdater in the
 * app; AppImageUpdater on Node in tests). The service decides when to download and install, so
 * electron-updater's own automatic download and install-on-quit start off.
 */
export function fromElectronUpdater(
  updater: AppUpdater,
  logger: Logger,
  newCancellationToken: () => CancellationToken,
): Updater {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.logger = {
    info: (message?: unknown) => logger.info(`electron-updater: ${firstLine(message)}`),
    warn: (message?: unknown) => logger.warn(`electron-updater: ${firstLine(message)}`),
    // The service logs each failure once with its code; electron-updater's own line (with a stack) is detail.
    error: (message?: unknown) => logger.debug(`electron-updater: ${firstLine(message)}`),
    debug: (message: string) => logger.debug(`electron-updater: ${firstLine(message)}`),
  };
  // An authenticating proxy would wait forever for credentials the updater does not have: decline at once.
  updater.on('login', (_info, callback) => {
    logger.warn('the proxy asked the updater for credentials; update requests through it fail');
    (callback as (username?: string, password?: string) => void)();
  });

  const errorListeners = new Set<(error: unknown) => void>();
  let inFlight = 0;
  // check() and download() report their own failures; only errors outside them go to onError listeners.
  updater.on('error', (error) => {
    if (inFlight === 0) for (const listener of [...errorListeners]) listener(error);
  });

  let installOnQuit = false;
  let downloading = false;

  return {
    async check() {
      inFlight++;
      try {
        const result = await updater.checkForUpdates();
        if (!result) return { kind: 'inactive' };
        if (!result.isUpdateAvailable) return { kind: 'up-to-date', latestVersion: result.updateInfo.version };
        return { kind: 'available', release: toRelease(result.updateInfo) };
      } finally {
        inFlight--;
      }
    },

    async download(onProgress, signal) {
      const token = newCancellationToken();
      const cancel = () => token.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      const progress = (info: ProgressInfo) => onProgress(toProgress(info));
      updater.on('download-progress', progress);
      // electron-updater hooks the app's quit when a download ends only if install-on-quit is on at that
      // moment; keep it on for the download so the hook exists, then restore what the service wants
      // (the hook reads it again at quit). On macOS the flag also lets Squirrel.Mac stage the update
      // at once, and Squirrel installs a staged update at quit whatever the flag says afterwards.
      downloading = true;
      updater.autoInstallOnAppQuit = true;
      inFlight++;
      try {
        await updater.downloadUpdate(token);
      } finally {
        inFlight--;
        downloading = false;
        updater.autoInstallOnAppQuit = installOnQuit;
        updater.off('download-progress', progress);
        signal.removeEventListener('abort', cancel);
      }
    },

    setInstallOnQuit(enabled) {
      installOnQuit = enabled;
      if (!downloading) updater.autoInstallOnAppQuit = enabled;
    },

    quitAndInstall() {
      // electron-updater reports a failed install as an 'error' event during the call, not as a throw.
      let failure: unknown = null;
      const capture = (error: unknown) => {
        failure ??= error;
      };
      updater.on('error', capture);
      inFlight++;
      try {
        // Silent (no installer wizard on Windows), and start the new version afterwards.
        updater.quitAndInstall(true, true);
      } finally {
        inFlight--;
        updater.off('error', capture);
      }
      if (failure) throw failure as Error;
    },

    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
  };
}
