import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../../common/update-state';
import { createUpdateService } from '../../../main/update/create-update-service';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { eventsNamed, startTestApp, type TestApp } from '../support/app-fixture';
import { release, ScriptedUpdater } from '../../unit/update/scripted-updater';

// Updates inside main's real services (real sandbox over HTTP, real keychain, real files): the first
// check waits for the first sync, an export keeps the download waiting, the renderer's channels and
// the update:state event answer, and diagnostics carry the updates line. The updater is the scripted
// one, so each step is looked at; the real electron-updater runs in electron-updater.test.ts.

let sandbox: Sandbox | null = null;
let app: TestApp | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close();
  app = null;
  sandbox = null;
});

async function updateState(target: TestApp): Promise<UpdateState> {
  const result = await target.dispatch('update:state', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as UpdateState;
}

describe('updates in main’s services', () => {
  it('checks after the first sync, holds the download while an export runs, and publishes each state', async () => {
    sandbox = await startSandbox({ portfolios: 5 });
    const updater = new ScriptedUpdater();
    let releaseExport!: () => void;
    const exportHeld = new Promise<void>((resolve) => (releaseExport = resolve));
    let exportStarted!: () => void;
    const exporting = new Promise<void>((resolve) => (exportStarted = resolve));
    app = await startTestApp({
      startUpdates: (context) =>
        createUpdateService({
          updater,
          userDataDir: context.userDataDir,
          policyFile: path.join(context.userDataDir, 'no-policy.json'),
          busy: context.busy,
          logger: context.logger,
          currentVersion: context.version,
        }),
      // The host's export hook holds the file write until the test lets it go.
      trackExport: async (work) => {
        exportStarted();
        await exportHeld;
        return work();
      },
    });
    const target = app;

    expect(await updateState(target)).toMatchObject({ phase: 'idle', mode: 'auto', currentVersion: '0.1.0' });
    expect(updater.checks).toBe(0);
    await target.connect(sandbox);
    await vi.waitFor(() => expect(updater.checks).toBe(1));

    target.saveTo.path = path.join(target.userDataDir, 'list.csv');
    const exported = target.dispatch('export:csv', { kind: 'list', ids: 'all' });
    await exporting;
    updater.answerCheck({ kind: 'available', release: release() });
    await vi.waitFor(async () =>
      expect(await updateState(target)).toMatchObject({ phase: 'available', waitingFor: 'export' }),
    );
    expect(updater.downloads).toBe(0);

    releaseExport();
    expect(await exported).toMatchObject({ ok: true, value: { status: 'saved', rows: 5 } });
    await vi.waitFor(() => expect(updater.downloads).toBe(1));
    updater.progress(50);
    updater.finishDownload();
    await vi.waitFor(async () => expect(await updateState(target)).toMatchObject({ phase: 'ready' }));

    const published = eventsNamed(target, 'update:state').map((state) => state.phase);
    expect(published.filter((phase, i) => phase !== published[i - 1])).toEqual([
      'checking',
      'available',
      'downloading',
      'ready',
    ]);
    const diagnostics = await target.dispatch('app:copyDiagnostics', undefined);
    expect(diagnostics.ok && (diagnostics.value as { text: string }).text).toMatch(
      /^Updates: auto; ready 0\.2\.0; version 0\.1\.0; last checked \d{4}-/m,
    );
    expect(updater.installs).toBe(0);
    expect(await target.dispatch('update:restart', undefined)).toMatchObject({
      ok: true,
      value: { phase: 'installing' },
    });
    expect(updater.installs).toBe(1);
  });

  it('without an updater, reports unsupported and refuses what needs one, with a clear message', async () => {
    app = await startTestApp();
    expect(await updateState(app)).toMatchObject({ phase: 'unsupported', canCheck: false });
    expect(await app.dispatch('update:setMode', { mode: 'off' })).toMatchObject({
      ok: false,
      error: { code: 'UPDATES_UNSUPPORTED', message: expect.stringContaining('cannot update itself') },
    });
    expect(await app.dispatch('update:setMode', { mode: 'sometimes' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
