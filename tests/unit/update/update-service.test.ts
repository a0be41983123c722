import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateMode, UpdateState } from '../../../common/update-state';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { ActivityTracker } from '../../../main/update/activity-tracker';
import { createUpdateService } from '../../../main/update/create-update-service';
import type { UpdateService } from '../../../main/update/update-service';
import { UpdateSettingsStore } from '../../../main/update/update-settings-store';
import { ManualTime, settle } from '../../support/manual-time';
import { release, ScriptedUpdater } from './scripted-updater';

const minute = 60_000;
const hour = 60 * minute;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

async function setup(options: { policy?: UpdateMode; mode?: UpdateMode } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mp-update-service-'));
  const time = new ManualTime();
  const updater = new ScriptedUpdater();
  const activity = new ActivityTracker();
  const lines: string[] = [];
  const logger = createLogger(new Redactor(), (level, line) => lines.push(`${level} ${line}`));
  const policyFile = path.join(dir, 'policy.json');
  if (options.policy) await writeFile(policyFile, JSON.stringify({ updates: options.policy }));
  if (options.mode) await new UpdateSettingsStore(dir, logger).save({ mode: options.mode, lastCheckedAt: null });
  const service: UpdateService = await createUpdateService({
    updater,
    userDataDir: dir,
    policyFile,
    busy: activity,
    logger,
    currentVersion: '0.1.0',
    clock: time,
    timers: time,
  });
  const states: UpdateState[] = [];
  service.subscribe((state) => states.push(state));
  cleanups.push(async () => {
    await service.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const phases = () => states.map((s) => s.phase).filter((phase, i, all) => phase !== all[i - 1]);
  const settingsAfterDispose = async () => {
    await service.dispose();
    return JSON.parse(await readFile(path.join(dir, 'update-settings.json'), 'utf8')) as object;
  };
  return { dir, time, updater, activity, lines, service, states, phases, settingsAfterDispose };
}

/** Runs the first check of the run and answers it with an available release. */
async function toAvailable(kit: Awaited<ReturnType<typeof setup>>, version = '0.2.0') {
  kit.service.firstSyncDone();
  await settle();
  kit.updater.answerCheck({ kind: 'available', release: release(version) });
  await settle();
}

/** Runs the first check and the download to the end. */
async function toReady(kit: Awaited<ReturnType<typeof setup>>) {
  await toAvailable(kit);
  kit.updater.finishDownload();
  await settle();
  expect(kit.service.state().phase).toBe('ready');
}

describe('the update state machine', () => {
  it('stays idle until the first sync of the run has ended, then checks', async () => {
    const kit = await setup();
    await kit.time.advance(9 * minute);
    expect(kit.updater.checks).toBe(0);
    expect(kit.service.state()).toMatchObject({ phase: 'idle', mode: 'auto', managed: false, lastCheckedAt: null });
    kit.service.firstSyncDone();
    await settle();
    expect(kit.updater.checks).toBe(1);
    expect(kit.service.state().phase).toBe('checking');
  });

  it('goes checking → up-to-date, and keeps the time of the check across runs', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await settle();
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    await settle();
    const checkedAt = new Date(kit.time.now()).toISOString();
    expect(kit.service.state()).toMatchObject({ phase: 'up-to-date', lastCheckedAt: checkedAt, lastProblem: null });
    expect(kit.phases()).toEqual(['checking', 'up-to-date']);
    expect(await kit.settingsAfterDispose()).toEqual({ version: 1, mode: 'auto', lastCheckedAt: checkedAt });
  });

  it('goes available → downloading (percent and bytes) → ready in auto mode, and never restarts by itself', async () => {
    const kit = await setup();
    await toAvailable(kit);
    expect(kit.service.state()).toMatchObject({
      phase: 'downloading',
      release: { version: '0.2.0', whatsNew: 'Faster sync' },
    });
    kit.updater.progress(40);
    expect(kit.service.state()).toMatchObject({
      phase: 'downloading',
      progress: { percent: 40, transferredBytes: 400_000, totalBytes: 1_000_000 },
    });
    kit.updater.progress(100);
    kit.updater.finishDownload();
    await settle();
    expect(kit.service.state()).toMatchObject({ phase: 'ready', release: { version: '0.2.0' }, installOnQuit: true });
    expect(kit.phases()).toEqual(['checking', 'available', 'downloading', 'ready']);
    await kit.time.advance(24 * hour);
    expect(kit.updater.installs).toBe(0);
    expect(kit.updater.checks).toBe(1); // a downloaded update is not checked over
  });

  it('goes ready → installing and quits to install only on restart()', async () => {
    const kit = await setup();
    await toReady(kit);
    expect(kit.updater.installs).toBe(0);
    const state = await kit.service.restart();
    expect(state).toMatchObject({ phase: 'installing', waitingFor: null, release: { version: '0.2.0' } });
    expect(kit.updater.installs).toBe(1);
    await kit.service.restart();
    expect(kit.updater.installs).toBe(1);
  });

  it('refuses restart() and download() when there is nothing to install or download', async () => {
    const kit = await setup();
    await expect(kit.service.restart()).rejects.toMatchObject({ code: 'UPDATE_NOT_READY' });
    await expect(kit.service.download()).rejects.toMatchObject({ code: 'UPDATE_NOT_READY' });
    expect(kit.updater.installs + kit.updater.downloads).toBe(0);
  });

  it('goes checking → error on an unreachable feed, keeps the problem, and the next scheduled check succeeds', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await settle();
    kit.updater.failCheck(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
    await settle();
    const failed = kit.service.state();
    expect(failed).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_FEED_UNREACHABLE', retryable: true } },
    });
    expect(failed.lastProblem?.error.code).toBe('UPDATE_FEED_UNREACHABLE');
    expect(kit.lines.some((line) => line.startsWith('warn update check failed') && line.includes('ECONNREFUSED'))).toBe(
      true,
    );
    await kit.time.advance(6 * hour - minute);
    expect(kit.updater.checks).toBe(1);
    await kit.time.advance(minute);
    expect(kit.updater.checks).toBe(2);
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    await settle();
    expect(kit.service.state()).toMatchObject({ phase: 'up-to-date', lastProblem: null });
  });

  it('goes downloading → error on a checksum mismatch, with nothing ready to install', async () => {
    const kit = await setup();
    await toAvailable(kit);
    kit.updater.failDownload(
      Object.assign(new Error('sha512 checksum mismatch, expected abc, got def'), { code: 'ERR_CHECKSUM_MISMATCH' }),
    );
    await settle();
    expect(kit.service.state()).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_CHECKSUM_MISMATCH' } },
    });
    await expect(kit.service.restart()).rejects.toMatchObject({ code: 'UPDATE_NOT_READY' });
    expect(kit.updater.installs).toBe(0);
  });

  it('goes installing → error when the updater cannot install, and stays in the app', async () => {
    const kit = await setup();
    await toReady(kit);
    kit.updater.installError = new Error('No update filepath provided, can’t quit and install');
    const state = await kit.service.restart();
    expect(state).toMatchObject({ phase: 'error', problem: { error: { code: 'UPDATE_FAILED' } } });
  });

  it('goes installing → error when the updater reports a failed install afterwards', async () => {
    const kit = await setup();
    await toReady(kit);
    await kit.service.restart();
    kit.updater.report(new Error('Code signature at URL file:///tmp/x did not pass validation'));
    expect(kit.service.state()).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_SIGNATURE_INVALID' } },
    });
  });

  it('says unsupported when this copy cannot update itself', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await settle();
    kit.updater.answerCheck({ kind: 'inactive' });
    await settle();
    expect(kit.service.state().phase).toBe('unsupported');
  });

  it('gives up a check that never answers as an unreachable feed', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await kit.time.advance(2 * minute);
    expect(kit.service.state()).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_FEED_UNREACHABLE' } },
    });
  });

  it('cancels a download that stalls and says the feed is unreachable', async () => {
    const kit = await setup();
    await toAvailable(kit);
    kit.updater.progress(10);
    await kit.time.advance(4 * minute);
    expect(kit.updater.downloadSignal?.aborted).toBe(false);
    kit.updater.progress(20);
    await kit.time.advance(5 * minute);
    await settle();
    expect(kit.service.state()).toMatchObject({
      phase: 'error',
      problem: { error: { code: 'UPDATE_FEED_UNREACHABLE' } },
    });
    expect(kit.updater.downloadRunning).toBe(false);
  });
});

