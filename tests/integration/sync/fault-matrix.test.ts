import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault, SandboxRoute } from '../../../sandbox';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { inStatus, startTestApp, type TestApp } from '../support/app-fixture';

// Every fault the sandbox can inject, on the token, list and detail routes: each sync fails with its
// coded error, the app keeps serving the cached portfolios, and the records folder is byte-identical. Every
// sync after the first is conditional (the cache holds each page's and detail's validators), so each fault
// lands on a conditional sync; one more fails midway, after 304s and changed models.

let sandbox: Sandbox;
let app: TestApp;
let profileId: string;
let goodCache: Buffer;

beforeAll(async () => {
  sandbox = await startSandbox({ faults: true, portfolios: 12, pageSize: 5, listHoldings: false });
  app = await startTestApp({
    apiOptions: {
      retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 10, retryAfterCapMs: 50 },
      requestTimeoutMs: 800,
      maxBodyBytes: 2 * 1024 * 1024,
    },
  });
  profileId = await app.connect(sandbox);
  // Online: no error and no offline spell to carry.
  expect(app.services.portfolios.connection.state).toEqual({
    status: 'online',
    profileId,
    lastSyncedAt: expect.any(String),
    portfolioCount: expect.any(Number),
  });
  goodCache = await app.cacheBytes();
});

afterAll(async () => {
  await app.close();
  await sandbox.close();
  expect(app.capture.leaks([sandbox.credentials.clientSecret, ...sandbox.issuedTokens()])).toEqual([]);
  const foreign = JSON.stringify(sandbox.foreign.requests);
  for (const value of [sandbox.credentials.clientSecret, ...sandbox.issuedTokens()])
    expect(foreign).not.toContain(value);
});

type Case = [route: SandboxRoute, label: string, fault: Fault, code: string, status: string];

