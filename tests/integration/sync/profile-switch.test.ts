import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../common/connection-state';
import path from 'node:path';
import { nodeAtomicWriteIo, type AtomicWriteIo } from '../../../main/fs/atomic-file';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { inStatus, profileIdOf, startTestApp, type TestApp } from '../support/app-fixture';

// The active profile switches (or is deleted) while the old profile's sync is at each of its stages:
// waiting for its token, its list pages, its details, its cache write. The sandbox answers late on cue;
// the cache write is held at its commit point, the manifest's rename (real files, with a gate in front).

/** Node's file system, with a gate that can hold back the next rename into a folder until released. */
class GatedFiles implements AtomicWriteIo {
  private gate: { folder: string; reached: () => void; opened: Promise<void> } | null = null;
  private release: (() => void) | null = null;
  readonly syncFolder = nodeAtomicWriteIo.syncFolder;
  readonly sleep = nodeAtomicWriteIo.sleep;
  readonly warn = nodeAtomicWriteIo.warn;

  /** Holds the next rename into `folder` (the cache's commit point); resolves when a writer is waiting there. */
  hold(folder: string): Promise<void> {
    return new Promise((reached) => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      this.release = open;
      this.gate = { folder, reached, opened };
    });
  }

  open(): void {
    this.release?.();
    this.release = null;
  }

  async rename(from: string, to: string): Promise<void> {
    const gate = this.gate;
    if (gate && path.dirname(to) === gate.folder) {
      this.gate = null;
      gate.reached();
      await gate.opened;
    }
    await nodeAtomicWriteIo.rename(from, to);
  }
}

let app: TestApp | null = null;
const sandboxes: Sandbox[] = [];

afterEach(async () => {
  await app?.close();
  app = null;
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close().catch(() => undefined)));
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Setup {
  files: GatedFiles;
  a: Sandbox;
  b: Sandbox;
  profileA: string;
  profileB: string;
}

/** Profile A (12 portfolios, details fetched one by one) is active and synced; profile B (7) is saved too. */
async function twoProfiles(): Promise<Setup> {
  const a = await startSandbox({ portfolios: 12, pageSize: 4, listHoldings: false, faults: true });
  const b = await startSandbox({ portfolios: 7 });
  sandboxes.push(a, b);
  const files = new GatedFiles();
  app = await startTestApp({ fileIo: files });
  const profileA = await app.connect(a);
  expect(app.services.portfolios.connection.state).toMatchObject({ status: 'online', portfolioCount: 12 });
  const savedB = await app.dispatch('profiles:save', {
    name: 'Second',
    baseUrl: b.baseUrl,
    clientId: b.credentials.clientId,
    tokenStyle: 'json',
    secret: b.credentials.clientSecret,
  });
  if (!savedB.ok) throw new Error(savedB.error.message);
  const profileB = (savedB.value as { id: string }).id;
  expect((await app.services.profiles.active())?.id).toBe(profileA);
  return { files, a, b, profileA, profileB };
}

type Stage = 'token' | 'list pages' | 'details' | 'cache write';

/** Starts A's sync and returns once it is held at the stage; `release` lets it go on. */
async function holdSyncAt(stage: Stage, setup: Setup): Promise<{ release: () => void }> {
  const { a, files, profileA } = setup;
  const running = app!;
  let release = () => {};
  let reached: () => boolean;
  if (stage === 'token') {
    await running.dispatch('auth:signOut', { profileId: profileA });
    a.faults.enqueue('token', { kind: 'delay', ms: 1_500 });
    const before = a.counters.tokenRequests;
    reached = () => a.counters.tokenRequests > before;
  } else if (stage === 'list pages') {
    a.faults.enqueue('list', { kind: 'delay', ms: 1_500 });
    const before = a.counters.requests.list;
    reached = () => a.counters.requests.list > before;
  } else if (stage === 'details') {
    a.faults.enqueue('detail', { kind: 'delay', ms: 1_500 }, 8);
    const before = a.counters.requests.detail;
    reached = () => a.counters.requests.detail > before;
  } else {
    let held = false;
    void files.hold(running.services.portfolios.cacheFor(profileA).folder).then(() => (held = true));
    reached = () => held;
    release = () => files.open();
  }
  void running.services.portfolios.syncNow().catch(() => undefined);
  await until(reached, `A's sync to reach its ${stage}`);
  return { release };
}

function statesAfter(index: number): ConnectionState[] {
  return app!.events
    .slice(index)
    .filter((event) => event.name === 'connection:state')
    .map((event) => event.payload as ConnectionState);
}

function changedAfter(index: number): Array<{ profileId: string | null }> {
  return app!.events
    .slice(index)
    .filter((event) => event.name === 'portfolios:changed')
    .map((event) => event.payload as { profileId: string | null });
}

describe.each<Stage>(['token', 'list pages', 'details', 'cache write'])(
  'switching profile while the old sync waits for its %s',
  (stage) => {
    it('drops the old run’s state and events, and syncs the new profile at once', async () => {
      const setup = await twoProfiles();
      const { release } = await holdSyncAt(stage, setup);
      const mark = app!.events.length;

      const switching = app!.dispatch('profiles:activate', { profileId: setup.profileB });
      // The cache write is held by the keychain: the switch waits for it to settle, then goes on.
      if (stage === 'cache write') setTimeout(release, 300);
      expect(await switching).toMatchObject({ ok: true, value: { id: setup.profileB } });

      const state = inStatus(
        await app!.waitForState(
          (s) => s.status === 'online' && s.profileId === setup.profileB && s.lastSyncedAt !== null,
        ),
        'online',
      );
      expect(state.portfolioCount).toBe(7);
      // Let the old sandbox's late answers arrive: they change nothing any more.
      await new Promise((resolve) => setTimeout(resolve, 1_800));
      expect(app!.services.portfolios.connection.state).toMatchObject({
        profileId: setup.profileB,
        status: 'online',
        portfolioCount: 7,
      });
      expect(statesAfter(mark).filter((s) => profileIdOf(s) === setup.profileA)).toEqual([]);
      const changed = changedAfter(mark).map((event) => event.profileId);
      expect(changed.length).toBeGreaterThan(0);
      expect(changed.filter((id) => id !== setup.profileB)).toEqual([]);
      const listing = await app!.dispatch('portfolios:list', undefined);
      expect(listing).toMatchObject({ ok: true, value: { profileId: setup.profileB } });
      expect((listing as { value: { portfolios: unknown[] } }).value.portfolios).toHaveLength(7);
      expect(setup.b.counters.requests.list).toBeGreaterThan(0);
    });
  },
);

describe('deleting the active profile while its sync waits for its list', () => {
  it('the next profile takes over at once; nothing of the deleted one is published', async () => {
    const setup = await twoProfiles();
    await holdSyncAt('list pages', setup);
    const mark = app!.events.length;

    expect(await app!.dispatch('profiles:remove', { profileId: setup.profileA })).toMatchObject({
      ok: true,
      value: { profileId: setup.profileA },
    });
    expect((await app!.services.profiles.active())?.id).toBe(setup.profileB);
    await app!.waitForState((s) => s.status === 'online' && s.profileId === setup.profileB && s.lastSyncedAt !== null);
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(app!.services.portfolios.connection.state).toMatchObject({ profileId: setup.profileB, portfolioCount: 7 });
    expect(statesAfter(mark).filter((s) => profileIdOf(s) === setup.profileA)).toEqual([]);
    expect(changedAfter(mark).every((event) => event.profileId === setup.profileB)).toBe(true);
  });
});
