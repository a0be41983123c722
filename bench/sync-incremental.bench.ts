// Incremental syncs of 10,000 portfolios × 50 holdings through the real PortfolioService: the sandbox over
// loopback (in a process of its own, as a real API is, so its JSON generation is not timed as the app's), the real keychain (run inside dbus-run-session with scripts/with-keyring.sh), the records cache in a
// real temp folder. For both list shapes (holdings in the list; holdings only from each detail), measured in the
// same run: a full first sync, a sync after 1 % of the models were revised (sandbox.revise), a sync of an
// unchanged catalogue (the sandbox counts the 304s), and an unchanged sync right after a restart (fresh service,
// cache opened from disk). Bytes written are read from the folder (new segment files, a replaced manifest) and
// checked against what the sync logged. Floors from the same rounds (bench/sync-floors.ts): every page and detail
// fetched and parsed (bare fetch), and every page and detail asked with If-None-Match, all 304s, with fetch (bare
// conditional fetch) and with a bare got stream (got floor).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { recordFolderName } from '../main/cache/records/record-files';
import { systemClock } from '../main/clock';
import { nodeAtomicWriteIo } from '../main/fs/atomic-file';
import { redactingSecretStore } from '../main/keychain/redacting-secret-store';
import { KeytarSecretStore } from '../main/keychain/keytar-secret-store';
import type { Logger } from '../main/logging/logger';
import { createTokenFetcher } from '../main/auth/token-client';
import { Redactor } from '../main/logging/redactor';
import { createAppNetwork } from '../main/network/app-network';
import { directResolver } from '../main/network/proxy-resolver';
import { PortfolioService } from '../main/portfolios/portfolio-service';
import { ProfileConnections } from '../main/profiles/profile-connections';
import { ProfileService } from '../main/profiles/profile-service';
import { SettingsStore } from '../main/settings/settings-store';
import { folderMarks, written } from './folder-writes';
import { writeBenchResult } from './report';
import { startSandboxProcess } from './sandbox-process';
import { bareFetch, conditionalFloors, floorFigures, type FloorRound } from './sync-floors';

const portfolios = 10_000;
const holdingsCount = 50;
const runs = 3;
const revisedShare = 0.01;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/** What one sync did, from the folder, the log line and the sandbox's counters. */
interface SyncFigures {
  ms: number;
  /** New segment files: detail records, relocated records and index blocks. */
  portfolioBytes: number;
  manifestBytes: number;
  loggedBytes: number;
  requests: { list: number; detail: number };
  notModified: { list: number; detail: number };
  status: string;
}

