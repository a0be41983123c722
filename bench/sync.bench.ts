// Sync of 10,000 portfolios × 50 holdings over loopback, against a bare fetch + JSON.parse of the
// same pages: the price of the app's client (got, token, tolerant parsing, normalisation, checks)
// over the least a client could do. The cache write is measured apart.
import { performance } from 'node:perf_hooks';
import { ApiClient } from '../main/api/api-client';
import { createTokenFetcher } from '../main/auth/token-client';
import { systemClock } from '../main/clock';
import { runSync } from '../main/sync/sync-run';
import { startSandbox } from '../sandbox';
import { writeBenchResult } from './report';

const portfolios = 10_000;
const pageSize = 500;
const sandbox = await startSandbox({ portfolios, pageSize, holdingsCount: 50 });
const profile = {
  id: 'bench',
  name: 'bench',
  baseUrl: sandbox.baseUrl,
  clientId: sandbox.credentials.clientId,
  tokenStyle: 'json' as const,
  demo: false,
  network: { mode: 'none' as const },
};
const token = (await createTokenFetcher(systemClock)(profile, sandbox.credentials.clientSecret)).accessToken;
const headers = { accept: 'application/json; version=1.0.0', authorization: `Bearer ${token}` };

async function bareFetch(): Promise<{ ms: number; bytes: number; items: number }> {
  const started = performance.now();
  let url: string | null = `${sandbox.baseUrl}/model-portfolios`;
  let bytes = 0;
  let items = 0;
  while (url) {
    const response = await fetch(url, { headers });
    const text = await response.text();
    bytes += Buffer.byteLength(text);
    const body = JSON.parse(text) as { data: unknown[]; next: string | null };
    items += body.data.length;
    url = body.next;
  }
  return { ms: performance.now() - started, bytes, items };
}

async function appSync(): Promise<{ ms: number; items: number; holdings: number }> {
  const api = new ApiClient(sandbox.baseUrl, {
    getToken: () => Promise.resolve(token),
    invalidate: () => Promise.resolve(),
  });
  const started = performance.now();
  const result = await runSync({
    api,
    profileId: 'bench',
    clock: systemClock,
    stored: null,
    signal: new AbortController().signal,
  });
  const ms = performance.now() - started;
  const fetched = result.commit.portfolios.flatMap((entry) => (entry.kind === 'fetched' ? [entry.portfolio] : []));
  const holdings = fetched.reduce((n, p) => n + p.holdings.length, 0);
  return { ms, items: fetched.length, holdings };
}

// Warm up both paths once, then alternate 3 runs each and take medians.
await bareFetch();
await appSync();
const bare: number[] = [];
const app: number[] = [];
let bytes = 0;
let holdings = 0;
for (let run = 0; run < 3; run += 1) {
  const b = await bareFetch();
  bare.push(b.ms);
  bytes = b.bytes;
  const a = await appSync();
  app.push(a.ms);
  holdings = a.holdings;
  if (a.items !== portfolios || b.items !== portfolios) throw new Error('short read');
}
await sandbox.close();
const median = (values: number[]) => [...values].sort((x, y) => x - y)[1]!;

await writeBenchResult('sync', {
  portfolios,
  holdings,
  pageSize,
  responseMegabytes: Number((bytes / 1e6).toFixed(1)),
  appSyncMsMedian: Math.round(median(app)),
  bareFetchJsonParseMsMedian: Math.round(median(bare)),
  ratioAppOverBare: Number((median(app) / median(bare)).toFixed(2)),
  appSyncMsRuns: app.map(Math.round),
  bareMsRuns: bare.map(Math.round),
});
