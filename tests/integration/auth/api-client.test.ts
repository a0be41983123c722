import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TokenStyle } from '../../../common/profile';
import { AppError } from '../../../common/result';
import { ApiClient, type ApiClientOptions } from '../../../main/api/api-client';
import { tokenAccount } from '../../../main/auth/keychain-accounts';
import type { TokenManager } from '../../../main/auth/token-manager';
import { ManualClock, startSandbox, type Sandbox } from '../../../sandbox';
import { Capture, privateKeychain, sandboxProfile, settle, TestClock, tokenManagerFor } from '../support/auth-fixture';

const capture = new Capture();
const secrets = privateKeychain();
const profiles: string[] = [];
let sandbox: Sandbox;
const sandboxClock = new ManualClock(Date.UTC(2026, 10, 27, 9, 0, 0));
const sleeps: number[] = [];

/** Records backoff delays instead of waiting them out (the policy is what is under test, not the clock). */
const fastOptions = (extra: ApiClientOptions = {}): ApiClientOptions => ({
  logger: capture.logger,
  sleep: (ms) => {
    sleeps.push(ms);
    return Promise.resolve();
  },
  ...extra,
});

async function client(
  extra: ApiClientOptions = {},
  target = sandbox,
  style: TokenStyle = 'json',
): Promise<{ api: ApiClient; tokens: TokenManager }> {
  const profile = sandboxProfile(target, style);
  profiles.push(profile.id);
  const tokens = await tokenManagerFor(target, profile, secrets, new TestClock(sandboxClock.now()), capture);
  return { api: new ApiClient(target.baseUrl, tokens, fastOptions(extra)), tokens };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error('expected a failure');
  capture.error(outcome.error);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

beforeAll(async () => {
  sandbox = await startSandbox({ faults: true, clock: sandboxClock, pageSize: 10 });
});

afterEach(() => {
  sandbox.faults.clear();
  sleeps.length = 0;
});

afterAll(async () => {
  for (const id of profiles) {
    await secrets.delete(`client-secret:${id}`).catch(() => false);
    await secrets.delete(tokenAccount(id)).catch(() => false);
  }
  await sandbox.close();
  const secretsAndTokens = [sandbox.credentials.clientSecret, ...sandbox.issuedTokens()];
  expect(capture.leaks(secretsAndTokens)).toEqual([]);
  expect(capture.lines.length).toBeGreaterThan(10);
});

describe('ApiClient requests', () => {
  it('sends the versioned Accept header and an unquoted Bearer token', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const api = new ApiClient(url, { getToken: async () => 'tok.en-123', invalidate: async () => {} }, fastOptions());
      await api.getJson('model-portfolios');
      expect(seen[0]?.accept).toBe('application/json; version=1.0.0');
      expect(seen[0]?.authorization).toBe('Bearer tok.en-123');
    } finally {
      server.close();
    }
  });

  it('reads the first page from the sandbox', async () => {
    const { api } = await client();
    const response = await api.getJson('model-portfolios');
    expect(response.status).toBe(200);
    expect((response.body as { data: unknown[] }).data).toHaveLength(10);
    expect(response.etag).toBeTruthy();
  });

  it('answers a conditional GET with 304 and no body', async () => {
    const { api } = await client();
    const first = await api.getJson('model-portfolios');
    const second = await api.getJson('model-portfolios', { etag: first.etag });
    expect(second.status).toBe(304);
    expect(second.body).toBeNull();
  });
});

describe('ApiClient and 401s', () => {
  it('a 401 mid-session fetches one new token and replays the call once', async () => {
    const { api } = await client();
    await api.getJson('model-portfolios');
    const tokensBefore = sandbox.counters.tokenRequests;
    const listBefore = sandbox.counters.requests.list;
    sandbox.revokeTokens();
    const response = await api.getJson('model-portfolios');
    expect(response.status).toBe(200);
    expect(sandbox.counters.tokenRequests - tokensBefore).toBe(1);
    expect(sandbox.counters.requests.list - listBefore).toBe(2);
  });

  it('a second 401 is a coded auth error, with no loop', async () => {
    const { api } = await client();
    await api.getJson('model-portfolios');
    const tokensBefore = sandbox.counters.tokenRequests;
    const listBefore = sandbox.counters.requests.list;
    sandbox.faults.enqueue('list', { kind: 'status', status: 401 }, 5);
    const error = await failure(api.getJson('model-portfolios'));
    expect(error.code).toBe('AUTH_REJECTED');
    expect(sandbox.counters.tokenRequests - tokensBefore).toBe(1);
    expect(sandbox.counters.requests.list - listBefore).toBe(2);
  });
});