describe('never while a sync or an export runs', () => {
  it('checks during a sync, but waits for it to end before downloading', async () => {
    const kit = await setup();
    const endSync = kit.activity.begin('sync');
    await toAvailable(kit);
    expect(kit.service.state()).toMatchObject({ phase: 'available', waitingFor: 'sync' });
    expect(kit.updater.downloads).toBe(0);
    endSync();
    await settle();
    expect(kit.updater.downloads).toBe(1);
    expect(kit.service.state().phase).toBe('downloading');
  });

  it('waits for every overlapping sync and export to end', async () => {
    const kit = await setup();
    const endExport = kit.activity.begin('export');
    const endSync = kit.activity.begin('sync');
    await toAvailable(kit);
    expect(kit.service.state()).toMatchObject({ phase: 'available', waitingFor: 'sync' });
    endSync();
    await settle();
    expect(kit.updater.downloads).toBe(0);
    endExport();
    await settle();
    expect(kit.updater.downloads).toBe(1);
  });

  it('holds the restart while an export runs, then installs', async () => {
    const kit = await setup();
    await toReady(kit);
    let result: UpdateState | null = null;
    await kit.activity.track('export', async () => {
      result = await kit.service.restart();
      expect(result).toMatchObject({ phase: 'installing', waitingFor: 'export' });
      await settle();
      expect(kit.updater.installs).toBe(0);
    });
    await settle();
    expect(kit.updater.installs).toBe(1);
    expect(kit.service.state()).toMatchObject({ phase: 'installing', waitingFor: null });
  });

  it('a user download in ask mode also waits for the sync', async () => {
    const kit = await setup({ mode: 'ask' });
    await toAvailable(kit);
    const endSync = kit.activity.begin('sync');
    expect(await kit.service.download()).toMatchObject({ phase: 'available', waitingFor: 'sync' });
    expect(kit.updater.downloads).toBe(0);
    endSync();
    await settle();
    expect(kit.updater.downloads).toBe(1);
  });
});

