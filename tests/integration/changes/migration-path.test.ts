import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheSchemaVersion } from '../../../main/cache/cache-schema';
import { PortfolioCache } from '../../../main/cache/portfolio-cache';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { call, changedIds, expectTradeListOf } from './change-fixture';

// An install that still has today's single-file cache: the app opens it as records (every portfolio kept), and
// the next syncs keep versions and give trade lists on top of the migrated data.

let apps: TestApp[] = [];
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await apps.at(-1)?.close();
  apps = [];
  await sandbox?.close();
  sandbox = null;
});

describe('model changes over a cache migrated from the single-file format', () => {
  it('keeps every portfolio, then marks exactly the revised ones changed', async () => {
    sandbox = await startSandbox({ portfolios: 60, pageSize: 20, seed: 9 });
    const first = await startTestApp();
    apps.push(first);
    const profileId = await first.connect(sandbox);
    const listing = await call(first, 'portfolios:list');
    const portfolios = [];
    for await (const portfolio of await first.services.portfolios.stream('all')) portfolios.push(portfolio);
    await first.services.dispose();

    // Today's single file instead of the records: what an install of the previous version has on disk.
    const cacheDir = path.join(first.userDataDir, 'cache');
    await rm(first.services.portfolios.cacheFor(profileId).folder, { recursive: true });
    await new PortfolioCache({ dir: cacheDir, profileId, secrets: first.services.secrets }).write({
      schemaVersion: cacheSchemaVersion,
      profileId,
      syncedAt: listing.syncedAt!,
      etag: null,
      portfolios,
      issues: [],
    });

    const second = await startTestApp({ userDataDir: first.userDataDir, secrets: first.services.secrets });
    apps.push(second);
    await second.services.portfolios.start();
    await second.waitForState((state) => state.status === 'online');
    expect(await readdir(cacheDir)).toEqual([path.basename(second.services.portfolios.cacheFor(profileId).folder)]);
    const migrated = await call(second, 'portfolios:list');
    expect(migrated.portfolios.map((p) => p.id)).toEqual(portfolios.map((p) => p.id));
    for (const portfolio of portfolios)
      expect(await call(second, 'portfolios:get', { id: portfolio.id })).toEqual(portfolio);
    // The sync that followed the open found the same data: nothing changed, no version kept.
    expect((await call(second, 'changes:overview')).portfolios).toEqual([]);

    const records = sandbox.revise({ count: 4 });
    await call(second, 'sync:now');
    expect(changedIds(await call(second, 'changes:overview'))).toEqual(records.map((r) => r.id).sort());
    for (const record of records) expectTradeListOf(await call(second, 'changes:portfolio', { id: record.id }), record);
  });
});
