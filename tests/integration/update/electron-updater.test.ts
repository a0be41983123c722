import { createHash, randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serializeToYaml } from 'builder-util';
import { CancellationToken } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateMode, UpdatePhaseName, UpdateState } from '../../../common/update-state';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { ActivityTracker } from '../../../main/update/activity-tracker';
import { createUpdateService } from '../../../main/update/create-update-service';
import { fromElectronUpdater } from '../../../main/update/electron-updater-port';
import type { UpdateService } from '../../../main/update/update-service';
import { UpdateSettingsStore } from '../../../main/update/update-settings-store';
import { appUpdateConfig, writeLinuxUpdateInfo } from '../../support/electron-builder-updates';
import { ManualTime } from '../../support/manual-time';
import { NodeAppAdapter, nodeAppImageUpdater } from '../../support/node-updater';
import { UpdateFeed } from '../../support/update-feed';

// The real electron-updater (AppImageUpdater, its generic provider, its download, sha512 check and
// install-on-quit) on Node, against a feed on 127.0.0.1 whose latest-linux.yml electron-builder's own
// code wrote, read through the app-update.yml electron-builder's own code makes from our
// electron-builder.yml. Only Electron's `app` and `net` are replaced (tests/support/node-updater.ts).

const hour = 60 * 60_000;
const newVersion = '0.2.0';
const artifactName = (version: string) => `Model Portfolios-${version}.AppImage`;

let root: string;
let feedDir: string;
let installDir: string;
let installed: string;
let feed: UpdateFeed;
let lines: string[];
let savedAppImage: string | undefined;
const disposers: Array<() => Promise<void>> = [];

/** A runnable "AppImage": a script that exits at once, padded with random bytes to a real size. */
function appImage(version: string, size = 2 * 1024 * 1024): Buffer {
  const script = Buffer.from(`#!/bin/sh\n# Model Portfolios ${version}\nexit 0\n`);
  return Buffer.concat([script, randomBytes(size - script.length)]);
}

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** Publishes a release to the feed folder as a release engineer would: the artifact, then latest-linux.yml. */
async function publish(version: string, options: { releaseNotes?: string } = {}): Promise<Buffer> {
  const bytes = appImage(version);
  const artifact = path.join(feedDir, artifactName(version));
  await writeFile(artifact, bytes);
  await writeLinuxUpdateInfo({ version, artifact, outDir: feedDir, releaseNotes: options.releaseNotes });
  return bytes;
}

async function start(options: { mode?: UpdateMode } = {}) {
  const userData = path.join(root, 'user-data');
  const resources = path.join(root, 'resources');
  await mkdir(resources, { recursive: true });
  const appUpdateYml = path.join(resources, 'app-update.yml');
  await writeFile(
    appUpdateYml,
    serializeToYaml(await appUpdateConfig('electron-builder.yml', { UPDATE_FEED_URL: feed.url })),
  );
  const app = new NodeAppAdapter('0.1.0', appUpdateYml, userData, path.join(root, 'cache'));
  const logger = createLogger(new Redactor(), (level, line) => lines.push(`${level} ${line}`));
  if (options.mode) await new UpdateSettingsStore(userData, logger).save({ mode: options.mode, lastCheckedAt: null });
  const time = new ManualTime();
  const activity = new ActivityTracker();
  const service = await createUpdateService({
    updater: fromElectronUpdater(nodeAppImageUpdater(app), logger, () => new CancellationToken()),
    userDataDir: userData,
    policyFile: path.join(root, 'no-policy.json'),
    busy: activity,
    logger,
    currentVersion: '0.1.0',
    clock: time,
    timers: time,
  });
  const seen: UpdateState[] = [];
  service.subscribe((state) => seen.push(state));
  disposers.push(() => service.dispose());
  return {
    app,
    service,
    time,
    activity,
    seen,
    pendingDir: path.join(root, 'cache', 'model-portfolios-updater', 'pending'),
  };
}

/** Resolves with the state once the service reaches one of the phases. */
function reach(service: UpdateService, ...phases: UpdatePhaseName[]): Promise<UpdateState> {
  return new Promise((resolve) => {
    const now = service.state();
    if (phases.includes(now.phase)) return resolve(now);
    const unsubscribe = service.subscribe((state) => {
      if (!phases.includes(state.phase)) return;
      unsubscribe();
      resolve(state);
    });
  });
}

async function filesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'mp-updater-'));
  feedDir = path.join(root, 'feed');
  installDir = path.join(root, 'Applications');
  await mkdir(feedDir);
  await mkdir(installDir);
  // The running app: an AppImage whose path the AppImage runtime puts in $APPIMAGE.
  installed = path.join(installDir, artifactName('0.1.0'));
  await writeFile(installed, appImage('0.1.0', 64 * 1024));
  await chmod(installed, 0o755);
  savedAppImage = process.env.APPIMAGE;
  process.env.APPIMAGE = installed;
  feed = await UpdateFeed.start(feedDir);
  lines = [];
});

afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose();
  await feed.stop();
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  await rm(root, { recursive: true, force: true });
});

