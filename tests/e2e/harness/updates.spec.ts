// Updates end to end: the built renderer in Chromium, main's real services, and the REAL electron-updater
// (AppImageUpdater: its generic provider, download, sha512 check and install) on Node against a feed on
// 127.0.0.1 whose latest-linux.yml electron-builder's own code wrote. Only Electron's app and net are
// stood in (tests/support/node-updater.ts): the app's quit is recorded, nothing really quits.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serializeToYaml } from 'builder-util';
import { CancellationToken } from 'electron-updater';
import { expect, test, type Page } from '@playwright/test';
import type { UpdateMode } from '../../../common/update-state';
import type { StartUpdates } from '../../../main/update/app-updates';
import { createUpdateService } from '../../../main/update/create-update-service';
import { fromElectronUpdater } from '../../../main/update/electron-updater-port';
import { UpdateSettingsStore } from '../../../main/update/update-settings-store';
import { appUpdateConfig, writeLinuxUpdateInfo } from '../../support/electron-builder-updates';
import { NodeAppAdapter, nodeAppImageUpdater, type NodeAppImageUpdater } from '../../support/node-updater';
import { UpdateFeed } from '../../support/update-feed';
import { openHarness, type Harness } from '../support/harness';
import { checkScreen, watchCsp } from '../support/ui-checks';

const artifactName = (version: string) => `Model Portfolios-${version}.AppImage`;
const size = 2 * 1024 * 1024;

let root: string;
let feed: UpdateFeed;
let installDir: string;
let savedAppImage: string | undefined;
let harness: Harness | null = null;
/** The app adapter and updater the harness's update service was built with. */
let running: { app: NodeAppAdapter; updater: NodeAppImageUpdater } | null = null;

/** A runnable "AppImage": a script that exits at once, padded with random bytes to a real size. */
function appImage(version: string, bytes = size): Buffer {
  const script = Buffer.from(`#!/bin/sh\n# Model Portfolios ${version}\nexit 0\n`);
  return Buffer.concat([script, randomBytes(bytes - script.length)]);
}

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** Publishes a release to the feed folder: the artifact, then latest-linux.yml by electron-builder's code. */
async function publish(version: string, releaseNotes?: string): Promise<Buffer> {
  const bytes = appImage(version);
  const artifact = path.join(feed.root, artifactName(version));
  await writeFile(artifact, bytes);
  await writeLinuxUpdateInfo({ version, artifact, outDir: feed.root, releaseNotes });
  return bytes;
}

/** The harness's update starter: the real updater of a packaged 0.1.0 reading the feed from its app-update.yml. */
function realUpdates(options: { mode?: UpdateMode; policy?: object } = {}): StartUpdates {
  return async (context) => {
    const resources = path.join(root, 'resources');
    await mkdir(resources, { recursive: true });
    const appUpdateYml = path.join(resources, 'app-update.yml');
    const config = await appUpdateConfig('electron-builder.yml', { UPDATE_FEED_URL: feed.url });
    await writeFile(appUpdateYml, serializeToYaml(config));
    const app = new NodeAppAdapter(context.version, appUpdateYml, context.userDataDir, path.join(root, 'cache'));
    const updater = nodeAppImageUpdater(app);
    running = { app, updater };
    if (options.mode) {
      await new UpdateSettingsStore(context.userDataDir, context.logger).save({
        mode: options.mode,
        lastCheckedAt: null,
      });
    }
    const policyFile = path.join(root, 'policy.json');
    if (options.policy) await writeFile(policyFile, JSON.stringify(options.policy));
    return createUpdateService({
      updater: fromElectronUpdater(updater, context.logger, () => new CancellationToken()),
      userDataDir: context.userDataDir,
      policyFile,
      busy: context.busy,
      logger: context.logger,
      currentVersion: context.version,
    });
  };
}

/** The value of the status bar's download progress bar (0..1). */
function downloadProgress(page: Page): Promise<number> {
  return page
    .getByRole('progressbar', { name: 'Update download progress' })
    .evaluate((bar) => (bar as HTMLProgressElement).value);
}

test.beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'mp-e2e-updates-'));
  const feedDir = path.join(root, 'feed');
  installDir = path.join(root, 'Applications');
  await mkdir(feedDir);
  await mkdir(installDir);
  // The running app: an AppImage whose path the AppImage runtime puts in $APPIMAGE.
  const installed = path.join(installDir, artifactName('0.1.0'));
  await writeFile(installed, appImage('0.1.0', 64 * 1024));
  await chmod(installed, 0o755);
  savedAppImage = process.env.APPIMAGE;
  process.env.APPIMAGE = installed;
  feed = await UpdateFeed.start(feedDir);
});

test.afterEach(async () => {
  await harness?.dispose();
  harness = null;
  running = null;
  await feed.stop();
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  await rm(root, { recursive: true, force: true });
});