describe('modes', () => {
  it("'ask' finds the update but downloads only on the user's word", async () => {
    const kit = await setup({ mode: 'ask' });
    await toAvailable(kit);
    await kit.time.advance(hour);
    expect(kit.service.state()).toMatchObject({ phase: 'available', waitingFor: null, mode: 'ask' });
    expect(kit.updater.downloads).toBe(0);
    expect(await kit.service.download()).toMatchObject({ phase: 'downloading' });
    expect(kit.updater.downloads).toBe(1);
  });

  it("'off' never checks by itself; a manual check is allowed and does not download on its own", async () => {
    const kit = await setup({ mode: 'off' });
    kit.service.firstSyncDone();
    await kit.time.advance(48 * hour);
    expect(kit.updater.checks).toBe(0);
    const checking = kit.service.check();
    await settle();
    kit.updater.answerCheck({ kind: 'available', release: release() });
    expect(await checking).toMatchObject({ phase: 'available', mode: 'off', canCheck: true });
    await settle();
    expect(kit.updater.downloads).toBe(0);
    await kit.service.download();
    kit.updater.finishDownload();
    await settle();
    expect(kit.service.state()).toMatchObject({ phase: 'ready', installOnQuit: false });
    expect(kit.updater.installOnQuit.at(-1)).toBe(false);
  });

  it('starts the download when the user switches from ask to auto', async () => {
    const kit = await setup({ mode: 'ask' });
    await toAvailable(kit);
    expect(await kit.service.setMode('auto')).toMatchObject({ mode: 'auto', phase: 'downloading' });
    expect(kit.updater.downloads).toBe(1);
  });

  it('drops a background download still waiting for a sync when the user switches to ask', async () => {
    const kit = await setup();
    const endSync = kit.activity.begin('sync');
    await toAvailable(kit);
    expect(await kit.service.setMode('ask')).toMatchObject({ phase: 'available', waitingFor: null });
    endSync();
    await settle();
    expect(kit.updater.downloads).toBe(0);
    // The user's own Download starts at once.
    expect(await kit.service.download()).toMatchObject({ phase: 'downloading' });
    expect(kit.updater.downloads).toBe(1);
  });

  it('keeps the user’s mode in the settings file for the next run', async () => {
    const kit = await setup();
    await kit.service.setMode('ask');
    expect(await kit.settingsAfterDispose()).toMatchObject({ mode: 'ask' });
    const next = await createUpdateService({
      updater: new ScriptedUpdater(),
      userDataDir: kit.dir,
      policyFile: path.join(kit.dir, 'policy.json'),
      busy: new ActivityTracker(),
      logger: createLogger(new Redactor()),
      currentVersion: '0.1.0',
      clock: kit.time,
      timers: kit.time,
    });
    expect(next.state().mode).toBe('ask');
    await next.dispose();
  });
});