describe('token endpoint errors (RFC 6749 §5.2)', () => {
  it.each([
    ['invalid_client', 401, 'INVALID_CLIENT'],
    ['invalid_request', 400, 'INVALID_REQUEST'],
    ['unauthorized_client', 400, 'UNAUTHORIZED_CLIENT'],
    ['unsupported_grant_type', 400, 'UNSUPPORTED_GRANT_TYPE'],
    ['invalid_scope', 400, 'INVALID_SCOPE'],
  ])('%s → %s, its description shown, never retried', async (oauth, status, code) => {
    const { api } = await client();
    const before = sandbox.counters.tokenRequests;
    sandbox.faults.enqueue(
      'token',
      { kind: 'status', status, body: { error: oauth, error_description: `Sandbox says ${oauth}` } },
      3,
    );
    const error = await failure(api.getJson('model-portfolios'));
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`Sandbox says ${oauth}`);
    expect(sandbox.counters.tokenRequests - before).toBe(1);
  });

  it('a wrong secret is invalid_client from the real token route', async () => {
    const profile = sandboxProfile(sandbox);
    profiles.push(profile.id);
    const tokens = await tokenManagerFor(sandbox, profile, secrets, new TestClock(sandboxClock.now()), capture, {
      secret: 'not-the-secret',
    });
    const error = await failure(new ApiClient(sandbox.baseUrl, tokens, fastOptions()).getJson('model-portfolios'));
    expect(error.code).toBe('INVALID_CLIENT');
    expect(error.message).toMatch(/Check them in Settings/);
  });
});

describe('retries', () => {
  it('honours Retry-After on a 429', async () => {
    const { api } = await client();
    await api.getJson('model-portfolios');
    sandbox.faults.enqueue('list', { kind: 'status', status: 429, retryAfterSeconds: 7 });
    const response = await api.getJson('model-portfolios');
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([7000]);
  });

  it('caps a long Retry-After', async () => {
    const { api } = await client({ retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 100, retryAfterCapMs: 5000 } });
    sandbox.faults.enqueue('list', { kind: 'status', status: 429, retryAfterSeconds: 3600 });
    await api.getJson('model-portfolios');
    expect(sleeps).toEqual([5000]);
  });

  it('does not wait for a retry the deadline would cut short: the last answer stands', async () => {
    const { api } = await client({ deadlineMs: 2_000 });
    await api.getJson('model-portfolios');
    sandbox.faults.enqueue('list', { kind: 'status', status: 429, retryAfterSeconds: 7 });
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('RATE_LIMITED');
    expect(sleeps).toEqual([]);
  });

  it.each([500, 502, 503, 504, 408])('retries %s with growing backoff, then gives a coded error', async (status) => {
    const { api } = await client();
    await api.getJson('model-portfolios');
    const before = sandbox.counters.requests.list;
    sandbox.faults.enqueue('list', { kind: 'status', status }, 10);
    const error = await failure(api.getJson('model-portfolios'));
    expect(error.code).toBe(status === 408 ? 'TIMEOUT' : 'SERVER_ERROR');
    expect(error.retryable).toBe(true);
    expect(sandbox.counters.requests.list - before).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[2]!).toBeGreaterThan(sleeps[0]!);
  });

  it('recovers when a 5xx clears before the retries run out', async () => {
    const { api } = await client();
    sandbox.faults.enqueue('list', { kind: 'status', status: 503 }, 2);
    await expect(api.getJson('model-portfolios')).resolves.toMatchObject({ status: 200 });
  });

  it('retries a reset connection, then reports the network', async () => {
    const { api } = await client();
    await api.getJson('model-portfolios');
    sandbox.faults.enqueue('list', { kind: 'reset' }, 10);
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('NETWORK_UNREACHABLE');
  });

  it('does not retry the token POST', async () => {
    const { api } = await client();
    const before = sandbox.counters.tokenRequests;
    sandbox.faults.enqueue('token', { kind: 'status', status: 503 }, 5);
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('SERVER_ERROR');
    expect(sandbox.counters.tokenRequests - before).toBe(1);
  });
});

