import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const repoRoot = path.resolve(import.meta.dirname, '../../..');

test.describe('the real Electron app', () => {
  test.skip(!binary.found, binary.found ? '' : `Electron binary not available (${binary.reason})`);

  let app: ElectronApplication;

  test.beforeAll(async () => {
    if (!binary.found) return;
    app = await electron.launch({
      executablePath: binary.path,
      args: [path.join(repoRoot, 'out/main/index.cjs')],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' },
    });
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('opens one hardened window', async () => {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      // Undocumented but long-standing: the preferences the renderer was really created with.
      const p = (
        win?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> } | undefined
      )?.getLastWebPreferences();
      return {
        windows: BrowserWindow.getAllWindows().length,
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
        webSecurity: p?.webSecurity,
        webviewTag: p?.webviewTag,
        url: win?.webContents.getURL(),
      };
    });
    expect(prefs).toMatchObject({
      windows: 1,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.url).toMatch(/^app:\/\/bundle\//);
  });

  test('renders app:info from the main process', async () => {
    const window = await app.firstWindow();
    await expect(window.getByTestId('app-version')).not.toBeEmpty();
    await expect(window.getByTestId('app-platform')).toHaveText(process.platform);
    const nodeGlobals = await window.evaluate(() => [
      typeof (globalThis as { require?: unknown }).require,
      typeof (globalThis as { process?: unknown }).process,
    ]);
    expect(nodeGlobals).toEqual(['undefined', 'undefined']);
  });

  test('refuses new windows and navigation away from the app', async () => {
    const window = await app.firstWindow();
    const before = window.url();
    await window.evaluate(() => {
      globalThis.open('https://example.com/', '_blank');
      globalThis.location.href = 'https://example.com/';
    });
    await window.waitForTimeout(500);
    expect(window.url()).toBe(before);
    const count = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(count).toBe(1);
  });
});
