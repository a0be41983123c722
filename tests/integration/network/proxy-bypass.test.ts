import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkSetting } from '../../../common/network-setting';
import type { HttpRouter } from '../../../main/network/http-router';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { Capture, privateKeychain } from '../support/auth-fixture';
import { manualSetting, syncThrough, testConnectionThrough, testRouter } from '../support/network-fixture';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy';

// What goes around the proxy: NO_PROXY, a manual bypass list, and the "No proxy" mode.

const capture = new Capture();
const secrets = privateKeychain();
const running: Array<{ close(): Promise<void> }> = [];
const routers: HttpRouter[] = [];

afterEach(async () => {
  for (const router of routers.splice(0)) router.dispose();
  for (const item of running.splice(0).reverse()) await item.close();
});

async function twoSandboxesAndAProxy(): Promise<{ bypassed: Sandbox; proxied: Sandbox; proxy: Tinyproxy }> {
  const bypassed = await startSandbox({ portfolios: 6 });
  running.push(bypassed);
  const proxied = await startSandbox({ portfolios: 6 });
  running.push(proxied);
  const proxy = await startTinyproxy();
  running.push(proxy);
  return { bypassed, proxied, proxy };
}

const hostPort = (sandbox: Sandbox) => new URL(sandbox.baseUrl).host;

async function syncBoth(network: HttpRouter, setting: NetworkSetting, sandboxes: Sandbox[]): Promise<void> {
  routers.push(network);
  const route = network.routeFor(setting);
  for (const sandbox of sandboxes) {
    const result = await syncThrough(sandbox, route, secrets, capture);
    expect(result.commit.portfolios).toHaveLength(6);
  }
}

describe('hosts that skip the proxy', () => {
  it('NO_PROXY (with a port) sends that host direct: the proxy log shows nothing for it', async () => {
    const { bypassed, proxied, proxy } = await twoSandboxesAndAProxy();
    const network = testRouter({
      secrets,
      capture,
      env: { http_proxy: proxy.url, NO_PROXY: `example.invalid, ${hostPort(bypassed)}` },
    });
    await syncBoth(network, { mode: 'system' }, [bypassed, proxied]);
    const logged = await proxy.requests();
    expect(logged.filter((line) => line.target.includes(hostPort(bypassed)))).toEqual([]);
    expect(logged.filter((line) => line.target.includes(hostPort(proxied))).length).toBe(
      proxied.counters.requests.token + proxied.counters.requests.list,
    );
    expect(bypassed.counters.requests.list).toBeGreaterThan(0);
  });

  it('a manual proxy’s bypass list sends that host direct; without it both go through the proxy', async () => {
    const { bypassed, proxied, proxy } = await twoSandboxesAndAProxy();
    await syncBoth(testRouter({ secrets, capture }), manualSetting(proxy.url, [hostPort(bypassed)]), [
      bypassed,
      proxied,
    ]);
    let logged = await proxy.requests();
    expect(logged.filter((line) => line.target.includes(hostPort(bypassed)))).toEqual([]);
    expect(logged.filter((line) => line.target.includes(hostPort(proxied))).length).toBeGreaterThan(0);

    await syncBoth(testRouter({ secrets, capture }), manualSetting(proxy.url), [bypassed]);
    logged = await proxy.requests();
    expect(logged.filter((line) => line.target.includes(hostPort(bypassed))).length).toBeGreaterThan(0);
  });

  it('"No proxy" ignores HTTPS_PROXY; the same router’s system route uses it', async () => {
    const sandbox = await startSandbox({ tls: true, portfolios: 6 });
    running.push(sandbox);
    const proxy = await startTinyproxy();
    running.push(proxy);
    const network = testRouter({
      secrets,
      capture,
      env: { HTTPS_PROXY: proxy.url, https_proxy: proxy.url, ALL_PROXY: proxy.url },
      extraCa: [sandbox.caPem],
    });
    routers.push(network);
    const none = network.routeFor({ mode: 'none' });
    const report = await testConnectionThrough(sandbox, none, capture);
    expect(report.ok).toBe(true);
    expect(report.steps[0]?.detail).toBe(`Reached ${hostPort(sandbox)} directly.`);
    expect((await syncThrough(sandbox, none, secrets, capture)).commit.portfolios).toHaveLength(6);
    expect(await proxy.requests()).toEqual([]);

    const system = network.routeFor({ mode: 'system' });
    expect((await syncThrough(sandbox, system, secrets, capture)).commit.portfolios).toHaveLength(6);
    expect((await proxy.requests()).length).toBeGreaterThan(0);
  });
});