const apiCases = (route: SandboxRoute): Case[] => [
  [route, '500', { kind: 'status', status: 500 }, 'SERVER_ERROR', 'error'],
  [route, '502', { kind: 'status', status: 502 }, 'SERVER_ERROR', 'error'],
  [route, '503', { kind: 'status', status: 503 }, 'SERVER_ERROR', 'error'],
  [route, '504', { kind: 'status', status: 504 }, 'SERVER_ERROR', 'error'],
  [route, '408', { kind: 'status', status: 408 }, 'TIMEOUT', 'offline'],
  [route, '429 + Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1 }, 'RATE_LIMITED', 'error'],
  [route, 'stall', { kind: 'stall' }, 'TIMEOUT', 'offline'],
  [route, 'reset', { kind: 'reset' }, 'NETWORK_UNREACHABLE', 'offline'],
  [route, 'truncated body', { kind: 'truncated' }, 'NETWORK_UNREACHABLE', 'offline'],
  [route, 'invalid JSON', { kind: 'invalid-json' }, 'RESPONSE_INVALID', 'error'],
  [route, 'HTML page', { kind: 'html' }, 'RESPONSE_INVALID', 'error'],
  [route, 'oversized body', { kind: 'oversized', bytes: 8 * 1024 * 1024 }, 'RESPONSE_TOO_LARGE', 'error'],
  [
    route,
    'redirect to another origin',
    { kind: 'redirect', status: 302, target: 'foreign' },
    'REDIRECT_REFUSED',
    'error',
  ],
  [route, '403', { kind: 'status', status: 403 }, 'FORBIDDEN', 'auth-error'],
  [route, '406', { kind: 'status', status: 406 }, 'UNSUPPORTED_API_VERSION', 'error'],
];

const cases: Case[] = [
  ['token', '500', { kind: 'status', status: 500 }, 'SERVER_ERROR', 'error'],
  ['token', '503', { kind: 'status', status: 503 }, 'SERVER_ERROR', 'error'],
  ['token', '429', { kind: 'status', status: 429, retryAfterSeconds: 1 }, 'RATE_LIMITED', 'error'],
  [
    'token',
    'invalid_client',
    { kind: 'status', status: 401, body: { error: 'invalid_client', error_description: 'Unknown client' } },
    'INVALID_CLIENT',
    'auth-error',
  ],
  ['token', 'stall', { kind: 'stall' }, 'TIMEOUT', 'offline'],
  ['token', 'reset', { kind: 'reset' }, 'NETWORK_UNREACHABLE', 'offline'],
  ['token', 'truncated body', { kind: 'truncated' }, 'NETWORK_UNREACHABLE', 'offline'],
  ['token', 'invalid JSON', { kind: 'invalid-json' }, 'TOKEN_RESPONSE_INVALID', 'error'],
  ['token', 'HTML page', { kind: 'html' }, 'TOKEN_RESPONSE_INVALID', 'error'],
  ['token', 'oversized body', { kind: 'oversized', bytes: 200 * 1024 }, 'RESPONSE_TOO_LARGE', 'error'],
  [
    'token',
    'redirect to another origin',
    { kind: 'redirect', status: 307, target: 'foreign' },
    'REDIRECT_REFUSED',
    'error',
  ],
  [
    'token',
    'garbage: missing token',
    { kind: 'token-garbage', variant: 'missing-token' },
    'TOKEN_RESPONSE_INVALID',
    'error',
  ],
  [
    'token',
    'garbage: negative lifetime',
    { kind: 'token-garbage', variant: 'negative-expiry' },
    'TOKEN_RESPONSE_INVALID',
    'error',
  ],
  [
    'token',
    'garbage: not an object',
    { kind: 'token-garbage', variant: 'not-an-object' },
    'TOKEN_RESPONSE_INVALID',
    'error',
  ],
  ...apiCases('list'),
  ...apiCases('detail'),
];

describe('fault matrix: a failed sync never damages the cache', () => {
  it.each(cases)('%s route, %s → %s', async (route, _label, fault, code, status) => {
    // The token route is only asked when there is no token: sign out first.
    if (route === 'token') await app.services.profiles.signOut(profileId);
    sandbox.faults.clear();
    sandbox.faults.enqueue(route, fault, 20);
    const result = await app.dispatch('sync:now', undefined);
    sandbox.faults.clear();
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    expect(app.services.portfolios.connection.state).toMatchObject({ status, portfolioCount: 12, error: { code } });
    const listing = await app.dispatch('portfolios:list', undefined);
    expect(listing.ok && (listing.value as { portfolios: unknown[] }).portfolios).toHaveLength(12);
    const detail = await app.dispatch('portfolios:get', { id: 'mp-000004' });
    expect(detail.ok).toBe(true);
    expect((await app.cacheBytes()).equals(goodCache)).toBe(true);
  });

  it('goes back online with the next good sync, and the offline state said since when', async () => {
    sandbox.faults.enqueue('list', { kind: 'reset' }, 20);
    await app.dispatch('sync:now', undefined);
    const offline = inStatus(app.services.portfolios.connection.state, 'offline');
    expect(offline.offlineSince).toMatch(/^\d{4}-/);
    expect(offline.lastSyncedAt).toBeTruthy();
    sandbox.faults.clear();
    const result = await app.dispatch('sync:now', undefined);
    expect(result.ok).toBe(true);
    const online = app.services.portfolios.connection.state;
    expect(online.status).toBe('online');
    expect(online).not.toHaveProperty('offlineSince');
    expect(online).not.toHaveProperty('error');
  });

  it('a conditional sync that fails midway (after 304s and changed models) leaves the cache byte-identical', async () => {
    sandbox.faults.clear();
    expect((await app.dispatch('sync:now', undefined)).ok).toBe(true);
    const before = await app.cacheBytes();
    const oldDetail = await app.dispatch('portfolios:get', { id: 'mp-000002' });
    sandbox.revise({ ids: ['mp-000002', 'mp-000009'] });
    sandbox.counters.reset();
    // The first details go through (304s for the unchanged, 200s for the revised), then the API fails.
    sandbox.faults.enqueue('detail', { kind: 'delay', ms: 0 }, 6);
    sandbox.faults.enqueue('detail', { kind: 'status', status: 500 }, 20);
    const failed = await app.dispatch('sync:now', undefined);
    sandbox.faults.clear();
    expect(failed).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR' } });
    expect(sandbox.counters.notModified.list + sandbox.counters.notModified.detail).toBeGreaterThan(0);
    expect((await app.cacheBytes()).equals(before)).toBe(true);
    expect(await app.dispatch('portfolios:get', { id: 'mp-000002' })).toEqual(oldDetail);

    sandbox.counters.reset();
    expect(await app.dispatch('sync:now', undefined)).toMatchObject({ ok: true, value: { status: 'updated' } });
    expect(sandbox.counters.notModified.detail).toBeGreaterThanOrEqual(10);
    expect(await app.dispatch('portfolios:get', { id: 'mp-000002' })).not.toEqual(oldDetail);
  });

  it('a next link pointing at another server is refused, and the token never goes there', async () => {
    const received: string[] = [];
    const evil = createServer((req, res) => {
      received.push(JSON.stringify(req.headers));
      res.setHeader('content-type', 'application/json');
      res.end('{"data":[],"next":null}');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/model-portfolios?page=2`;
    try {
      const api = app.services.profiles.apiClient(await app.services.profiles.get(profileId));
      await expect(api.getJson(evilUrl)).resolves.toMatchObject({ status: 200 });
      expect(received.join('')).not.toMatch(/authorization/i);
    } finally {
      evil.close();
    }
  });
});
