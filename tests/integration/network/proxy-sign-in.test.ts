import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { ApiClient } from '../../../main/api/api-client';
import { proxyCredentialsAccount } from '../../../main/auth/keychain-accounts';
import { createTokenFetcher } from '../../../main/auth/token-client';
import { systemClock } from '../../../main/clock';
import type { ProxySignInRequest } from '../../../common/proxy-sign-in';
import type { HttpRouter } from '../../../main/network/http-router';
import { ProxyPromptBroker } from '../../../main/network/proxy-prompt-broker';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { Capture, privateKeychain, sandboxProfile, settle } from '../support/auth-fixture';
import { clientOptions, ScriptedPrompt, syncThrough, testRouter } from '../support/network-fixture';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy';

// Proxy sign-in (Basic) against a real tinyproxy with BasicAuth, with the real keychain.

const user = 'advisor';
const password = 'proxy-Pa55word-7Qx';
const wrongPassword = 'not-the-Pa55word-9';
const basic = (secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');

const capture = new Capture();
const secrets = privateKeychain();
const running: Array<{ close(): Promise<void> }> = [];
const routers: HttpRouter[] = [];
const accounts = new Set<string>();

afterEach(async () => {
  for (const router of routers.splice(0)) router.dispose();
  for (const item of running.splice(0).reverse()) await item.close();
  for (const account of accounts) await secrets.delete(account).catch(() => false);
});

afterAll(() => {
  // Neither password, nor its Basic form, reached a log line or a captured error.
  expect(capture.leaks([password, wrongPassword, basic(password), basic(wrongPassword)])).toEqual([]);
  expect(capture.lines.join('\n')).toMatch(/the proxy asks for sign-in/);
});

async function setUp(tls: boolean, options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ tls, portfolios: 12, pageSize: 5, listHoldings: false, ...options });
  running.push(sandbox);
  // The foreign origin (for the redirect cases) exists only with fault injection.
  const foreign = sandbox.options.faults ? [Number(new URL(sandbox.foreign.baseUrl).port)] : [];
  const ports = [Number(new URL(sandbox.baseUrl).port), ...foreign];
  const proxy = await startTinyproxy({ basicAuth: { user, password }, connectPorts: ports });
  running.push(proxy);
  const account = proxyCredentialsAccount(proxy.host, proxy.port);
  accounts.add(account);
  return { sandbox, proxy, account };
}

