import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { HttpRouter } from '../../../main/network/http-router';
import { Capture, privateKeychain } from '../support/auth-fixture';
import { syncThrough, testConnectionThrough, testRouter } from '../support/network-fixture';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy';

// The whole path through a real proxy (Debian's tinyproxy on 127.0.0.1): the token POST and every
// GET of Test connection and of a full sync, against the real sandbox over http and over TLS.

const capture = new Capture();
const secrets = privateKeychain();
const running: Array<{ close(): Promise<void> }> = [];
let router: HttpRouter | null = null;

afterEach(async () => {
  router?.dispose();
  router = null;
  for (const item of running.splice(0).reverse()) await item.close();
});

afterAll(() => {
  expect(capture.lines.length).toBeGreaterThan(0);
});

async function setUp(tls: boolean): Promise<{ sandbox: Sandbox; proxy: Tinyproxy; port: number }> {
  const sandbox = await startSandbox({ tls, portfolios: 30, pageSize: 10, listHoldings: false });
  running.push(sandbox);
  const port = Number(new URL(sandbox.baseUrl).port);
  const proxy = await startTinyproxy({ connectPorts: [port] });
  running.push(proxy);
  // "The system's proxy settings" outside Electron: the environment, as curl reads it.
  router = testRouter({
    secrets,
    capture,
    env: { http_proxy: proxy.url, https_proxy: proxy.url },
    extraCa: [sandbox.caPem],
  });
  return { sandbox, proxy, port };
}

function total(sandbox: Sandbox): number {
  const { token, list, detail, other } = sandbox.counters.requests;
  return token + list + detail + other;
}

describe('through a real proxy, over http (forwarded requests)', () => {
  it('Test connection says it went through the proxy, and every request is in the proxy log', async () => {
    const { sandbox, proxy, port } = await setUp(false);
    const report = await testConnectionThrough(sandbox, router!.routeFor({ mode: 'system' }), capture);
    expect(report.ok).toBe(true);
    expect(report.steps[0]?.detail).toBe(`Reached 127.0.0.1:${port} through the proxy at ${proxy.host}:${proxy.port}.`);
    const logged = await proxy.requests();
    expect(logged).toEqual([
      { method: 'POST', target: `${sandbox.baseUrl}/oauth/token` },
      { method: 'GET', target: `${sandbox.baseUrl}/model-portfolios` },
    ]);
    expect(sandbox.counters.requests).toMatchObject({ token: 1, list: 1 });
  });

  it('a full sync goes through the proxy: the log and the sandbox counters agree, request by request', async () => {
    const { sandbox, proxy } = await setUp(false);
    const result = await syncThrough(sandbox, router!.routeFor({ mode: 'system' }), secrets, capture);
    expect(result.commit.portfolios).toHaveLength(30);
    const logged = await proxy.requests();
    const byKind = (method: string, pattern: RegExp) =>
      logged.filter((line) => line.method === method && pattern.test(line.target)).length;
    expect(logged.every((line) => line.target.startsWith(`${sandbox.baseUrl}/`))).toBe(true);
    expect(byKind('POST', /\/oauth\/token$/)).toBe(sandbox.counters.requests.token);
    expect(byKind('GET', /\/model-portfolios(\?page=\d+)?$/)).toBe(sandbox.counters.requests.list);
    expect(byKind('GET', /\/model-portfolios\/mp-\d{6}$/)).toBe(sandbox.counters.requests.detail);
    expect(sandbox.counters.requests.detail).toBe(30);
    expect(logged).toHaveLength(total(sandbox));
    // Every connection the sandbox accepted came from the proxy: one per forwarded request.
    expect(sandbox.counters.connections).toBe(logged.length);
  });
});

describe('through a real proxy, over TLS (CONNECT tunnels)', () => {
  it('Test connection and a full sync go through CONNECT tunnels only, trusting the sandbox CA alone', async () => {
    const { sandbox, proxy, port } = await setUp(true);
    expect(sandbox.baseUrl).toMatch(/^https:/);
    const route = router!.routeFor({ mode: 'system' });
    const report = await testConnectionThrough(sandbox, route, capture);
    expect(report.ok).toBe(true);
    expect(report.steps[0]?.detail).toBe(`Reached 127.0.0.1:${port} through the proxy at ${proxy.host}:${proxy.port}.`);
    const result = await syncThrough(sandbox, route, secrets, capture);
    expect(result.commit.portfolios).toHaveLength(30);

    const logged = await proxy.requests();
    expect(logged.length).toBeGreaterThan(0);
    // The proxy saw tunnels to the sandbox and nothing in clear.
    expect(logged.every((line) => line.method === 'CONNECT' && line.target === `127.0.0.1:${port}`)).toBe(true);
    // Every TLS connection the sandbox accepted is one of those tunnels, so every request went through one.
    expect(sandbox.counters.connections).toBe(logged.length);
    expect(sandbox.counters.requests).toMatchObject({ token: 2, detail: 30 });
    // Kept-alive tunnels carry many requests each.
    expect(total(sandbox)).toBeGreaterThan(logged.length);
  });
});