describe('the real electron-updater against a local feed', () => {
  it('offers a newer release, downloads it with progress, checks its sha512, and installs it when the app quits', async () => {
    const published = await publish(newVersion, { releaseNotes: '## What’s new\n- Exports keep your column order' });
    feed.slowChunkBytes = 128 * 1024; // 2 MiB over about 1.6 s: electron-updater reports progress once a second
    const { app, service, seen, pendingDir } = await start();
    service.firstSyncDone();
    const ready = await reach(service, 'ready', 'error');
    expect(ready).toMatchObject({
      phase: 'ready',
      release: { version: newVersion, whatsNew: 'Exports keep your column order' },
      installOnQuit: true,
      lastProblem: null,
    });
    // Checked, then downloaded in the background, with progress in percent and bytes.
    const phases = seen.map((s) => s.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['checking', 'available', 'downloading', 'ready']);
    const progress = seen.flatMap((s) => (s.phase === 'downloading' ? [s.progress] : []));
    expect(progress.at(-1)).toMatchObject({
      percent: 100,
      transferredBytes: published.length,
      totalBytes: published.length,
    });
    expect(progress.some((p) => p.percent > 0 && p.percent < 100)).toBe(true);
    expect(feed.paths()).toEqual(['/latest-linux.yml', `/${artifactName(newVersion)}`]);
    // The verified file waits in electron-updater's cache; nothing is installed, nobody quit the app.
    const waiting = path.join(pendingDir, artifactName(newVersion));
    expect(sha512(await readFile(waiting))).toBe(sha512(published));
    expect(app.quits).toBe(0);
    expect(await filesIn(installDir)).toEqual([artifactName('0.1.0')]);
    // The user chose "later" by not restarting: quitting the app installs the new AppImage in place.
    app.simulateQuit(0);
    expect(await filesIn(installDir)).toEqual([artifactName(newVersion)]);
    expect(sha512(await readFile(path.join(installDir, artifactName(newVersion))))).toBe(sha512(published));
  });

  it("in 'ask' mode finds the release but downloads nothing until the user says so", async () => {
    await publish(newVersion);
    const { service } = await start({ mode: 'ask' });
    service.firstSyncDone();
    expect(await reach(service, 'available', 'error')).toMatchObject({ phase: 'available', waitingFor: null });
    expect(feed.paths()).toEqual(['/latest-linux.yml']);
    await service.download();
    expect(await reach(service, 'ready', 'error')).toMatchObject({ phase: 'ready' });
    expect(feed.paths()).toEqual(['/latest-linux.yml', `/${artifactName(newVersion)}`]);
  });

  it('reports up to date when the feed offers the version that runs', async () => {
    await publish('0.1.0');
    const { service } = await start();
    service.firstSyncDone();
    expect(await reach(service, 'up-to-date', 'error')).toMatchObject({ phase: 'up-to-date', lastProblem: null });
    expect(feed.paths()).toEqual(['/latest-linux.yml']);
  });

  it('does not offer a release staged at 0%, and does once the rollout reaches everyone', async () => {
    await publish(newVersion);
    const metadata = path.join(feedDir, 'latest-linux.yml');
    const published = await readFile(metadata, 'utf8');
    await appendFile(metadata, 'stagingPercentage: 0\n');
    const { service, time } = await start({ mode: 'ask' });
    service.firstSyncDone();
    expect(await reach(service, 'up-to-date', 'error')).toMatchObject({ phase: 'up-to-date' });
    expect(feed.paths()).toEqual(['/latest-linux.yml']);
    // electron-updater tells the feed which staging id this machine has.
    expect(feed.requests[0]?.headers['x-user-staging-id']).toMatch(/^[0-9a-f-]{36}$/);
    await writeFile(metadata, `${published}stagingPercentage: 100\n`);
    await time.advance(6 * hour);
    expect(await reach(service, 'available', 'error')).toMatchObject({
      phase: 'available',
      release: { version: newVersion },
    });
  });

  it('refuses a download whose sha512 does not match the feed, and installs nothing', async () => {
    await publish(newVersion);
    // A corrupted upload: the file on the feed is not the one latest-linux.yml describes.
    await writeFile(path.join(feedDir, artifactName(newVersion)), appImage(newVersion));
    const { app, service, pendingDir } = await start();
    service.firstSyncDone();
    const failed = await reach(service, 'error', 'ready');
    expect(failed).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_CHECKSUM_MISMATCH', retryable: true } },
      lastProblem: { error: { code: 'UPDATE_CHECKSUM_MISMATCH' } },
    });
    expect(
      lines.some((line) => line.startsWith('warn update download failed') && line.includes('ERR_CHECKSUM_MISMATCH')),
    ).toBe(true);
    // Nothing ready: no file kept, no restart possible, and quitting the app installs nothing.
    expect((await filesIn(pendingDir)).filter((name) => name.endsWith('.AppImage'))).toEqual([]);
    await expect(service.restart()).rejects.toMatchObject({ code: 'UPDATE_NOT_READY' });
    expect(app.quitHandlerCount).toBe(0);
    app.simulateQuit(0);
    expect(await filesIn(installDir)).toEqual([artifactName('0.1.0')]);
  });

  it('puts an unreachable feed in the error state, and the next scheduled check succeeds once it is back', async () => {
    await publish(newVersion);
    await feed.stop();
    const { service, time } = await start({ mode: 'ask' });
    service.firstSyncDone();
    const failed = await reach(service, 'error', 'available');
    expect(failed).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_FEED_UNREACHABLE', retryable: true } },
    });
    expect(failed.lastCheckedAt).not.toBeNull();
    await feed.resume();
    await time.advance(6 * hour);
    const back = await reach(service, 'available', 'error');
    expect(back).toMatchObject({ phase: 'available', release: { version: newVersion }, lastProblem: null });
  });
});