async function benchShape(listHoldings: boolean, pageSize: number, secrets: KeytarSecretStore) {
  const sandbox = await startSandboxProcess({ portfolios, pageSize, holdingsCount, listHoldings, seed: 12 });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-sync-bench-'));
  const redactor = new Redactor();
  const logged: Array<Record<string, unknown>> = [];
  const logger: Logger = {
    debug() {},
    info: (message, fields) => void (message === 'sync done' && fields ? logged.push(fields) : undefined),
    warn: (message, fields) => console.warn(message, fields),
    error: (message, fields) => console.error(message, fields),
  };
  const store = redactingSecretStore(secrets, redactor);
  // The app's own network path, set to go direct (the sandbox is on loopback).
  const network = createAppNetwork(
    { systemResolver: directResolver },
    { secrets: store, redactor, logger, clock: systemClock, events: { emit() {} } },
  );
  const connections = new ProfileConnections({
    secrets: store,
    clock: systemClock,
    routeFor: (setting) => network.router.routeFor(setting),
    tokenFetcher: (route) => network.tokenFetcher(route),
    logger,
  });
  const profiles = new ProfileService({
    settings: new SettingsStore(userDataDir),
    secrets: store,
    connections,
    logger,
  });
  const profile = await profiles.save({
    name: 'Bench partner',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    secret: sandbox.credentials.clientSecret,
    tokenStyle: 'json',
  });
  // Built after the profile exists, so no activation starts a sync of its own: every sync here is asked for.
  const newService = () =>
    new PortfolioService({
      profiles,
      secrets: store,
      clock: systemClock,
      events: { emit() {} },
      userDataDir,
      logger,
      fileIo: nodeAtomicWriteIo,
      autoSync: { intervalMs: 0, retryMs: 3_600_000 },
    });
  const folder = path.join(userDataDir, 'cache', recordFolderName(profile.id));

  async function sync(service: PortfolioService): Promise<SyncFigures> {
    const before = await folderMarks(folder);
    await sandbox.resetCounters();
    const loggedBefore = logged.length;
    global.gc?.();
    const began = performance.now();
    const outcome = await service.syncNow();
    const ms = performance.now() - began;
    const bytes = written(before, await folderMarks(folder));
    const line = logged[loggedBefore];
    if (!line || logged.length !== loggedBefore + 1) throw new Error('the sync logged no "sync done" line');
    if (outcome.portfolioCount !== portfolios) throw new Error(`synced ${outcome.portfolioCount} portfolios`);
    const { requests, notModified } = await sandbox.counters();
    return {
      ms,
      portfolioBytes: bytes.segments,
      manifestBytes: bytes.manifest,
      loggedBytes: Number(line.bytesWritten),
      requests: { list: requests.list, detail: requests.detail },
      notModified: { ...notModified },
      status: outcome.status,
    };
  }

  // The floors (bench/sync-floors.ts) ask with the app's headers and a token of its own.
  const token = (await createTokenFetcher(systemClock)(profile, sandbox.credentials.clientSecret)).accessToken;
  const headers = { accept: 'application/json; version=1.0.0', authorization: `Bearer ${token}` };

  // Rounds, so each ratio compares syncs measured minutes apart at most on this shared machine: a full first
  // sync into an empty cache (folder and key removed), an unchanged sync, a sync after 1 % was revised, and the
  // bare fetch; then, after the last round, an unchanged sync right after a restart (a fresh service).
  const rounds: Array<{
    full: SyncFigures;
    unchanged: SyncFigures;
    revised: SyncFigures;
    floors: FloorRound;
  }> = [];
  let service = newService();
  for (let i = 0; i < runs; i += 1) {
    if (i > 0) {
      service.dispose();
      await service.cacheFor(profile.id).clear();
      service = newService();
    }
    const full = await sync(service);
    const unchanged = await sync(service);
    const published = await sandbox.revise(Math.round(portfolios * revisedShare));
    if (published !== Math.round(portfolios * revisedShare)) throw new Error(`the sandbox revised ${published} models`);
    const revised = await sync(service);
    const bare = await bareFetch(sandbox.baseUrl, headers, !listHoldings);
    if (bare.portfolios !== portfolios) throw new Error(`the bare fetch read ${bare.portfolios} portfolios`);
    const floors = { bareMs: bare.ms, ...(await conditionalFloors(bare.etags, headers, i % 2 === 0)) };
    rounds.push({ full, unchanged, revised, floors });
  }
  service.dispose();
  service = newService();
  const afterRestart = await sync(service);
  service.dispose();
  await service.cacheFor(profile.id).clear();
  network.dispose();
  await sandbox.close();
  await rm(userDataDir, { recursive: true, force: true });

  const all = [...rounds.flatMap((r) => [r.full, r.unchanged, r.revised]), afterRestart];
  for (const figures of all) {
    if (figures.loggedBytes !== figures.portfolioBytes + figures.manifestBytes)
      throw new Error(
        `the folder shows ${figures.portfolioBytes + figures.manifestBytes} bytes written, the log ${figures.loggedBytes}`,
      );
  }
  const total = (f: SyncFigures) => f.portfolioBytes + f.manifestBytes;
  const describe = (pick: (r: (typeof rounds)[number]) => SyncFigures) => {
    const list = rounds.map(pick);
    return {
      msRuns: list.map((f) => round(f.ms)),
      timeVsFullPerRound: rounds.map((r) => round(pick(r).ms / r.full.ms, 3)),
      timeVsFull: round(median(rounds.map((r) => pick(r).ms / r.full.ms)), 3),
      portfolioBytesRuns: list.map((f) => f.portfolioBytes),
      manifestBytesRuns: list.map((f) => f.manifestBytes),
      bytesVsFullWrite: round(median(rounds.map((r) => total(pick(r)) / total(r.full))), 4),
      portfolioBytesVsFullWrite: round(median(rounds.map((r) => pick(r).portfolioBytes / r.full.portfolioBytes)), 4),
      requests: list[0]!.requests,
      notModified: list[0]!.notModified,
      status: list.map((f) => f.status),
    };
  };
  const fullMedian = median(rounds.map((r) => r.full.ms));
  return {
    listHoldings,
    pageSize,
    fullSync: {
      msRuns: rounds.map((r) => round(r.full.ms)),
      bytesWritten: total(rounds[0]!.full),
      portfolioBytes: rounds[0]!.full.portfolioBytes,
      requests: rounds[0]!.full.requests,
    },
    revisedOnePercent: describe((r) => r.revised),
    unchanged: describe((r) => r.unchanged),
    unchangedAfterRestart: {
      ms: round(afterRestart.ms),
      timeVsMedianFull: round(afterRestart.ms / fullMedian, 3),
      portfolioBytes: afterRestart.portfolioBytes,
      manifestBytes: afterRestart.manifestBytes,
      requests: afterRestart.requests,
      notModified: afterRestart.notModified,
    },
    ...floorFigures(rounds),
  };
}

async function main(): Promise<void> {
  const secrets = new KeytarSecretStore(`com.modelportfolios.bench.${randomUUID()}`);
  const status = await secrets.probe();
  if (!status.available) throw new Error(`The keychain did not answer; run inside dbus-run-session (${status.reason})`);
  const loadBefore = os.loadavg()[0]!;
  const inList = await benchShape(true, 500, secrets);
  const detailsOnly = await benchShape(false, 500, secrets);
  // With 500 per page, 100 revisions touch every page, so even a 1 % sync downloads the whole catalogue; with
  // 50 per page (the sandbox's default) they touch about 40 % of the pages.
  const inListSmallPages = await benchShape(true, 50, secrets);
  await writeBenchResult('sync-incremental', {
    portfolios,
    holdingsPerPortfolio: holdingsCount,
    pageSize: 500,
    revisedPerSync: Math.round(portfolios * revisedShare),
    targets: { revisedBytesVsFull: 0.05, revisedTimeVsFull: 0.3, unchangedPortfolioBytes: 0, unchangedTimeVsFull: 0.2 },
    holdingsInList: inList,
    holdingsFromDetails: detailsOnly,
    holdingsInListPagesOf50: inListSmallPages,
    loadAverage1m: { before: round(loadBefore, 2), after: round(os.loadavg()[0]!, 2) },
  });
}

await main();
