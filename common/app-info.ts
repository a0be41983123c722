/** What `app:info` tells the renderer about the running app. */
export interface AppInfo {
  appName: string;
  version: string;
  /** Node's platform name: 'linux', 'darwin', 'win32'. */
  platform: string;
  /** Electron's version, or null outside Electron (the test harness). */
  electronVersion: string | null;
  /** Whether the OS keychain answered a probe just now, and what was wrong if not. */
  keychain: { available: true } | { available: false; reason: string };
}

/** Commands the application menu sends to the window. */
export type MenuCommand = 'sync-now' | 'export-list' | 'export-holdings' | 'open-settings' | 'focus-search';
