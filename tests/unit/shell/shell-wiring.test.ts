import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../common/contract';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { startShellUpdates } from '../../../main/shell/updates';
import { hardenedWebPreferences } from '../../../main/shell/window';
import { ActivityTracker } from '../../../main/update/activity-tracker';
import { startSandbox } from '../../../sandbox';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
// electron-log's Node build writes a real file: stand it in, so the wiring test records lines instead.
vi.mock('electron-log/node', () => ({ default: fake.fakeLog }));
// electron-updater's autoUpdater reads Electron's app and net when it is first touched: stand it in.
vi.mock('electron-updater', () => ({
  autoUpdater: fake.fakeAutoUpdater,
  CancellationToken: fake.FakeCancellationToken,
}));

afterAll(() => rm(fake.fakeUserData, { recursive: true, force: true, maxRetries: 3 }));

function trustedEvent(url = 'app://bundle/index.html') {
  return { senderFrame: { url, parent: null } };
}

describe('the Electron shell wiring (stand-in electron module)', () => {
  beforeAll(async () => {
    await import('../../../main/index');
    await fake.fireReady();
    // Let the whenReady continuation run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('registers every contract channel, and nothing else', () => {
    expect([...fake.recorded.handlers.keys()].sort()).toEqual(Object.keys(contract.requests).sort());
  });

  it('answers a request from the app main frame', async () => {
    const handler = fake.recorded.handlers.get('app:info')!;
    const result = (await handler(trustedEvent(), undefined)) as { ok: boolean; value?: { appName: string } };
    expect(result.ok).toBe(true);
    expect(result.value?.appName).toBe('Model Portfolios');
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a sub-frame of the app', { senderFrame: { url: 'app://bundle/index.html', parent: {} } }],
    ['a file: page', { senderFrame: { url: 'file:///etc/passwd', parent: null } }],
    ['a frame that is gone', { senderFrame: null }],
  ])('refuses a request from %s', async (_label, event) => {
    const handler = fake.recorded.handlers.get('app:info')!;
    await expect(handler(event, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('creates one window through the hardening function, shown on ready-to-show', () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const window = fake.FakeBrowserWindow.instances[0]!;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual(hardenedWebPreferences(prefs.preload as string));
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.loadedUrl).toBe('app://bundle/index.html');
    expect(fake.recorded.sandboxEnabled).toBe(true);
  });

  it('refuses navigation and new windows, and hands no link to the OS browser', () => {
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://partner.example/docs' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://partner.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.recorded.openedExternally).toEqual([]);
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    fake.recorded.permissionRequestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.recorded.permissionCheckHandler?.({}, 'notifications')).toBe(false);
  });

  it('serves the renderer on a secure, standard app scheme', () => {
    expect(fake.recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('sends the API requests the way Chromium resolves the proxy for the API URL', async () => {
    const sandbox = await startSandbox({ portfolios: 3 });
    try {
      const handler = fake.recorded.handlers.get('auth:testConnection')!;
      const draft = {
        name: 'Sandbox',
        baseUrl: sandbox.baseUrl,
        clientId: sandbox.credentials.clientId,
        tokenStyle: 'json',
        secret: sandbox.credentials.clientSecret,
      };
      const result = (await handler(trustedEvent(), { draft })) as {
        ok: boolean;
        value?: { ok: boolean; steps: Array<{ id: string; detail: string }> };
      };
      expect(result.value?.ok).toBe(true);
      expect(fake.recorded.resolvedProxyUrls).toContain(`${sandbox.baseUrl}/model-portfolios`);
      expect(result.value?.steps.find((step) => step.id === 'reach')?.detail).toMatch(/directly\.$/);
    } finally {
      await sandbox.close();
    }
  });

  it('sends menu commands to the window as contract events', () => {
    const template = fake.recorded.menuTemplate as Array<{
      label?: string;
      submenu?: Array<{ label?: string; click?: () => void }>;
    }>;
    const view = template.find((menu) => menu.label === 'View');
    view?.submenu?.find((item) => item.label === 'Sync Now')?.click?.();
    expect(fake.FakeBrowserWindow.instances[0]!.webContents.sent).toContainEqual(['menu:command', 'sync-now']);
  });

  // Model changes (issue 15)
  it('shows one Electron Notification after a background sync that changed models; its click lists them', async () => {
    const sandbox = await startSandbox({ portfolios: 6 });
    const window = fake.FakeBrowserWindow.instances[0]!;
    const call = async (channel: string, arg?: unknown) => {
      const result = (await fake.recorded.handlers.get(channel)!(trustedEvent(), arg)) as {
        ok: boolean;
        value?: { id?: string };
        error?: { message: string };
      };
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
      return result.value;
    };
    const online = () =>
      window.webContents.sent.filter(
        ([name, state]) =>
          name === 'connection:state' &&
          (state as { status: string; portfolioCount: number }).status === 'online' &&
          (state as { portfolioCount: number }).portfolioCount === 6,
      ).length;
    let profileId: string | undefined;
    try {
      const seen = online();
      const saved = await call('profiles:save', {
        name: 'Sandbox',
        baseUrl: sandbox.baseUrl,
        clientId: sandbox.credentials.clientId,
        tokenStyle: 'json',
        secret: sandbox.credentials.clientSecret,
      });
      profileId = saved?.id;
      await vi.waitFor(() => expect(online()).toBeGreaterThan(seen), { timeout: 20_000 });
      expect(fake.FakeNotification.instances).toEqual([]);

      // Switching to the profile again syncs it in the background: two revised models, one notification.
      const revised = sandbox.revise({ count: 2 });
      await call('profiles:activate', { profileId });
      await vi.waitFor(() => expect(fake.FakeNotification.instances).toHaveLength(1), { timeout: 20_000 });
      const [notification] = fake.FakeNotification.instances;
      expect(notification!.options.title).toBe('Model portfolios changed');
      expect(notification!.options.body).toMatch(/^2 model portfolios changed: /);
      expect(notification!.shown).toBe(true);
      expect(revised).toHaveLength(2);

      const focus = vi.spyOn(window, 'focus');
      notification!.emit('click');
      expect(focus).toHaveBeenCalled();
      expect(window.webContents.sent).toContainEqual(['changes:showList', { profileId }]);
    } finally {
      if (profileId) await call('profiles:remove', { profileId });
      await sandbox.close();
    }
  }, 60_000);

  it('sets up electron-updater’s autoUpdater with the packaged feed, and lets the service decide when', async () => {
    const updater = fake.fakeAutoUpdater;
    await vi.waitFor(() => expect(updater.autoDownload).toBe(false));
    // The feed is the app-update.yml electron-builder writes from electron-builder.yml (publish:
    // generic, UPDATE_FEED_URL); the shell neither overrides it nor forces a development feed.
    expect(updater.feedUrls).toEqual([]);
    expect(updater.forceDevUpdateConfig).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.logger).not.toBe(console);
    expect(updater.listenerCount('login')).toBeGreaterThan(0);
    // Nothing to sync here (no profile), so the first check ran and the update downloaded in the
    // background; install-on-quit is on for it, and nothing restarted the app.
    await vi.waitFor(() => expect(updater.downloads).toBe(1));
    expect(updater.checks).toBe(1);
    await vi.waitFor(() => expect(updater.autoInstallOnAppQuit).toBe(true));
    fake.app.emit('before-quit');
    expect(updater.quitAndInstallCalls).toEqual([]);
  });

  it('quits to install only on the user’s restart, through the update service', async () => {
    const updater = fake.fakeAutoUpdater;
    const activity = new ActivityTracker();
    const service = await startShellUpdates({
      version: fake.app.getVersion(),
      userDataDir: fake.fakeUserData,
      logger: createLogger(new Redactor()),
      busy: activity,
      policyFile: path.join(fake.fakeUserData, 'no-policy.json'),
    });
    await service.check();
    await vi.waitFor(() => expect(service.state().phase).toBe('ready'));
    expect(updater.quitAndInstallCalls).toEqual([]);
    // The click comes during an export: the install waits for it.
    const endExport = activity.begin('export');
    expect(await service.restart()).toMatchObject({ phase: 'installing', waitingFor: 'export' });
    expect(updater.quitAndInstallCalls).toEqual([]);
    endExport();
    await vi.waitFor(() => expect(updater.quitAndInstallCalls).toEqual([[true, true]]));
    await service.dispose();
  });
});
