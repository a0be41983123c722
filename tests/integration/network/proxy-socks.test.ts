import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRouter } from '../../../main/network/http-router';
import { startSandbox } from '../../../sandbox';
import { Capture, privateKeychain } from '../support/auth-fixture';
import { startMicrosocks } from '../support/microsocks';
import { manualSetting, syncThrough, testConnectionThrough, testRouter } from '../support/network-fixture';

// SOCKS5 through a real SOCKS server (Debian's microsocks), chosen by a PAC result or a manual setting.

const capture = new Capture();
const secrets = privateKeychain();
const running: Array<{ close(): Promise<void> }> = [];
const routers: HttpRouter[] = [];

afterEach(async () => {
  for (const router of routers.splice(0)) router.dispose();
  for (const item of running.splice(0).reverse()) await item.close();
});

describe.each([
  ['http', false],
  ['TLS', true],
])('through a SOCKS5 proxy (%s)', (_label, tls) => {
  it('Test connection and a full sync go through it: every connection the sandbox accepted came from it', async () => {
    const sandbox = await startSandbox({ tls, portfolios: 20, pageSize: 5, listHoldings: false });
    running.push(sandbox);
    const socks = await startMicrosocks();
    running.push(socks);
    const network = testRouter({
      secrets,
      capture,
      systemResolver: () => Promise.resolve(`SOCKS5 ${socks.host}:${socks.port}`),
      extraCa: [sandbox.caPem],
    });
    routers.push(network);
    const route = network.routeFor({ mode: 'system' });
    const report = await testConnectionThrough(sandbox, route, capture);
    expect(report.ok).toBe(true);
    const target = new URL(sandbox.baseUrl).host;
    expect(report.steps[0]?.detail).toBe(`Reached ${target} through the SOCKS proxy at ${socks.host}:${socks.port}.`);
    const result = await syncThrough(sandbox, route, secrets, capture);
    expect(result.commit.portfolios).toHaveLength(20);
    const connections = socks.connections();
    expect(connections.length).toBeGreaterThan(0);
    expect(connections.every((connection) => connection === target)).toBe(true);
    expect(sandbox.counters.connections).toBe(connections.length);
    expect(sandbox.counters.requests).toMatchObject({ token: 2, detail: 20 });
  });
});

describe('a manual SOCKS5 proxy', () => {
  it('is used for every request', async () => {
    const sandbox = await startSandbox({ portfolios: 5 });
    running.push(sandbox);
    const socks = await startMicrosocks();
    running.push(socks);
    const network = testRouter({ secrets, capture });
    routers.push(network);
    const result = await syncThrough(
      sandbox,
      network.routeFor(manualSetting(`socks5://${socks.host}:${socks.port}`)),
      secrets,
      capture,
    );
    expect(result.commit.portfolios).toHaveLength(5);
    expect(socks.connections().length).toBe(sandbox.counters.connections);
    expect(sandbox.counters.connections).toBeGreaterThan(0);
  });
});
