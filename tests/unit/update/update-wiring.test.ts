import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { notConfiguredState, type ConnectionState } from '../../../common/connection-state';
import type { EventName, EventPayload } from '../../../common/contract-types';
import type { UpdateState } from '../../../common/update-state';
import type { EventSink } from '../../../main/ipc/event-sink';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import type { StartUpdates } from '../../../main/update/app-updates';
import { createUpdateService } from '../../../main/update/create-update-service';
import { wireUpdates } from '../../../main/update/update-wiring';
import { ManualTime, settle } from '../../support/manual-time';
import { release, ScriptedUpdater } from './scripted-updater';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const facts = { profileId: 'p-1', lastSyncedAt: null, portfolioCount: 0 };
const syncing: ConnectionState = {
  ...facts,
  status: 'syncing',
  progress: { pages: 0, portfolios: 0, total: null, details: 0 },
  offlineSince: null,
};
const online: ConnectionState = { ...facts, status: 'online' };

/** A host event sink that records what it is sent. */
function recordingSink(): EventSink & { sent: Array<{ name: string; payload: unknown }> } {
  const sent: Array<{ name: string; payload: unknown }> = [];
  return {
    sent,
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      sent.push({ name, payload });
    },
  };
}

/** Wires updates as main's services do, over the scripted updater and a policy file of the test's choice. */
async function setup(options: { policy?: object | string; start?: StartUpdates | 'none' } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mp-update-wiring-'));
  const time = new ManualTime();
  const updater = new ScriptedUpdater();
  const lines: string[] = [];
  const logger = createLogger(new Redactor(), (level, line) => lines.push(`${level} ${line}`));
  const policyFile = path.join(dir, 'policy.json');
  if (options.policy !== undefined) {
    await writeFile(policyFile, typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy));
  }
  const host = recordingSink();
  const start: StartUpdates | undefined =
    options.start === 'none'
      ? undefined
      : (options.start ??
        ((context) =>
          createUpdateService({
            updater,
            userDataDir: context.userDataDir,
            policyFile,
            busy: context.busy,
            logger: context.logger,
            currentVersion: context.version,
            clock: time,
            timers: time,
          })));
  const wiring = wireUpdates({ start, events: host, logger, userDataDir: dir, version: '0.1.0' });
  cleanups.push(async () => {
    await wiring.updates.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const updateStates = () => host.sent.filter((e) => e.name === 'update:state').map((e) => e.payload as UpdateState);
  // The service starts in the background (it reads two files): let it, so the test's events find it there.
  if (options.start === undefined) await wiring.updates.state();
  return { dir, time, updater, lines, host, wiring, updateStates };
}

describe('updates wired into main’s services', () => {
  it('passes every event on to the host, and checks only once the first sync has ended', async () => {
    const kit = await setup();
    kit.wiring.events.emit('connection:state', online);
    kit.wiring.events.emit('connection:state', syncing);
    await settle();
    expect(kit.host.sent.map((e) => e.name)).toEqual(['connection:state', 'connection:state']);
    expect(kit.updater.checks).toBe(0);
    kit.wiring.events.emit('connection:state', online);
    await settle();
    expect(kit.updater.checks).toBe(1);
    // Each state the service moves through goes to the host as the update:state event.
    expect(kit.updateStates().map((s) => s.phase)).toEqual(['checking']);
    kit.updater.answerCheck({ kind: 'up-to-date', latestVersion: '0.1.0' });
    await settle();
    expect(kit.updateStates().map((s) => s.phase)).toEqual(['checking', 'up-to-date']);
    expect(await kit.wiring.updates.state()).toEqual(kit.updateStates().at(-1));
  });

  it('checks at once when there is nothing to sync (no profile)', async () => {
    const kit = await setup();
    kit.wiring.events.emit('connection:state', notConfiguredState);
    await settle();
    expect(kit.updater.checks).toBe(1);
  });

  it('holds the download while a sync runs, and goes on when it ends', async () => {
    const kit = await setup();
    kit.wiring.events.emit('connection:state', notConfiguredState);
    await settle();
    kit.wiring.events.emit('connection:state', syncing);
    kit.updater.answerCheck({ kind: 'available', release: release() });
    await settle();
    expect(await kit.wiring.updates.state()).toMatchObject({ phase: 'available', waitingFor: 'sync' });
    expect(kit.updater.downloads).toBe(0);
    kit.wiring.events.emit('connection:state', online);
    await settle();
    expect(await kit.wiring.updates.state()).toMatchObject({ phase: 'downloading' });
    expect(kit.updater.downloads).toBe(1);
  });

  it('holds the install while an export runs through the export hook, and quits to install when it ends', async () => {
    const kit = await setup();
    kit.wiring.events.emit('connection:state', notConfiguredState);
    await settle();
    kit.updater.answerCheck({ kind: 'available', release: release() });
    await settle();
    kit.updater.finishDownload();
    await settle();
    let finishExport!: () => void;
    const exporting = kit.wiring.trackExport(
      () => new Promise<string>((resolve) => (finishExport = () => resolve('saved'))),
    );
    expect(await kit.wiring.updates.restart()).toMatchObject({ phase: 'installing', waitingFor: 'export' });
    expect(kit.updater.installs).toBe(0);
    finishExport();
    expect(await exporting).toBe('saved');
    await settle();
    expect(kit.updater.installs).toBe(1);
  });

  it('runs the host’s own export hook inside the tracking', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mp-update-wiring-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const seen: string[] = [];
    const wiring = wireUpdates({
      events: recordingSink(),
      logger: createLogger(new Redactor()),
      userDataDir: dir,
      version: '0.1.0',
      trackExport: async (work) => {
        seen.push('host before');
        const value = await work();
        seen.push('host after');
        return value;
      },
    });
    expect(await wiring.trackExport(async () => (seen.push('export'), 7))).toBe(7);
    expect(seen).toEqual(['host before', 'export', 'host after']);
  });

  it('reports the organisation’s mode as managed, and refuses to change it', async () => {
    const kit = await setup({ policy: { updates: 'ask' } });
    expect(await kit.wiring.updates.state()).toMatchObject({ mode: 'ask', managed: true, canCheck: true });
    await expect(kit.wiring.updates.setMode('auto')).rejects.toMatchObject({ code: 'UPDATES_MANAGED' });
  });

  it('reports unsupported without a starter: nothing to check, download, restart or set', async () => {
    const kit = await setup({ start: 'none' });
    const unsupported = {
      phase: 'unsupported',
      currentVersion: '0.1.0',
      mode: 'auto',
      managed: false,
      canCheck: false,
      lastCheckedAt: null,
      lastProblem: null,
    };
    expect(await kit.wiring.updates.state()).toEqual(unsupported);
    expect(await kit.wiring.updates.check()).toEqual(unsupported);
    await expect(kit.wiring.updates.download()).rejects.toMatchObject({ code: 'UPDATES_UNSUPPORTED' });
    await expect(kit.wiring.updates.restart()).rejects.toMatchObject({ code: 'UPDATES_UNSUPPORTED' });
    await expect(kit.wiring.updates.setMode('off')).rejects.toMatchObject({ code: 'UPDATES_UNSUPPORTED' });
    kit.wiring.events.emit('connection:state', notConfiguredState);
    await settle();
    expect(kit.updateStates()).toEqual([]);
  });

  it('reports unsupported, with the cause logged, when the updater cannot start', async () => {
    const kit = await setup({ start: () => Promise.reject(new Error('electron-updater is missing')) });
    expect(await kit.wiring.updates.state()).toMatchObject({ phase: 'unsupported', canCheck: false });
    expect(
      kit.lines.some(
        (line) => line.startsWith('error updates could not start') && line.includes('electron-updater is missing'),
      ),
    ).toBe(true);
  });

  it('answers a request made while the service is still starting, once it has started', async () => {
    let started!: () => void;
    const gate = new Promise<void>((resolve) => (started = resolve));
    const updater = new ScriptedUpdater();
    const kit = await setup({
      start: async (context) => {
        await gate;
        return createUpdateService({
          updater,
          userDataDir: context.userDataDir,
          policyFile: path.join(context.userDataDir, 'policy.json'),
          busy: context.busy,
          logger: context.logger,
          currentVersion: context.version,
        });
      },
    });
    const early = kit.wiring.updates.state();
    kit.wiring.events.emit('connection:state', notConfiguredState);
    started();
    expect(await early).toMatchObject({ phase: 'idle', canCheck: true });
    await settle();
    // The first sync ended before the service existed: its check runs once the service is there.
    expect(updater.checks).toBe(1);
  });
});