describe('install on quit', () => {
  it('installs a ready update when the app quits (auto and ask), unless the user turns updates off', async () => {
    const kit = await setup();
    await toReady(kit);
    expect(kit.updater.installOnQuit.at(-1)).toBe(true);
    expect(await kit.service.setMode('off')).toMatchObject({ phase: 'ready', installOnQuit: false });
    expect(kit.updater.installOnQuit.at(-1)).toBe(false);
    expect(await kit.service.setMode('ask')).toMatchObject({ phase: 'ready', installOnQuit: true });
    expect(kit.updater.installOnQuit.at(-1)).toBe(true);
    expect(kit.updater.installs).toBe(0);
  });
});

describe('the schedule', () => {
  it('checks again every 6 hours after the first check', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await settle();
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    await kit.time.advance(6 * hour - minute);
    expect(kit.updater.checks).toBe(1);
    await kit.time.advance(minute);
    expect(kit.updater.checks).toBe(2);
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    await kit.time.advance(6 * hour);
    expect(kit.updater.checks).toBe(3);
  });

  it('checks 10 minutes after start when no first sync is reported', async () => {
    const kit = await setup();
    await kit.time.advance(10 * minute - 1);
    expect(kit.updater.checks).toBe(0);
    await kit.time.advance(1);
    expect(kit.updater.checks).toBe(1);
  });

  it('checks once at start however often the first sync is reported', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    kit.service.firstSyncDone();
    await kit.time.advance(10 * minute);
    expect(kit.updater.checks).toBe(1);
  });

  it('joins a user check to the one already running', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await settle();
    const manual = kit.service.check();
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    expect((await manual).phase).toBe('up-to-date');
    expect(kit.updater.checks).toBe(1);
  });

  it('stops every timer on dispose', async () => {
    const kit = await setup();
    kit.service.firstSyncDone();
    await settle();
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    await settle();
    expect(kit.time.pending()).toBeGreaterThan(0);
    await kit.service.dispose();
    expect(kit.time.pending()).toBe(0);
    await kit.time.advance(24 * hour);
    expect(kit.updater.checks).toBe(1);
  });
});

describe('the organisation’s policy', () => {
  it.each(['auto', 'ask', 'off'] as const)(
    "'%s' in the policy file forces the mode over the user's choice",
    async (policy) => {
      const userMode = policy === 'auto' ? 'off' : 'auto';
      const kit = await setup({ policy, mode: userMode });
      expect(kit.service.state()).toMatchObject({ mode: policy, managed: true, canCheck: policy !== 'off' });
      await expect(kit.service.setMode(userMode)).rejects.toMatchObject({ code: 'UPDATES_MANAGED' });
      expect(kit.service.state().mode).toBe(policy);
    },
  );

  it("'off' in the policy file stops every check, even the user's", async () => {
    const kit = await setup({ policy: 'off', mode: 'auto' });
    kit.service.firstSyncDone();
    await kit.time.advance(48 * hour);
    expect(kit.updater.checks).toBe(0);
    const refused = await kit.service.check().catch((error: unknown) => error);
    expect(codeOf(refused)).toBe('UPDATES_MANAGED');
    expect(kit.updater.checks).toBe(0);
  });

  it("'ask' in the policy file keeps a user who chose auto from downloading in the background", async () => {
    const kit = await setup({ policy: 'ask', mode: 'auto' });
    await toAvailable(kit);
    expect(kit.service.state()).toMatchObject({ phase: 'available', mode: 'ask', managed: true });
    expect(kit.updater.downloads).toBe(0);
  });

  it("'auto' in the policy file checks and downloads for a user who chose off", async () => {
    const kit = await setup({ policy: 'auto', mode: 'off' });
    await toAvailable(kit);
    expect(kit.service.state().phase).toBe('downloading');
  });
});
