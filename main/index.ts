import path from 'node:path';
import * as tls from 'node:tls';
import { app, BrowserWindow, clipboard, dialog, Menu, Notification, protocol, session, shell } from 'electron';
import { createDispatcher } from './ipc/dispatcher';
import { EventHub } from './ipc/event-sink';
import { registerContractHandlers } from './ipc/register-handlers';
import { createHandlers } from './handlers';
import { electronLogSink } from './logging/electron-log-sink';
import { createLogger } from './logging/logger';
import { Redactor } from './logging/redactor';
import { createMainServices } from './services';
import { KeytarSecretStore } from './keychain/keytar-secret-store';
import { registerAppScheme, serveRenderer } from './shell/app-protocol';
import { rendererSource } from './shell/renderer-source';
import { isTrustedSender } from './ipc/trusted-sender';
import { electronProxyResolver } from './network/electron-proxy-resolver';
import { menuTemplate } from './shell/menu';
import { trustSystemCertificates } from './trusted-certificates';
import { createHardenedWindow, denyPermissions, hardenWebContents } from './shell/window';
import { electronNotifier } from './shell/electron-notifier';
import { startShellUpdates } from './shell/updates';
import { electronPdfPrinter } from './shell/pdf-printer';

// The thin Electron shell: everything it wires together is tested without Electron.

// The built renderer on app://bundle; in `npm run dev` only, Vite's dev server on 127.0.0.1.
const renderer = rendererSource(app.isPackaged, process.env);

registerAppScheme(protocol);
app.enableSandbox();

const events = new EventHub();
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createHardenedWindow(BrowserWindow, {
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    url: renderer.entryUrl,
    title: app.getName(),
  });
  const contents = mainWindow.webContents;
  const detach = events.attach((name, payload) => contents.send(name, payload));
  mainWindow.on('closed', () => {
    detach();
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    serveRenderer(protocol, path.join(__dirname, '../renderer'));
    const redactor = new Redactor();
    const logger = createLogger(redactor, electronLogSink(app.getPath('logs')));
    try {
      logger.info('trusted certificates', { count: trustSystemCertificates(tls) });
    } catch (error) {
      logger.warn('could not add the system certificate store; using the bundled one', { error });
    }
    const secrets = new KeytarSecretStore();
    const services = createMainServices({
      identity: {
        appName: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        electronVersion: process.versions.electron ?? null,
      },
      secrets,
      // "Use the system's proxy settings" is Chromium's choice (OS settings, PAC, WPAD) for the API's URLs.
      network: { systemResolver: electronProxyResolver(session.defaultSession) },
      userDataDir: app.getPath('userData'),
      redactor,
      logger,
      events,
      saveDialog: {
        async chooseSavePath(defaultName, filter = { name: 'CSV', extensions: ['csv'] }) {
          const options = {
            defaultPath: path.join(app.getPath('documents'), defaultName),
            filters: [filter],
          };
          const result = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
      },
      shell: {
        showInFolder: (file) => shell.showItemInFolder(file),
        copyText: (text) => void clipboard.writeText(text),
      },
      // Updates: checked after the first sync, downloaded and installed only while no sync or export runs.
      startUpdates: startShellUpdates,
      // Factsheet (issue 15): the window's print stylesheet to PDF; the paper from the OS region ('' = unknown).
      pdfPrinter: electronPdfPrinter(() => mainWindow?.webContents ?? null),
      region: () => app.getLocaleCountryCode() || null,
      // Model changes (issue 15): a click on the notification brings the window forward (then main lists the changes).
      notifier: electronNotifier(Notification, () => {
        if (!mainWindow) return openWindow();
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      }),
    });
    app.on('before-quit', () => void services.dispose());
    registerContractHandlers(
      createDispatcher(createHandlers(services), (channel, error) =>
        logger.error('unexpected error in a handler', { channel, error }),
      ),
      (event) => isTrustedSender(event.senderFrame, renderer.origin),
    );
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, app.getName(), (command) => events.emit('menu:command', command)),
      ),
    );
    openWindow();
    void services.portfolios.start();
  });
}
