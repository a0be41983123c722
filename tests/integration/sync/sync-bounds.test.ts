import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../../main/sync/sync-run';
import { systemClock } from '../../../main/clock';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { settle } from '../support/auth-fixture';

// Caps across a whole sync, not only per response: many small pages can add up to too much.

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

async function syncWith(limits: { maxTotalItems?: number; maxTotalBytes?: number }) {
  const profile = (await app!.services.profiles.active())!;
  return settle(
    runSync({
      api: app!.services.profiles.apiClient(profile),
      profileId: profile.id,
      clock: systemClock,
      stored: null,
      signal: new AbortController().signal,
      ...limits,
    }),
  );
}

describe('a sync has total caps across all pages', () => {
  it('stops at the item cap though every page is small, and leaves the cache as it was', async () => {
    sandbox = await startSandbox({ portfolios: 40, pageSize: 10 });
    app = await startTestApp();
    await app.connect(sandbox);
    const cacheBefore = await app.cacheBytes();
    expect((await syncWith({ maxTotalItems: 40 })).ok).toBe(true);
    const capped = await syncWith({ maxTotalItems: 25 });
    expect(capped).toMatchObject({ ok: false, error: { code: 'RESPONSE_TOO_LARGE' } });
    expect(sandbox.counters.requests.list).toBeGreaterThanOrEqual(3);
    expect(await app.cacheBytes()).toEqual(cacheBefore);
  });

  it('stops at the byte cap across pages', async () => {
    sandbox = await startSandbox({ portfolios: 40, pageSize: 10 });
    app = await startTestApp();
    await app.connect(sandbox);
    const outcome = await syncWith({ maxTotalBytes: 30 * 1024 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'RESPONSE_TOO_LARGE' } });
  });
});