describe('redirects never carry credentials to another origin', () => {
  it.each([301, 302, 307, 308] as const)(
    'token POST redirected with %s is refused; the foreign origin receives nothing',
    async (status) => {
      const { api } = await client();
      const foreignBefore = sandbox.foreign.requests.length;
      sandbox.faults.enqueue('token', { kind: 'redirect', status, target: 'foreign' });
      expect((await failure(api.getJson('model-portfolios'))).code).toBe('REDIRECT_REFUSED');
      expect(sandbox.foreign.requests.length).toBe(foreignBefore);
    },
  );

  it.each([301, 302, 307, 308] as const)(
    'API GET redirected with %s to a foreign origin arrives without the token',
    async (status) => {
      const { api, tokens } = await client();
      const token = await tokens.getToken();
      const foreignBefore = sandbox.foreign.requests.length;
      sandbox.faults.enqueue('list', { kind: 'redirect', status, target: 'foreign' });
      await settle(api.getJson('model-portfolios'));
      const received = sandbox.foreign.requests.slice(foreignBefore);
      expect(received.length).toBeGreaterThan(0);
      const everything = JSON.stringify(received);
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(sandbox.credentials.clientSecret);
      expect(received.every((request) => request.headers.authorization === undefined)).toBe(true);
    },
  );

  it('a 401 from the origin a redirect led to neither drops the token nor asks for a new one', async () => {
    // Two real servers: the "API" redirects its list to another origin, which answers 401.
    const refuser = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'Content-Type': 'application/json' });
      res.end('{"error":"invalid_token"}');
    });
    await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
    const refuserUrl = `http://127.0.0.1:${(refuser.address() as AddressInfo).port}`;
    const redirector = createServer((req, res) => {
      res.writeHead(307, { Location: `${refuserUrl}${req.url ?? '/'}` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const { tokens } = await client();
      const token = await tokens.getToken();
      const tokenRequests = sandbox.counters.tokenRequests;
      const api = new ApiClient(
        `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`,
        tokens,
        fastOptions(),
      );
      const error = await failure(api.getJson('model-portfolios'));
      expect(error.code).toBe('REDIRECT_REFUSED');
      expect(error.message).toContain('HTTP 401');
      expect(sandbox.counters.tokenRequests).toBe(tokenRequests);
      expect(await tokens.getToken()).toBe(token);
      expect(sandbox.counters.tokenRequests).toBe(tokenRequests);
    } finally {
      refuser.close();
      redirector.close();
    }
  });

  it('follows a same-origin redirect with the token', async () => {
    const { api } = await client();
    sandbox.faults.enqueue('list', { kind: 'redirect', status: 307, target: 'same-origin' });
    await expect(api.getJson('model-portfolios')).resolves.toMatchObject({ status: 200 });
  });

  it('across all of this, the foreign origin never saw the secret or any token', () => {
    const everything = JSON.stringify(sandbox.foreign.requests);
    for (const value of [sandbox.credentials.clientSecret, ...sandbox.issuedTokens()])
      expect(everything).not.toContain(value);
  });
});

describe('bad responses', () => {
  it('aborts an oversized API body', async () => {
    const { api } = await client({ maxBodyBytes: 1024 * 1024 });
    sandbox.faults.enqueue('list', { kind: 'oversized', bytes: 8 * 1024 * 1024 });
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('RESPONSE_TOO_LARGE');
  });

  it('aborts a token response over 64 KiB', async () => {
    const { api } = await client();
    sandbox.faults.enqueue('token', { kind: 'oversized', bytes: 200 * 1024 });
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('RESPONSE_TOO_LARGE');
  });

  it('times out a stalled response', async () => {
    const { api } = await client({
      requestTimeoutMs: 400,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1, retryAfterCapMs: 1 },
    });
    await api.getJson('model-portfolios');
    sandbox.faults.enqueue('list', { kind: 'stall' }, 2);
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('TIMEOUT');
  });

  it('gives up at the overall deadline', async () => {
    const { api } = await client({
      requestTimeoutMs: 5_000,
      deadlineMs: 300,
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, retryAfterCapMs: 1 },
    });
    await api.getJson('model-portfolios');
    sandbox.faults.enqueue('list', { kind: 'stall' });
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('TIMEOUT');
  });

  it.each([
    ['html', 'RESPONSE_INVALID'],
    ['invalid-json', 'RESPONSE_INVALID'],
  ] as const)('%s → %s', async (kind, code) => {
    const { api } = await client();
    sandbox.faults.enqueue('list', { kind });
    expect((await failure(api.getJson('model-portfolios'))).code).toBe(code);
  });

  it('a truncated body is retried, then reported', async () => {
    const { api } = await client();
    await api.getJson('model-portfolios');
    sandbox.faults.enqueue('list', { kind: 'truncated' }, 10);
    expect(['NETWORK_UNREACHABLE', 'RESPONSE_INVALID']).toContain(
      (await failure(api.getJson('model-portfolios'))).code,
    );
  });

  it('an unsupported API version is its own error', async () => {
    const { api } = await client();
    sandbox.faults.enqueue('list', { kind: 'status', status: 406, body: { error: 'unsupported_version' } });
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('UNSUPPORTED_API_VERSION');
  });
});

describe('the RFC 6749 form against a standards-only server', () => {
  let rfc: Sandbox;
  beforeAll(async () => {
    rfc = await startSandbox({ mode: 'rfc', clock: sandboxClock });
  });
  afterAll(async () => {
    const everything = capture.lines.join('\n');
    for (const value of [rfc.credentials.clientSecret, ...rfc.issuedTokens()]) expect(everything).not.toContain(value);
    await rfc.close();
  });

  it.each(['form-body', 'form-basic'] as const)('%s signs in and reads portfolios', async (style) => {
    const { api } = await client({}, rfc, style);
    await expect(api.getJson('model-portfolios')).resolves.toMatchObject({ status: 200 });
  });

  it('the doc JSON body is refused by a standards-only server with invalid_request', async () => {
    const { api } = await client({}, rfc, 'json');
    expect((await failure(api.getJson('model-portfolios'))).code).toBe('INVALID_REQUEST');
  });
});
