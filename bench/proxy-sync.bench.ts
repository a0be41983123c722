// The cost of the proxy: a full sync of 10,000 portfolios through a real tinyproxy on loopback,
// against the same sync going direct, in the same run. Two shapes: the list with holdings inline
// (pages of 500: few, large responses) and the list without holdings (10,000 detail requests: the
// per-request cost), each over http (forwarded, a new proxy connection per request) and TLS (CONNECT
// tunnels, kept alive).
import { performance } from 'node:perf_hooks';
import { ApiClient } from '../main/api/api-client';
import type { HttpRoute } from '../main/api/http-request';
import { createTokenFetcher } from '../main/auth/token-client';
import { systemClock } from '../main/clock';
import { createLogger } from '../main/logging/logger';
import { Redactor } from '../main/logging/redactor';
import { environmentProxyResolver } from '../main/network/environment-proxy-resolver';
import { HttpRouter } from '../main/network/http-router';
import { runSync } from '../main/sync/sync-run';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import { startTinyproxy, type Tinyproxy } from '../tests/integration/support/tinyproxy';
import { MemorySecretStore } from './memory-secret-store';
import { writeBenchResult } from './report';

const portfolios = 10_000;
const runs = 3;

async function measure(shape: SandboxOptions, tls: boolean) {
  const sandbox = await startSandbox({ portfolios, holdingsCount: 50, tls, ...shape });
  const proxy = await startTinyproxy({ connectPorts: [Number(new URL(sandbox.baseUrl).port)] });
  try {
    return await measureWith(sandbox, proxy);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

async function measureWith(sandbox: Sandbox, proxy: Tinyproxy) {
  const redactor = new Redactor();
  const logger = createLogger(redactor);
  const router = new HttpRouter({
    systemResolver: environmentProxyResolver({ http_proxy: proxy.url, https_proxy: proxy.url }),
    secrets: new MemorySecretStore(),
    redactor,
    logger,
    extraCa: sandbox.caPem ? [sandbox.caPem] : [],
  });
  const direct = router.routeFor({ mode: 'none' });
  const proxied = router.routeFor({ mode: 'system' });
  const profile = {
    id: 'bench',
    name: 'bench',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    tokenStyle: 'json' as const,
    demo: false,
    network: { mode: 'system' as const },
  };
  const token = (await createTokenFetcher(systemClock, { route: direct })(profile, sandbox.credentials.clientSecret))
    .accessToken;

  const sync = async (route: HttpRoute) => {
    const api = new ApiClient(
      sandbox.baseUrl,
      { getToken: () => Promise.resolve(token), invalidate: () => Promise.resolve() },
      { route },
    );
    const started = performance.now();
    const result = await runSync({
      api,
      profileId: 'bench',
      clock: systemClock,
      stored: null,
      signal: new AbortController().signal,
    });
    const ms = performance.now() - started;
    if (result.commit.portfolios.length !== portfolios) throw new Error('short sync');
    return ms;
  };

  // Warm up both paths once, then alternate and take medians.
  await sync(direct);
  await sync(proxied);
  const before = { requests: (await proxy.requests()).length, served: total(sandbox.counters.requests) };
  const directMs: number[] = [];
  const proxiedMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    directMs.push(await sync(direct));
    proxiedMs.push(await sync(proxied));
  }
  const proxyLines = (await proxy.requests()).length - before.requests;
  const served = total(sandbox.counters.requests) - before.served;
  router.dispose();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    requestsPerSync: served / (2 * runs),
    proxyLogLinesPerSync: proxyLines / runs,
    directMsMedian: Math.round(median(directMs)),
    proxiedMsMedian: Math.round(median(proxiedMs)),
    ratioProxiedOverDirect: Number((median(proxiedMs) / median(directMs)).toFixed(2)),
    directMsRuns: directMs.map(Math.round),
    proxiedMsRuns: proxiedMs.map(Math.round),
  };
}

function total(requests: Record<string, number>): number {
  return Object.values(requests).reduce((sum, count) => sum + count, 0);
}

/** Measures one shape and says how long the measuring took (on stderr), so a slow shape is easy to spot. */
async function timed(label: string, shape: SandboxOptions, tls: boolean) {
  const started = performance.now();
  const figures = await measure(shape, tls);
  console.error(`${label}: measured in ${Math.round((performance.now() - started) / 1000)} s`);
  return figures;
}

const inlinePages = { pageSize: 500 } satisfies SandboxOptions;
const detailRequests = { pageSize: 500, listHoldings: false } satisfies SandboxOptions;

await writeBenchResult('proxy-sync', {
  portfolios,
  holdingsPerPortfolio: 50,
  proxy: 'tinyproxy on 127.0.0.1 (LogLevel Info)',
  listWithHoldingsHttp: await timed('list with holdings, http', inlinePages, false),
  listWithHoldingsTls: await timed('list with holdings, TLS', inlinePages, true),
  detailPerPortfolioHttp: await timed('detail per portfolio, http', detailRequests, false),
  detailPerPortfolioTls: await timed('detail per portfolio, TLS', detailRequests, true),
});
