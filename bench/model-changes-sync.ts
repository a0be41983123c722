// The sync that a model-changes computation follows, for bench/model-changes.bench.ts: the sandbox with 10,000
// portfolios × 50 holdings over loopback, the app's own sync (conditional requests, tolerant parsing) committing to
// the records cache, then 1 % of the models revised and synced again; and the changes service's read of each
// changed model's trade list from the cache (its two versions decrypted, changes computed).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiClient } from '../main/api/api-client';
import { createTokenFetcher } from '../main/auth/token-client';
import { PortfolioRecordCache } from '../main/cache/records/portfolio-record-cache';
import type { CommitFigures } from '../main/cache/records/record-types';
import { readPortfolioChanges } from '../main/changes/version-changes';
import { systemClock } from '../main/clock';
import { storedSync } from '../main/portfolios/loaded-data';
import { runSync } from '../main/sync/sync-run';
import { defaultNetworkSetting } from '../common/network-setting';
import { startSandbox } from '../sandbox';
import { MemorySecretStore } from './memory-secret-store';

/** One measured round: a sync after `revised` models were revised, and reading their trade lists back. */
export interface SyncRound {
  revised: number;
  syncMs: number;
  changed: number;
  changesFromCacheMs: number;
  tradeLines: number;
  bytesWritten: number;
}

/** A sandbox and a records cache that already hold one full sync; each round revises and syncs again. */
export async function startSyncBench(portfolios: number, holdingsCount: number) {
  const sandbox = await startSandbox({ portfolios, pageSize: 500, holdingsCount, seed: 3 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'model-changes-bench-'));
  const profile = {
    id: 'bench',
    name: 'bench',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    tokenStyle: 'json' as const,
    demo: false,
    network: defaultNetworkSetting,
  };
  const token = (await createTokenFetcher(systemClock)(profile, sandbox.credentials.clientSecret)).accessToken;
  const api = new ApiClient(sandbox.baseUrl, {
    getToken: () => Promise.resolve(token),
    invalidate: () => Promise.resolve(),
  });
  const cache = new PortfolioRecordCache({ dir, profileId: 'bench', secrets: new MemorySecretStore() });
  await cache.open();

  async function sync(): Promise<CommitFigures> {
    const result = await runSync({
      api,
      profileId: 'bench',
      clock: systemClock,
      stored: await storedSync(cache),
      signal: new AbortController().signal,
    });
    return cache.commit(result.commit);
  }

  const first = await sync();
  if (first.added.length !== portfolios) throw new Error(`first sync added ${first.added.length}`);

  return {
    /** Revises `count` models (picked by the sandbox's seed), syncs, and reads every changed model's trade list. */
    async round(count: number): Promise<SyncRound> {
      sandbox.revise({ count });
      const began = performance.now();
      const figures = await sync();
      const syncMs = performance.now() - began;
      const read = performance.now();
      let tradeLines = 0;
      for (const id of figures.changed)
        tradeLines += (await readPortfolioChanges(cache, id, {}, 0.01)).changes!.holdings.length;
      const changesFromCacheMs = performance.now() - read;
      if (figures.changed.length !== count) throw new Error(`expected ${count} changed, got ${figures.changed.length}`);
      return {
        revised: count,
        syncMs,
        changed: figures.changed.length,
        changesFromCacheMs,
        tradeLines,
        bytesWritten: figures.bytesWritten,
      };
    },
    async close() {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
