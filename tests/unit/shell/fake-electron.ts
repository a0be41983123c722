import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A stand-in for the `electron` module, as thin as the shell needs: it records what the shell
// asks of Electron so the wiring test can check it. Everything behind the shell is tested for real.

type Listener = (...args: unknown[]) => unknown;

/** A recorded webContents: events plus the window-open handler the shell installs. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  /** Every printToPDF call's options; each answers `pdf` (a Buffer, as Electron's does). */
  printed: Array<Record<string, unknown>> = [];
  pdf = Buffer.from('%PDF-1.7\n% printed by the stand-in webContents\n%%EOF\n');
  printToPDF(options: Record<string, unknown>) {
    this.printed.push(options);
    return Promise.resolve(this.pdf);
  }
}

/** A recorded BrowserWindow. */
export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.instances;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

/** Everything the fake records, for assertions. */
export const recorded = {
  handlers: new Map<string, Listener>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, Listener>(),
  permissionRequestHandler: null as Listener | null,
  permissionCheckHandler: null as Listener | null,
  openedExternally: [] as string[],
  menuTemplate: null as unknown,
  sandboxEnabled: false,
  /** Every URL main asked Chromium's proxy resolver about. */
  resolvedProxyUrls: [] as string[],
};

/** The user-data folder the fake app reports: a fresh temp folder (the test removes it). */
export const fakeUserData = mkdtempSync(path.join(os.tmpdir(), 'mp-shell-user-data-'));

const appEvents = new EventEmitter();
let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve;
});

/** Makes app.whenReady() resolve, as Electron does once it has started. */
export function fireReady() {
  resolveReady();
  return ready;
}

export const app = Object.assign(appEvents, {
  enableSandbox: () => {
    recorded.sandboxEnabled = true;
  },
  requestSingleInstanceLock: () => true,
  quit: () => {},
  whenReady: () => ready,
  isReady: () => true,
  getName: () => 'Model Portfolios',
  getVersion: () => '0.1.0',
  getPath: () => fakeUserData,
  /** The OS region Electron reports ('' when it cannot tell); a test sets it. */
  localeCountryCode: 'DE',
  getLocaleCountryCode: () => app.localeCountryCode,
});

export const BrowserWindow = FakeBrowserWindow;

export const ipcMain = {
  handle: (channel: string, listener: Listener) => {
    recorded.handlers.set(channel, listener);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: Listener) => recorded.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: Listener) => {
      recorded.permissionCheckHandler = handler;
    },
    /** Chromium's proxy choice; the stand-in records the URL and answers as a machine with no proxy does. */
    resolveProxy: (url: string) => {
      recorded.resolvedProxyUrls.push(url);
      return Promise.resolve('DIRECT');
    },
  },
};

export const shell = {
  openExternal: (url: string) => {
    recorded.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: (menu: unknown) => {
    recorded.menuTemplate = menu;
  },
};

/** A stand-in for electron-log/node: records lines instead of writing a file. */
export const fakeLog = {
  lines: [] as string[],
  transports: {
    file: { maxSize: 0, level: 'info' as string | false, resolvePathFn: null as null | (() => string) },
    console: { level: false as string | false },
  },
  debug: (line: string) => fakeLog.lines.push(`debug ${line}`),
  info: (line: string) => fakeLog.lines.push(`info ${line}`),
  warn: (line: string) => fakeLog.lines.push(`warn ${line}`),
  error: (line: string) => fakeLog.lines.push(`error ${line}`),
};

/** Stand-ins for the clipboard and the native dialogs (the shell wires them into main's services). */
export const clipboard = {
  written: [] as string[],
  writeText: (text: string) => clipboard.written.push(text),
};

export const dialog = {
  /** Every showSaveDialog call's options (the window argument dropped). */
  saveDialogs: [] as Array<{ defaultPath?: string; filters?: unknown }>,
  /** What the next save dialogs answer, in turn; the user cancels when none is queued. */
  saveAnswers: [] as string[],
  showSaveDialog: (...args: unknown[]) => {
    dialog.saveDialogs.push(args.at(-1) as { defaultPath?: string; filters?: unknown });
    const filePath = dialog.saveAnswers.shift();
    return Promise.resolve(filePath ? { canceled: false, filePath } : { canceled: true, filePath: undefined });
  },
};

/** A recorded desktop notification (Electron's Notification): what was shown, and a way to click it. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static isSupported() {
    return true;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
}

export const Notification = FakeNotification;

/** A stand-in for electron-updater's autoUpdater: records how the shell sets it up and what it is asked to do. */
export class FakeAutoUpdater extends EventEmitter {
  // electron-updater's defaults (allowDowngrade the unsafe way round), so the test sees what the shell changes.
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  forceDevUpdateConfig = false;
  logger: unknown = console;
  /** The version the feed offers. */
  offered = '0.2.0';
  feedUrls: unknown[] = [];
  checks = 0;
  downloads = 0;
  quitAndInstallCalls: unknown[][] = [];

  setFeedURL(options: unknown) {
    this.feedUrls.push(options);
  }
  checkForUpdates() {
    this.checks++;
    const updateInfo = { version: this.offered, files: [], path: '', sha512: '', releaseDate: '2026-03-01T00:00:00Z' };
    return Promise.resolve({
      isUpdateAvailable: this.offered !== app.getVersion(),
      updateInfo,
      versionInfo: updateInfo,
    });
  }
  downloadUpdate() {
    this.downloads++;
    this.emit('download-progress', { total: 100, delta: 100, transferred: 100, percent: 100, bytesPerSecond: 100 });
    return Promise.resolve(['/tmp/update.AppImage']);
  }
  quitAndInstall(...args: unknown[]) {
    this.quitAndInstallCalls.push(args);
  }
}

/** The one autoUpdater the stand-in electron-updater module hands out. */
export const fakeAutoUpdater = new FakeAutoUpdater();

/** builder-util-runtime's CancellationToken, as thin as the shell uses it. */
export class FakeCancellationToken {
  cancelled = false;
  cancel() {
    this.cancelled = true;
  }
}
