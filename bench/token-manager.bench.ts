// Token manager figures: per-call overhead on the hot path (a valid token in memory), and 1000
// concurrent callers with no token against the sandbox over loopback (token requests, wall time).
// The keychain is an in-memory SecretStore here: the hot path never touches it, and the benchmark
// should run without a D-Bus session.
import { performance } from 'node:perf_hooks';
import type { Profile } from '../common/profile';
import { clientSecretAccount } from '../main/auth/keychain-accounts';
import { silentLogger } from '../main/logging/logger';
import { createTokenFetcher } from '../main/auth/token-client';
import { TokenManager } from '../main/auth/token-manager';
import { systemClock } from '../main/clock';
import { startSandbox } from '../sandbox';
import { MemorySecretStore } from './memory-secret-store';
import { writeBenchResult } from './report';

const sandbox = await startSandbox({ portfolios: 10 });

async function manager(id: string): Promise<TokenManager> {
  const secrets = new MemorySecretStore();
  const profile: Profile = {
    id,
    name: 'bench',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    tokenStyle: 'json',
    demo: false,
    network: { mode: 'none' },
  };
  await secrets.set(clientSecretAccount(id), sandbox.credentials.clientSecret);
  return new TokenManager({
    profile,
    secrets,
    clock: systemClock,
    fetchToken: createTokenFetcher(systemClock),
    logger: silentLogger,
  });
}

// 1. Hot path.
const hot = await manager('hot');
await hot.getToken();
const calls = 500_000;
for (let i = 0; i < 10_000; i += 1) await hot.getToken(); // warm-up
let started = performance.now();
for (let i = 0; i < calls; i += 1) await hot.getToken();
const getTokenNs = ((performance.now() - started) * 1e6) / calls;
const resolved = Promise.resolve('x');
started = performance.now();
for (let i = 0; i < calls; i += 1) await resolved;
const awaitFloorNs = ((performance.now() - started) * 1e6) / calls;

// 2. 1000 concurrent callers, no token yet (median of 5 runs, each with a fresh manager).
const runs: Array<{ tokenRequests: number; wallMs: number }> = [];
for (let run = 0; run < 5; run += 1) {
  const cold = await manager(`cold-${run}`);
  const before = sandbox.counters.tokenRequests;
  started = performance.now();
  const tokens = await Promise.all(Array.from({ length: 1000 }, () => cold.getToken()));
  const wallMs = performance.now() - started;
  if (new Set(tokens).size !== 1) throw new Error('callers got different tokens');
  runs.push({ tokenRequests: sandbox.counters.tokenRequests - before, wallMs });
}
await sandbox.close();
const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);

await writeBenchResult('token-manager', {
  getTokenHotPathNsPerCall: Math.round(getTokenNs),
  awaitResolvedPromiseFloorNsPerCall: Math.round(awaitFloorNs),
  hotPathCalls: calls,
  concurrentCallers: 1000,
  concurrentTokenRequestsPerRun: runs.map((r) => r.tokenRequests),
  concurrentWallMsMedian: Number(sorted[2]!.wallMs.toFixed(1)),
  concurrentWallMsRuns: runs.map((r) => Number(r.wallMs.toFixed(1))),
});
