import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RevisionRecord, type Sandbox } from '../../../sandbox';
import { RecordingNotifier } from '../../support/recording-notifier';
import { eventsNamed, startTestApp, type TestApp } from '../support/app-fixture';
import { call, callError, changedIds, expectTradeListOf, tradeListOf } from './change-fixture';

// The whole path: the sandbox publishes revisions, the app syncs them into its records cache (keeping versions),
// and the changes service reads them back as trade lists, through main's real dispatcher, keychain and disk.

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;
let notifier: RecordingNotifier;

async function setUp(config: Parameters<typeof startTestApp>[0] = {}) {
  sandbox = await startSandbox({ portfolios: 40, pageSize: 10, seed: 21 });
  notifier = new RecordingNotifier();
  app = await startTestApp({ notifier, ...config });
  const profileId = await app.connect(sandbox);
  return { app, sandbox, profileId };
}

afterEach(async () => {
  await app?.close();
  await sandbox?.close();
  app = null;
  sandbox = null;
});

async function versionsKept(app: TestApp, id: string): Promise<number> {
  const { cache } = await app.services.portfolios.loadedData();
  return (await cache.history(id))?.versions.length ?? -1;
}

describe('model changes through sync, cache and the changes service', () => {
  it('marks exactly the revised portfolios changed, with trade lists equal to the sandbox’s own record', async () => {
    const { app, sandbox, profileId } = await setUp();
    expect(await call(app, 'changes:overview')).toEqual({ profileId, portfolios: [], lastSync: null });
    const first = await call(app, 'changes:portfolio', { id: 'mp-000001' });
    expect(first).toMatchObject({ from: null, changes: null, versions: [{ current: true }] });

    const records = sandbox.revise({ count: 5 });
    const revised = records.map((r) => r.id).sort();
    const outcome = await call(app, 'sync:now');

    const overview = await call(app, 'changes:overview');
    expect(changedIds(overview)).toEqual(revised);
    expect(overview.portfolios.every((p) => !p.seen && p.lastChangedAt === outcome.syncedAt)).toBe(true);
    expect(overview.lastSync).toMatchObject({ profileId, syncedAt: outcome.syncedAt, background: false });
    expect(overview.lastSync?.portfolios.map((p) => p.id).sort()).toEqual(revised);
    expect(eventsNamed(app, 'changes:synced').map((e) => e.portfolios.map((p) => p.id).sort())).toEqual([revised]);

    // The browser's listing carries the date of the last change; nothing else changed.
    const listing = await call(app, 'portfolios:list');
    for (const p of listing.portfolios)
      expect(p.lastChangedAt, p.id).toBe(revised.includes(p.id) ? outcome.syncedAt : null);

    for (const record of records) {
      const view = await call(app, 'changes:portfolio', { id: record.id });
      expectTradeListOf(view, record);
      expect(view.versions).toHaveLength(2);
      expect(view.allocation.every((row) => row.weights.length === 2)).toBe(true);
    }
    // A sync the user asked for is reported on screen, not by a desktop notification.
    expect(notifier.shown).toEqual([]);
  });

  it('keeps no version and reports nothing on a sync that found no change', async () => {
    const { app, sandbox } = await setUp();
    sandbox.revise({ ids: ['mp-000007'] });
    await call(app, 'sync:now');
    const before = await call(app, 'changes:overview');
    const synced = eventsNamed(app, 'changes:synced').length;

    await call(app, 'sync:now');
    await app.services.portfolios.syncNow('background');

    expect(await versionsKept(app, 'mp-000007')).toBe(1);
    expect(await versionsKept(app, 'mp-000008')).toBe(0);
    expect(await call(app, 'changes:overview')).toEqual(before);
    expect(eventsNamed(app, 'changes:synced')).toHaveLength(synced);
    expect(notifier.shown).toEqual([]);
  });

  it('keeps the newest 12 of 13 revisions, each step’s trade list equal to its record', async () => {
    const { app, sandbox } = await setUp();
    const id = 'mp-000012';
    const records: RevisionRecord[] = [];
    for (let n = 0; n < 13; n++) {
      records.push(...sandbox.revise({ ids: [id] }));
      await call(app, 'sync:now');
    }
    expect(await versionsKept(app, id)).toBe(12);
    const latest = await call(app, 'changes:portfolio', { id });
    expect(latest.versions).toHaveLength(13);
    expectTradeListOf(latest, records[12]!);
    // Any two neighbours are one revision; the oldest kept is the state after the first revision.
    const { versions } = latest;
    for (let i = 0; i < 12; i++) {
      const step = await call(app, 'changes:portfolio', {
        id,
        from: versions[i + 1]!.revision,
        to: versions[i]!.revision,
      });
      expectTradeListOf(step, records[12 - i]!);
    }
    expect(Date.parse(versions[12]!.updatedAt!)).toBe(Date.parse(records[0]!.updatedAt));
    // Any two kept versions, in either order: backwards is the same trade list with buys and sells swapped.
    const span = await call(app, 'changes:portfolio', { id, from: versions[12]!.revision, to: versions[0]!.revision });
    const back = await call(app, 'changes:portfolio', { id, from: versions[0]!.revision, to: versions[12]!.revision });
    const swap = { buy: 'sell', sell: 'buy' } as const;
    expect(tradeListOf(back).reweighted).toEqual(
      tradeListOf(span).reweighted.map((c) => ({ ...c, oldBp: c.newBp, newBp: c.oldBp, action: swap[c.action] })),
    );
    const dropped = Math.min(...versions.map((v) => v.revision)) - 1;
    expect(await callError(app, 'changes:portfolio', { id, from: dropped })).toBe('VERSION_NOT_KEPT');
    expect(await callError(app, 'changes:portfolio', { id, from: versions[0]!.revision })).toBe('VALIDATION');
    expect(await callError(app, 'changes:portfolio', { id: 'no-such-portfolio' })).toBe('NOT_FOUND');
  });

  it('notifies once per background sync that changed models, opens the list on click, and not when turned off', async () => {
    const { app, sandbox, profileId } = await setUp();
    const names = new Map((await call(app, 'portfolios:list')).portfolios.map((p) => [p.id, p.name]));
    const records = sandbox.revise({ count: 3 });
    await app.services.portfolios.syncNow('background');
    await vi.waitFor(() => expect(notifier.shown).toHaveLength(1));
    expect(notifier.shown[0]).toMatchObject({
      title: 'Model portfolios changed',
      body: `3 model portfolios changed: ${records.map((r) => names.get(r.id)).join(', ')}`,
    });
    expect((await call(app, 'changes:overview')).lastSync).toMatchObject({ background: true });

    notifier.shown[0]!.click();
    expect(eventsNamed(app, 'changes:showList')).toEqual([{ profileId }]);

    // No change, no notification; a user's sync, none either.
    await app.services.portfolios.syncNow('background');
    sandbox.revise({ count: 2 });
    await call(app, 'sync:now');
    expect(notifier.shown).toHaveLength(1);

    // Off in Settings: the status bar still hears of it, the desktop does not.
    expect(await call(app, 'changes:saveSettings', { notify: false })).toEqual({ tolerancePp: 0.01, notify: false });
    sandbox.revise({ count: 4 });
    await app.services.portfolios.syncNow('background');
    expect(eventsNamed(app, 'changes:synced').at(-1)?.portfolios).toHaveLength(4);
    await call(app, 'changes:saveSettings', { notify: true });
    sandbox.revise({ ids: ['mp-000002'] });
    await app.services.portfolios.syncNow('background');
    await vi.waitFor(() => expect(notifier.shown).toHaveLength(2));
    expect(notifier.shown[1]!.body).toBe(`1 model portfolio changed: ${names.get('mp-000002')}`);
  });

  it('treats the scheduled sync as a background one', async () => {
    const { sandbox } = await setUp({ autoSync: { intervalMs: 250, retryMs: 60_000 } });
    sandbox.revise({ count: 2 });
    await vi.waitFor(() => expect(notifier.shown).toHaveLength(1), { timeout: 20_000 });
    expect(notifier.shown[0]!.body).toMatch(/^2 model portfolios changed/);
  });

  it('keeps seen marks per profile across a restart, and a new change is unseen again', async () => {
    const { app: first, sandbox, profileId } = await setUp();
    sandbox.revise({ ids: ['mp-000003', 'mp-000004'] });
    await call(first, 'sync:now');
    expect(await call(first, 'changes:markSeen', { ids: ['mp-000003', 'mp-000009'] })).toEqual({ marked: 1 });
    expect(eventsNamed(first, 'changes:changed')).toEqual([{ profileId }]);
    expect(await call(first, 'changes:markSeen', { ids: ['mp-000003'] })).toEqual({ marked: 0 });
    const seenOf = async (a: TestApp) =>
      Object.fromEntries((await call(a, 'changes:overview')).portfolios.map((p) => [p.id, p.seen]));
    expect(await seenOf(first)).toEqual({ 'mp-000003': true, 'mp-000004': false });

    await first.services.dispose();
    const second = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets, notifier });
    app = second;
    await second.services.portfolios.start();
    await second.waitForState((state) => state.status === 'online');
    expect(await seenOf(second)).toEqual({ 'mp-000003': true, 'mp-000004': false });

    sandbox.revise({ ids: ['mp-000003'] });
    await call(second, 'sync:now');
    expect(await seenOf(second)).toEqual({ 'mp-000003': false, 'mp-000004': false });

    const file = path.join(second.userDataDir, 'model-changes-seen.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ profiles: [{ profileId }] });
    await call(second, 'profiles:remove', { profileId });
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, profiles: [] }),
    );
  });

  it('applies the tolerance from Settings to every trade list, and keeps it after a restart', async () => {
    const { app, sandbox } = await setUp();
    const [record] = sandbox.revise({ ids: ['mp-000005'] }) as [RevisionRecord];
    await call(app, 'sync:now');
    const all = await call(app, 'changes:portfolio', { id: record.id });
    expect(all.changes?.tolerancePp).toBe(0.01);
    expect(tradeListOf(all).reweighted.length).toBe(record.reweighted.length);

    // Sandbox re-weights move 10–150 bp: a 2 pp tolerance hides them all; membership changes are never hidden.
    await call(app, 'changes:saveSettings', { tolerancePp: 2 });
    expect(eventsNamed(app, 'changes:changed')).toContainEqual({ profileId: null });
    const coarse = await call(app, 'changes:portfolio', { id: record.id });
    expect(coarse.changes?.tolerancePp).toBe(2);
    expect(tradeListOf(coarse).reweighted).toEqual([]);
    expect(tradeListOf(coarse).added).toEqual(tradeListOf(all).added);
    expect(tradeListOf(coarse).removed).toEqual(tradeListOf(all).removed);

    expect(await callError(app, 'changes:saveSettings', { tolerancePp: -1 })).toBe('VALIDATION');
    expect(await callError(app, 'changes:saveSettings', { tolerancePp: 6 })).toBe('VALIDATION');
    await app.services.dispose();
    const again = await startTestApp({ userDataDir: app.userDataDir, secrets: app.services.secrets });
    try {
      expect(await call(again, 'changes:settings')).toEqual({ tolerancePp: 2, notify: true });
    } finally {
      await again.services.dispose();
    }
  });
});
