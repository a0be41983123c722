import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingNotifier } from '../../support/recording-notifier';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { call, changedIds, expectTradeListOf } from './change-fixture';

// Demo mode shows model changes from the start: right after a new demo's first sync, the demo sandbox revises a
// few models and main syncs once more in the background; the demo's own record says what changed.

const apps: TestApp[] = [];
const demoData = { portfolios: 20, seed: 3 };

afterEach(async () => {
  await apps.at(-1)?.close();
  apps.length = 0;
});

async function startDemo(app: TestApp): Promise<string> {
  const started = await app.dispatch('demo:start', undefined);
  if (!started.ok) throw new Error(started.error.message);
  return (started.value as { id: string }).id;
}

describe('the demo’s first changes', () => {
  it('revises 6 models after the first sync and syncs again: 6 changed, one notification, trade lists as recorded', async () => {
    const notifier = new RecordingNotifier();
    const app = await startTestApp({ demoData, notifier });
    apps.push(app);
    await startDemo(app);
    await vi.waitFor(async () => expect((await call(app, 'changes:overview')).portfolios).toHaveLength(6), {
      timeout: 30_000,
    });
    const sandbox = app.services.demo.running!;
    const records = sandbox.revisions();
    expect(records.map((r) => r.cause)).toEqual(Array(6).fill('request'));
    expect(changedIds(await call(app, 'changes:overview'))).toEqual(records.map((r) => r.id).sort());
    for (const record of records) expectTradeListOf(await call(app, 'changes:portfolio', { id: record.id }), record);
    await vi.waitFor(() => expect(notifier.shown).toHaveLength(1));
    expect(notifier.shown[0]!.body).toBe('6 model portfolios changed');

    // Once per sandbox: later syncs publish nothing more by themselves.
    await call(app, 'sync:now');
    expect(sandbox.revisions()).toHaveLength(6);

    // After a restart the demo serves its generated data again: the 6 change back, and no new first look.
    await app.services.dispose();
    const restarted = await startTestApp({ userDataDir: app.userDataDir, secrets: app.services.secrets, notifier });
    apps.push(restarted);
    await restarted.services.portfolios.start();
    await restarted.waitForState((state) => state.status === 'online' && state.lastSyncedAt !== null);
    await vi.waitFor(() => expect(notifier.shown).toHaveLength(2));
    expect(restarted.services.demo.running!.revisions()).toEqual([]);
    const reverted = await call(restarted, 'changes:portfolio', { id: records[0]!.id });
    expect(reverted.versions).toHaveLength(3);
  });

  it('can be turned off', async () => {
    const app = await startTestApp({ demoData, demoWarmUpRevisions: 0 });
    apps.push(app);
    await startDemo(app);
    await app.waitForState((state) => state.status === 'online' && state.lastSyncedAt !== null);
    await call(app, 'sync:now');
    expect(app.services.demo.running!.revisions()).toEqual([]);
    expect((await call(app, 'changes:overview')).portfolios).toEqual([]);
  });
});
