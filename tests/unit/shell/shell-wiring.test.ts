import { readFile, rm } from 'node:fs/promises';
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

  it('wires the proxy sign-in dialog’s channels to main’s broker (nothing asked yet)', async () => {
    const current = fake.recorded.handlers.get('proxy:current')!;
    await expect(current(trustedEvent(), undefined)).resolves.toEqual({ ok: true, value: null });
    const stale = fake.recorded.handlers.get('proxy:signIn')!;
    await expect(stale(trustedEvent(), { id: 99, username: 'ann', password: 'pw' })).resolves.toEqual({
      ok: true,
      value: false,
    });
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

  // Factsheet (issue 15)
  it('saves a factsheet: the save dialog with a PDF filter, printToPDF on the window, the PDF written where the dialog said', async () => {
    const sandbox = await startSandbox({ portfolios: 2, holdingsCount: 5 });
    const call = async (channel: string, arg?: unknown) => {
      const result = (await fake.recorded.handlers.get(channel)!(trustedEvent(), arg)) as {
        ok: boolean;
        value?: unknown;
        error?: unknown;
      };
      expect(result, channel).toMatchObject({ ok: true });
      return result.value as Record<string, unknown>;
    };
    let profileId: string | null = null;
    try {
      const profile = await call('profiles:save', {
        name: 'Shell sandbox',
        baseUrl: sandbox.baseUrl,
        clientId: sandbox.credentials.clientId,
        tokenStyle: 'json',
        secret: sandbox.credentials.clientSecret,
      });
      profileId = String(profile.id);
      await call('profiles:activate', { profileId });
      await vi.waitFor(async () => expect((await call('portfolios:list')).portfolios).toHaveLength(2), {
        timeout: 20_000,
      });
      const { name } = await call('portfolios:get', { id: 'mp-000001' });
      const contents = fake.FakeBrowserWindow.instances[0]!.webContents;
      const today = new Date().toISOString().slice(0, 10);

      // The OS says the United States: US Letter when the request names no paper.
      fake.app.localeCountryCode = 'US';
      const letter = path.join(fake.fakeUserData, 'letter.pdf');
      fake.dialog.saveAnswers.push(letter);
      expect(await call('factsheet:savePdf', { id: 'mp-000001' })).toMatchObject({
        status: 'saved',
        path: letter,
        pageSize: 'Letter',
      });
      expect(fake.dialog.saveDialogs.at(-1)).toEqual({
        defaultPath: path.join(fake.fakeUserData, `${String(name)} factsheet ${today}.pdf`),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      expect(contents.printed.at(-1)).toMatchObject({
        pageSize: 'Letter',
        margins: { top: 0.5, right: 0.5, bottom: 0.5, left: 0.5 },
        printBackground: true,
      });
      expect(await readFile(letter)).toEqual(contents.pdf);

      // A4 asked for: A4 whatever the region.
      const a4 = path.join(fake.fakeUserData, 'a4.pdf');
      fake.dialog.saveAnswers.push(a4);
      expect(await call('factsheet:savePdf', { id: 'mp-000001', pageSize: 'A4' })).toMatchObject({ path: a4 });
      expect(contents.printed.at(-1)).toMatchObject({ pageSize: 'A4' });
      expect(await readFile(a4)).toEqual(contents.pdf);

      // Cancelled in the dialog: nothing printed.
      const prints = contents.printed.length;
      expect(await call('factsheet:savePdf', { id: 'mp-000001' })).toEqual({ status: 'cancelled' });
      expect(contents.printed).toHaveLength(prints);
      // The CSV export's dialog still offers CSV.
      fake.dialog.saveAnswers.length = 0;
      await call('export:csv', { kind: 'list', ids: 'all' });
      expect(fake.dialog.saveDialogs.at(-1)?.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    } finally {
      if (profileId) await call('profiles:remove', { profileId });
      await sandbox.close();
    }
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
    expect(updater.quitAndInstallCalls).toEqual([]);
  });

  it('sends each update state to the window, and answers update:state with the same', async () => {
    const window = fake.FakeBrowserWindow.instances[0]!;
    const sent = () => window.webContents.sent.filter(([name]) => name === 'update:state').map(([, state]) => state);
    await vi.waitFor(() => expect(sent().at(-1)).toMatchObject({ phase: 'ready', release: { version: '0.2.0' } }));
    expect((sent() as Array<{ phase: string }>).map((state) => state.phase)).toEqual(
      expect.arrayContaining(['checking', 'available', 'downloading', 'ready']),
    );
    const answer = await fake.recorded.handlers.get('update:state')!(trustedEvent(), undefined);
    expect(answer).toEqual({ ok: true, value: sent().at(-1) });
  });

  it('quits to install only after the user’s click reaches update:restart', async () => {
    const updater = fake.fakeAutoUpdater;
    const restart = fake.recorded.handlers.get('update:restart')!;
    // Everything else the renderer can ask leaves the app running.
    for (const channel of ['update:state', 'update:check', 'update:download', 'app:copyDiagnostics']) {
      await fake.recorded.handlers.get(channel)!(trustedEvent(), undefined);
    }
    await fake.recorded.handlers.get('update:setMode')!(trustedEvent(), { mode: 'ask' });
    // A page of another origin cannot restart the app.
    await expect(
      restart({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined),
    ).resolves.toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(updater.quitAndInstallCalls).toEqual([]);
    // The user's click.
    const answer = (await restart(trustedEvent(), undefined)) as { ok: boolean; value?: { phase: string } };
    expect(answer).toMatchObject({ ok: true, value: { phase: 'installing' } });
    // Silent, and the new version starts afterwards.
    expect(updater.quitAndInstallCalls).toEqual([[true, true]]);
  });

  it('waits for an export running when the user clicks, then quits to install', async () => {
    const updater = fake.fakeAutoUpdater;
    const activity = new ActivityTracker();
    const service = await startShellUpdates({
      version: fake.app.getVersion(),
      userDataDir: fake.fakeUserData,
      logger: createLogger(new Redactor()),
      busy: activity,
      policyFile: path.join(fake.fakeUserData, 'no-policy.json'),
    });
    updater.quitAndInstallCalls = [];
    await service.check();
    await service.download();
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

  it('puts the updates line in the diagnostics', async () => {
    const diagnostics = (await fake.recorded.handlers.get('app:copyDiagnostics')!(trustedEvent(), undefined)) as {
      value: { text: string };
    };
    expect(diagnostics.value.text).toMatch(/^Updates: ask; installing 0\.2\.0; version 0\.1\.0; last checked \d{4}-/m);
  });

  it('stops updates with main’s services when the app quits (settings saved), installing nothing itself', async () => {
    const updater = fake.fakeAutoUpdater;
    updater.quitAndInstallCalls = [];
    fake.app.emit('before-quit');
    const file = path.join(fake.fakeUserData, 'update-settings.json');
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
        mode: 'ask',
        lastCheckedAt: expect.any(String),
      }),
    );
    expect(updater.quitAndInstallCalls).toEqual([]);
  });
});