test('the status bar goes available → progress → Restart to update, and only the click installs', async ({
  page,
}, testInfo) => {
  // Six screens through axe (light and dark) on a shared, busy machine.
  test.setTimeout(300_000);
  const published = await publish('0.2.0', '## What’s new\n- Exports keep your column order');
  // 2 MiB in 64 KiB steps; the feed holds the file half-way until the test lets it go.
  feed.slowChunkBytes = 64 * 1024;
  feed.holdAfterBytes = size / 2;
  const cspViolations = await watchCsp(page);
  harness = await openHarness(page, { startUpdates: realUpdates({ mode: 'ask' }), demoData: { portfolios: 8 } });
  const bar = page.getByTestId('status-update');

  await test.step('the demo syncs; the check found 0.2.0, and in mode ask nothing is downloaded yet', async () => {
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await expect(page.getByTestId('status-label')).toHaveText('Online', { timeout: 30_000 });
    await expect(bar.getByTestId('update-label')).toHaveText('Update 0.2.0 available');
    await expect(bar.getByTestId('update-whats-new')).toHaveText('· What’s new: Exports keep your column order');
    expect(feed.paths()).toEqual(['/latest-linux.yml']);
    await checkScreen(page, testInfo, 'update-available');
  });

  await test.step('Download: the progress bar moves while the file comes in', async () => {
    await bar.getByRole('button', { name: 'Download' }).click();
    await expect(bar.getByTestId('update-label')).toHaveText('Downloading update 0.2.0');
    // electron-updater reports progress once a second; the held feed keeps it at or under half.
    await expect.poll(() => downloadProgress(page), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await downloadProgress(page)).toBeLessThanOrEqual(0.5);
    await expect(bar.getByTestId('update-progress')).toHaveText(/^\d{1,2}\s?%$/);
    await checkScreen(page, testInfo, 'update-downloading');
  });

  await test.step('the rest comes in, is verified, and waits for the user: Restart to update', async () => {
    feed.release();
    await expect(bar.getByTestId('update-label')).toHaveText('Update 0.2.0 is ready', { timeout: 30_000 });
    await expect(bar.getByRole('progressbar')).toHaveCount(0);
    expect(feed.paths()).toEqual(['/latest-linux.yml', `/${artifactName('0.2.0')}`]);
    // Nothing installed, nothing quit: the app keeps running on 0.1.0 until the user says so.
    expect(running?.updater.quitAndInstallCalls).toEqual([]);
    expect(running?.app.quits).toBe(0);
    expect(await readdir(installDir)).toEqual([artifactName('0.1.0')]);
    await checkScreen(page, testInfo, 'update-ready');
  });

  await test.step('the click: electron-updater installs the verified file and asks the app to quit', async () => {
    await bar.getByRole('button', { name: 'Restart to update' }).click();
    await expect(bar.getByTestId('update-label')).toHaveText('Restarting to update…');
    await expect.poll(() => running?.app.quits).toBe(1);
    // Silent, and the new version starts afterwards.
    expect(running?.updater.quitAndInstallCalls).toEqual([[true, true]]);
    expect(await readdir(installDir)).toEqual([artifactName('0.2.0')]);
    expect(sha512(await readFile(path.join(installDir, artifactName('0.2.0'))))).toBe(sha512(published));
  });

  expect(await cspViolations()).toEqual([]);
});

test('Settings → Updates: the user’s choice, kept in update-settings.json; About has the last check', async ({
  page,
}, testInfo) => {
  await publish('0.1.0');
  harness = await openHarness(page, { startUpdates: realUpdates() });
  const userDataDir = harness.userDataDir;
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByTestId('update-settings');
  await expect(section.getByTestId('update-summary')).toHaveText(/^You have the latest version \(0\.1\.0\)\./);
  const group = section.getByRole('group', { name: 'Install new versions of the app' });
  await expect(group.getByRole('radio', { name: /^Automatically/ })).toBeChecked();
  for (const radio of await group.getByRole('radio').all()) await expect(radio).toBeEnabled();
  await expect(section.getByTestId('updates-note')).toHaveCount(0);
  await expect(page.getByTestId('update-last-checked')).toHaveText(/ago|now/);

  await group.getByText('Ask before downloading').click();
  await expect(group.getByRole('radio', { name: /^Ask before downloading/ })).toBeChecked();
  await expect
    .poll(async () => JSON.parse(await readFile(path.join(userDataDir, 'update-settings.json'), 'utf8')) as object)
    .toMatchObject({ mode: 'ask' });
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(section.getByTestId('update-summary')).toHaveText(/^You have the latest version/);
  expect(feed.paths()).toEqual(['/latest-linux.yml', '/latest-linux.yml']);

  await section.scrollIntoViewIfNeeded();
  await checkScreen(page, testInfo, 'settings-updates');
});

test('Settings → Updates with the organisation’s policy: greyed out, with the note; nothing checked', async ({
  page,
}, testInfo) => {
  await publish('0.2.0');
  harness = await openHarness(page, { startUpdates: realUpdates({ policy: { updates: 'off' } }) });
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByTestId('update-settings');
  const group = section.getByRole('group', { name: 'Install new versions of the app' });
  await expect(group.getByRole('radio', { name: /^Off/ })).toBeChecked();
  for (const radio of await group.getByRole('radio').all()) await expect(radio).toBeDisabled();
  await expect(section.getByTestId('updates-note')).toHaveText(/^Managed by your organisation/);
  await expect(section.getByRole('button', { name: 'Check now' })).toHaveCount(0);
  await expect(section.getByText('Never looks for new versions.', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-update')).toHaveText('');
  // The organisation turned updates off: the app never asked the feed.
  expect(feed.requests).toEqual([]);

  await section.scrollIntoViewIfNeeded();
  await checkScreen(page, testInfo, 'settings-updates-managed');
});
