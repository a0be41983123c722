import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { createTokenFetcher } from '../../../main/auth/token-client';
import { systemClock } from '../../../main/clock';
import type { HttpRouter } from '../../../main/network/http-router';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { Capture, privateKeychain, sandboxProfile, settle } from '../support/auth-fixture';
import { startChallengeOnlyProxy } from '../support/challenge-only-proxy';
import { apiThrough, ScriptedPrompt, syncThrough, testConnectionThrough, testRouter } from '../support/network-fixture';
import { startTinyproxy } from '../support/tinyproxy';

const capture = new Capture();
const secrets = privateKeychain();
const running: Array<{ close(): Promise<void> }> = [];
const routers: HttpRouter[] = [];

afterEach(async () => {
  for (const router of routers.splice(0)) router.dispose();
  for (const item of running.splice(0).reverse()) await item.close();
});

afterAll(() => {
  expect(capture.lines.join('\n')).toMatch(/proxy unreachable/);
});

function keep<T extends { close(): Promise<void> }>(item: T): T {
  running.push(item);
  return item;
}

function router(options: Parameters<typeof testRouter>[0]): HttpRouter {
  const built = testRouter(options);
  routers.push(built);
  return built;
}

/** A port on 127.0.0.1 where nothing listens. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error('expected a failure');
  capture.error(outcome.error);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

const portOf = (sandbox: Sandbox) => Number(new URL(sandbox.baseUrl).port);

describe.each([
  ['http', false],
  ['TLS', true],
])('a proxy that stops (%s)', (_label, tls) => {
  it('is PROXY_UNREACHABLE, naming the proxy, and the same route works again once it is back', async () => {
    const sandbox = keep(await startSandbox({ tls, portfolios: 8 }));
    const proxy = keep(await startTinyproxy({ connectPorts: [portOf(sandbox)] }));
    const route = router({
      secrets,
      capture,
      env: { http_proxy: proxy.url, https_proxy: proxy.url },
      extraCa: [sandbox.caPem],
    }).routeFor({ mode: 'system' });
    const { api } = await apiThrough(sandbox, route, secrets, capture);
    await expect(api.getJson('model-portfolios')).resolves.toMatchObject({ status: 200 });

    await proxy.stop();
    const getError = await failure(api.getJson('model-portfolios'));
    expect(getError.code).toBe('PROXY_UNREACHABLE');
    expect(getError.retryable).toBe(true);
    expect(getError.message).toContain(`the proxy at ${proxy.host}:${proxy.port}`);
    const tokenError = await failure(
      createTokenFetcher(systemClock, { route })(sandboxProfile(sandbox), sandbox.credentials.clientSecret),
    );
    expect(tokenError.code).toBe('PROXY_UNREACHABLE');
    const report = await testConnectionThrough(sandbox, route, capture);
    expect(report.steps[0]).toMatchObject({ id: 'reach', status: 'failed' });
    expect(report.steps[0]?.detail).toContain(`${proxy.host}:${proxy.port}`);

    await proxy.start();
    const result = await syncThrough(sandbox, route, secrets, capture);
    expect(result.commit.portfolios).toHaveLength(8);
  });
});

describe('the API down behind a working proxy, and the API down without one', () => {
  it('is NETWORK_UNREACHABLE either way, never PROXY_UNREACHABLE', async () => {
    const gone = await startSandbox({ tls: true });
    await gone.close();
    const proxy = keep(await startTinyproxy());
    const network = router({ secrets, capture, env: { https_proxy: proxy.url }, extraCa: [gone.caPem] });
    const secret = 'never-printed-client-secret-42';
    const fetchThrough = (mode: 'system' | 'none') =>
      createTokenFetcher(systemClock, { route: network.routeFor({ mode }) })(sandboxProfile(gone), secret);
    const viaProxy = await failure(fetchThrough('system'));
    expect(viaProxy.code).toBe('NETWORK_UNREACHABLE');
    expect(viaProxy.message).toMatch(
      new RegExp(`proxy at ${proxy.host}:${proxy.port} could not reach .*\\(HTTP 5\\d\\d\\)`),
    );
    const direct = await failure(fetchThrough('none'));
    expect(direct.code).toBe('NETWORK_UNREACHABLE');
    // The cause is kept for the log, but none of the request that failed (its body held the secret).
    expect(direct.cause).toMatchObject({ code: 'ECONNREFUSED' });
    for (const error of [viaProxy, direct])
      expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain(secret);
  });
});

describe('several proxies in a PAC list', () => {
  it('falls back from a proxy that cannot be reached to the next one', async () => {
    const sandbox = keep(await startSandbox({ portfolios: 5 }));
    const proxy = keep(await startTinyproxy());
    const dead = await deadPort();
    const route = router({
      secrets,
      capture,
      systemResolver: () => Promise.resolve(`PROXY 127.0.0.1:${dead}; PROXY ${proxy.host}:${proxy.port}; DIRECT`),
    }).routeFor({ mode: 'system' });
    const report = await testConnectionThrough(sandbox, route, capture);
    expect(report.ok).toBe(true);
    expect(report.steps[0]?.detail).toBe(
      `Reached 127.0.0.1:${portOf(sandbox)} through the proxy at ${proxy.host}:${proxy.port}.`,
    );
    expect((await proxy.requests()).length).toBe(2);
  });

  it('goes DIRECT when the PAC says so after a dead proxy, and says so', async () => {
    const sandbox = keep(await startSandbox({ portfolios: 5 }));
    const dead = await deadPort();
    const route = router({
      secrets,
      capture,
      systemResolver: () => Promise.resolve(`PROXY 127.0.0.1:${dead}; DIRECT`),
    }).routeFor({ mode: 'system' });
    const report = await testConnectionThrough(sandbox, route, capture);
    expect(report.ok).toBe(true);
    expect(report.steps[0]?.detail).toBe(`Reached 127.0.0.1:${portOf(sandbox)} directly.`);
  });
});

describe('a proxy that will not open the way', () => {
  it('refusing the CONNECT is PROXY_REFUSED with the proxy’s status; nothing reaches the API', async () => {
    const sandbox = keep(await startSandbox({ tls: true }));
    const proxy = keep(await startTinyproxy({ connectPorts: [443] }));
    const route = router({ secrets, capture, env: { https_proxy: proxy.url }, extraCa: [sandbox.caPem] }).routeFor({
      mode: 'system',
    });
    const error = await failure(
      createTokenFetcher(systemClock, { route })(sandboxProfile(sandbox), sandbox.credentials.clientSecret),
    );
    expect(error.code).toBe('PROXY_REFUSED');
    expect(error.message).toMatch(/\(HTTP 403\)/);
    expect(error.message).toContain(`127.0.0.1:${portOf(sandbox)}`);
    expect(sandbox.counters.connections).toBe(0);
    expect(await proxy.requests()).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${portOf(sandbox)}` }]);
  });

  it.each([
    ['http', false],
    ['TLS', true],
  ])('asking only for NTLM or Negotiate is PROXY_AUTH_UNSUPPORTED, with no prompt (%s)', async (_label, tls) => {
    const sandbox = keep(await startSandbox({ tls }));
    const proxy = keep(await startChallengeOnlyProxy(['Negotiate', 'NTLM']));
    const prompt = new ScriptedPrompt([{ username: 'someone', password: 'never-sent-1' }]);
    const route = router({
      secrets,
      capture,
      prompt: prompt.prompt,
      env: { http_proxy: `http://127.0.0.1:${proxy.port}`, https_proxy: `http://127.0.0.1:${proxy.port}` },
      extraCa: [sandbox.caPem],
    }).routeFor({ mode: 'system' });
    const error = await failure(
      createTokenFetcher(systemClock, { route })(sandboxProfile(sandbox), sandbox.credentials.clientSecret),
    );
    expect(error.code).toBe('PROXY_AUTH_UNSUPPORTED');
    expect(error.message).toContain('NEGOTIATE or NTLM');
    expect(prompt.asked).toEqual([]);
    expect(proxy.refused).toBe(1);
    expect(sandbox.counters.requests.token).toBe(0);
  });

  it('a 407 that names no sign-in method is PROXY_AUTH_REQUIRED', async () => {
    const sandbox = keep(await startSandbox({ tls: true }));
    const proxy = keep(await startChallengeOnlyProxy([]));
    const route = router({
      secrets,
      capture,
      env: { https_proxy: `http://127.0.0.1:${proxy.port}` },
      extraCa: [sandbox.caPem],
    }).routeFor({ mode: 'system' });
    const error = await failure(
      createTokenFetcher(systemClock, { route })(sandboxProfile(sandbox), sandbox.credentials.clientSecret),
    );
    expect(error.code).toBe('PROXY_AUTH_REQUIRED');
    expect(error.message).toMatch(/without saying how/);
  });
});