function router(sandbox: Sandbox, proxy: Tinyproxy, prompt: ScriptedPrompt, maxPrompts?: number): HttpRouter {
  const built = testRouter({
    secrets,
    capture,
    env: { http_proxy: proxy.url, https_proxy: proxy.url },
    extraCa: [sandbox.caPem],
    prompt: prompt.prompt,
    maxPrompts,
  });
  routers.push(built);
  return built;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error('expected a failure');
  capture.error(outcome.error);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

describe.each([
  ['http (forwarded, 407 answer)', false],
  ['TLS (CONNECT answered 407)', true],
])('proxy sign-in over %s', (_label, tls) => {
  it('asks once, keeps the credentials in the keychain once the proxy accepts them, and a restart does not ask', async () => {
    const { sandbox, proxy, account } = await setUp(tls);
    const prompt = new ScriptedPrompt([{ username: user, password }]);
    const first = router(sandbox, proxy, prompt);
    const result = await syncThrough(sandbox, first.routeFor({ mode: 'system' }), secrets, capture);
    expect(result.commit.portfolios).toHaveLength(12);
    expect(prompt.asked).toEqual([{ host: proxy.host, port: proxy.port, realm: 'Tinyproxy', reason: 'required' }]);
    expect(JSON.parse((await secrets.get(account)) ?? 'null')).toEqual({ username: user, password });

    const never = new ScriptedPrompt([]);
    const restarted = router(sandbox, proxy, never);
    const again = await syncThrough(sandbox, restarted.routeFor({ mode: 'system' }), secrets, capture);
    expect(again.commit.portfolios).toHaveLength(12);
    expect(never.asked).toEqual([]);
    expect(sandbox.counters.requests.detail).toBe(24);
    expect((await proxy.requests()).length).toBeGreaterThan(0);
  });

  it('many requests waiting on one 407 share a single prompt', async () => {
    const { sandbox, proxy } = await setUp(tls);
    // A token fetched directly (the proxy is not what this test is about), then 12 GETs at once through the proxy.
    const direct = router(sandbox, proxy, new ScriptedPrompt([])).routeFor({ mode: 'none' });
    const token = (
      await createTokenFetcher(systemClock, { route: direct })(
        sandboxProfile(sandbox),
        sandbox.credentials.clientSecret,
      )
    ).accessToken;
    const prompt = new ScriptedPrompt([{ username: user, password }]);
    const route = router(sandbox, proxy, prompt).routeFor({ mode: 'system' });
    const api = new ApiClient(
      sandbox.baseUrl,
      { getToken: () => Promise.resolve(token), invalidate: () => Promise.resolve() },
      clientOptions(route, capture),
    );
    const ids = Array.from({ length: 12 }, (_, index) => `model-portfolios/mp-${String(index + 1).padStart(6, '0')}`);
    const answers = await Promise.all(ids.map((id) => api.getJson(id)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(prompt.asked).toHaveLength(1);
  });

  it('cancelling the prompt is PROXY_AUTH_REQUIRED and keeps nothing', async () => {
    const { sandbox, proxy, account } = await setUp(tls);
    const prompt = new ScriptedPrompt([null]);
    const error = await failure(
      syncThrough(sandbox, router(sandbox, proxy, prompt).routeFor({ mode: 'system' }), secrets, capture),
    );
    expect(error.code).toBe('PROXY_AUTH_REQUIRED');
    expect(error.message).toMatch(/cancelled/);
    expect(error.retryable).toBe(false);
    expect(prompt.asked).toHaveLength(1);
    expect(await secrets.get(account)).toBeNull();
    expect(sandbox.counters.requests.token).toBe(0);
  });
});

// tinyproxy refuses wrong credentials with 401 (not 407); only a CONNECT's answer is surely the
// proxy's, so wrong passwords are proven over TLS. A forwarded http request would see that 401 as the API's.
describe('proxy sign-in with wrong passwords (TLS: the CONNECT is refused)', () => {
  it('asks again with "wrong" after a wrong password, then keeps the right one; a restart does not ask', async () => {
    const { sandbox, proxy, account } = await setUp(true);
    const prompt = new ScriptedPrompt([
      { username: user, password: wrongPassword },
      { username: user, password },
    ]);
    const first = router(sandbox, proxy, prompt);
    const result = await syncThrough(sandbox, first.routeFor({ mode: 'system' }), secrets, capture);
    expect(result.commit.portfolios).toHaveLength(12);
    const where = { host: proxy.host, port: proxy.port, realm: 'Tinyproxy' };
    expect(prompt.asked).toEqual([
      { ...where, reason: 'required' },
      { ...where, reason: 'wrong' },
    ]);
    expect(JSON.parse((await secrets.get(account)) ?? 'null')).toEqual({ username: user, password });

    const never = new ScriptedPrompt([]);
    const again = await syncThrough(
      sandbox,
      router(sandbox, proxy, never).routeFor({ mode: 'system' }),
      secrets,
      capture,
    );
    expect(again.commit.portfolios).toHaveLength(12);
    expect(never.asked).toEqual([]);
  });

  it('gives up after three refused answers with PROXY_AUTH_REQUIRED naming the tries', async () => {
    const { sandbox, proxy, account } = await setUp(true);
    const prompt = new ScriptedPrompt([1, 2, 3, 4].map(() => ({ username: user, password: wrongPassword })));
    const error = await failure(
      syncThrough(sandbox, router(sandbox, proxy, prompt).routeFor({ mode: 'system' }), secrets, capture),
    );
    expect(error.code).toBe('PROXY_AUTH_REQUIRED');
    expect(error.message).toMatch(/did not accept the user name and password \(3 tries\)/);
    expect(prompt.asked.map((question) => question.reason)).toEqual(['required', 'wrong', 'wrong']);
    expect(await secrets.get(account)).toBeNull();
    expect(sandbox.counters.requests.token).toBe(0);
  });

  it('stored credentials the proxy refuses are deleted from the keychain and asked for again as "wrong"', async () => {
    const { sandbox, proxy, account } = await setUp(true);
    await secrets.set(account, JSON.stringify({ username: user, password: wrongPassword }));
    const prompt = new ScriptedPrompt([null]);
    const error = await failure(
      syncThrough(sandbox, router(sandbox, proxy, prompt).routeFor({ mode: 'system' }), secrets, capture),
    );
    expect(error.code).toBe('PROXY_AUTH_REQUIRED');
    expect(prompt.asked.map((question) => question.reason)).toEqual(['wrong']);
    expect(await secrets.get(account)).toBeNull();

    await secrets.set(account, JSON.stringify({ username: user, password: wrongPassword }));
    const retry = new ScriptedPrompt([{ username: user, password }]);
    const result = await syncThrough(
      sandbox,
      router(sandbox, proxy, retry).routeFor({ mode: 'system' }),
      secrets,
      capture,
    );
    expect(result.commit.portfolios).toHaveLength(12);
    expect(retry.asked.map((question) => question.reason)).toEqual(['wrong']);
    expect(JSON.parse((await secrets.get(account)) ?? 'null')).toEqual({ username: user, password });
  });
});

describe('the dialog’s broker as the prompt', () => {
  it('a dialog that answers through the broker signs in; the question carries no password', async () => {
    const { sandbox, proxy, account } = await setUp(true);
    const shown: Array<ProxySignInRequest | null> = [];
    // Stands in for the renderer: it shows the question and answers it a moment later, as a person would.
    const broker: ProxyPromptBroker = new ProxyPromptBroker((request) => {
      shown.push(request);
      if (request) setTimeout(() => broker.answer({ id: request.id, username: user, password }), 20);
    });
    const network = testRouter({
      secrets,
      capture,
      env: { https_proxy: proxy.url },
      extraCa: [sandbox.caPem],
      prompt: broker.prompt,
    });
    routers.push(network);
    const result = await syncThrough(sandbox, network.routeFor({ mode: 'system' }), secrets, capture);
    expect(result.commit.portfolios).toHaveLength(12);
    expect(shown).toEqual([
      { id: 1, host: proxy.host, port: proxy.port, realm: 'Tinyproxy', reason: 'required' },
      null,
    ]);
    expect(JSON.stringify(shown)).not.toContain(password);
    expect(JSON.parse((await secrets.get(account)) ?? 'null')).toEqual({ username: user, password });
  });
});

describe('proxy credentials go to the proxy only', () => {
  it.each([
    ['http', false],
    ['TLS', true],
  ])(
    'over %s, a redirect to another origin carries neither Proxy-Authorization nor Authorization',
    async (_label, tls) => {
      const { sandbox, proxy } = await setUp(tls, { faults: true });
      sandbox.faults.enqueue('list', { kind: 'redirect', status: 302, target: 'foreign' });
      const prompt = new ScriptedPrompt([{ username: user, password }]);
      const outcome = await settle(
        syncThrough(sandbox, router(sandbox, proxy, prompt).routeFor({ mode: 'system' }), secrets, capture),
      );
      const received = sandbox.foreign.requests;
      // Said with the outcome and the proxy's log, so a run where the redirect never got out can be told apart.
      const why = () =>
        JSON.stringify({
          synced: outcome.ok,
          error: outcome.ok ? null : String(outcome.error),
          log: capture.lines,
        }).slice(-2_000);
      expect(received.length, why()).toBeGreaterThan(0);
      for (const request of received) {
        expect(request.headers.authorization).toBeUndefined();
        expect(request.headers['proxy-authorization']).toBeUndefined();
      }
      expect(JSON.stringify(received)).not.toContain(basic(password));
      expect(JSON.stringify(received)).not.toContain(password);
      // The redirect was followed through the proxy too.
      const foreignPort = new URL(sandbox.foreign.baseUrl).port;
      expect((await proxy.requests()).some((line) => line.target.includes(`127.0.0.1:${foreignPort}`))).toBe(true);
    },
  );
});
