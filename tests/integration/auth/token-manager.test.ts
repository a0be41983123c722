import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { tokenAccount } from '../../../main/auth/keychain-accounts';
import { createTokenFetcher } from '../../../main/auth/token-client';
import { TokenManager } from '../../../main/auth/token-manager';
import { ManualClock, startSandbox, type Sandbox } from '../../../sandbox';
import {
  Capture,
  privateKeychain,
  restartedManager,
  sandboxProfile,
  settle,
  TestClock,
  tokenManagerFor,
} from '../support/auth-fixture';

const capture = new Capture();
const secrets = privateKeychain();
let sandbox: Sandbox;
let sandboxClock: ManualClock;
const touchedProfiles: string[] = [];

beforeAll(async () => {
  sandboxClock = new ManualClock(Date.UTC(2026, 10, 27, 9, 0, 0));
  sandbox = await startSandbox({ faults: true, clock: sandboxClock, tokenTtlSeconds: 3600 });
});

afterEach(() => {
  sandbox.faults.clear();
});

afterAll(async () => {
  for (const id of touchedProfiles) {
    await secrets.delete(`client-secret:${id}`).catch(() => false);
    await secrets.delete(tokenAccount(id)).catch(() => false);
  }
  await sandbox.close();
  // No secret and no token in any log line or serialised error of this file.
  expect(capture.leaks([sandbox.credentials.clientSecret, ...sandbox.issuedTokens()])).toEqual([]);
});

async function freshManager(
  options: Parameters<typeof tokenManagerFor>[5] = {},
  clock = new TestClock(sandboxClock.now()),
) {
  const profile = sandboxProfile(sandbox);
  touchedProfiles.push(profile.id);
  const manager = await tokenManagerFor(sandbox, profile, secrets, clock, capture, options);
  return { profile, manager, clock };
}

describe('TokenManager single flight', () => {
  it('1000 concurrent calls with no valid token cause exactly 1 token request, and all succeed', async () => {
    const { manager } = await freshManager();
    const before = sandbox.counters.tokenRequests;
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => manager.getToken()));
    expect(sandbox.counters.tokenRequests - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(sandbox.issuedTokens()).toContain(tokens[0]);
  });

  it('shares one failure among all waiters, does not cache it, and the next call asks again', async () => {
    const { manager } = await freshManager();
    const before = sandbox.counters.tokenRequests;
    sandbox.faults.enqueue('token', { kind: 'status', status: 503 });
    const outcomes = await Promise.all(Array.from({ length: 1000 }, () => settle(manager.getToken())));
    expect(sandbox.counters.tokenRequests - before).toBe(1);
    const errors = outcomes.map((outcome) => (outcome.ok ? null : capture.error(outcome.error)));
    expect(errors.every((error) => error instanceof AppError && error.code === 'SERVER_ERROR')).toBe(true);
    expect(new Set(errors).size).toBe(1); // the very same error object
    const token = await manager.getToken();
    expect(sandbox.counters.tokenRequests - before).toBe(2);
    expect(token).toBeTruthy();
  });
});

describe('TokenManager across restarts and clock changes', () => {
  it('reuses the token kept in the keychain after a restart within its lifetime: 0 token requests', async () => {
    const { profile, manager, clock } = await freshManager();
    const first = await manager.getToken();
    const before = sandbox.counters.tokenRequests;
    clock.advance(10 * 60_000);
    const restarted = restartedManager(profile, secrets, clock, capture);
    expect(await restarted.getToken()).toBe(first);
    expect(sandbox.counters.tokenRequests - before).toBe(0);
  });

  it('drops the kept token when the clock has gone backwards', async () => {
    const { profile, manager, clock } = await freshManager();
    const first = await manager.getToken();
    const before = sandbox.counters.tokenRequests;
    clock.advance(-60 * 60_000);
    const restarted = restartedManager(profile, secrets, clock, capture);
    const second = await restarted.getToken();
    expect(second).not.toBe(first);
    expect(sandbox.counters.tokenRequests - before).toBe(1);
  });

  it('drops the kept token when the client secret changed', async () => {
    const { profile, manager, clock } = await freshManager();
    const first = await manager.getToken();
    // Same secret value re-set is not a change; a different one is (the sandbox would refuse it, so check the keychain only).
    await secrets.set(`client-secret:${profile.id}`, 'a-different-secret');
    const restarted = restartedManager(profile, secrets, clock, capture);
    const outcome = await settle(restarted.getToken());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect((capture.error(outcome.error) as AppError).code).toBe('INVALID_CLIENT');
    expect(await secrets.get(tokenAccount(profile.id))).toBeNull();
    expect(first).toBeTruthy();
  });

  it('drops the kept token when the base URL or client id changed', async () => {
    const { profile, manager, clock } = await freshManager();
    await manager.getToken();
    const moved = { ...profile, baseUrl: `${sandbox.baseUrl}/`.replace(/\/$/, '') + '/v1' };
    const restarted = restartedManager(moved, secrets, clock, capture, {
      fetchToken: async () => {
        throw new AppError('NETWORK_UNREACHABLE');
      },
    });
    await expect(restarted.getToken()).rejects.toMatchObject({ code: 'NETWORK_UNREACHABLE' });
    expect(await secrets.get(tokenAccount(profile.id))).toBeNull();
  });

  it('refreshes proactively inside the margin with 1 request for any number of callers, still handing out the valid token', async () => {
    const { manager, clock } = await freshManager();
    const first = await manager.getToken();
    const before = sandbox.counters.tokenRequests;
    clock.advance(3600_000 - 4 * 60_000); // 4 minutes left: inside the 5-minute margin
    sandboxClock.set(clock.now());
    const during = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
    expect(new Set(during)).toEqual(new Set([first]));
    await expect.poll(async () => manager.getToken()).not.toBe(first);
    expect(sandbox.counters.tokenRequests - before).toBe(1);
  });

  it('never hands out a token with under 60 s left: it waits for the new one', async () => {
    const { manager, clock } = await freshManager();
    const first = await manager.getToken();
    clock.advance(3600_000 - 30_000);
    sandboxClock.set(clock.now());
    const second = await manager.getToken();
    expect(second).not.toBe(first);
    const until = await manager.validUntil();
    expect(until).toBeGreaterThan(clock.now() + 60_000);
  });

  it('computes expiry from when the request was sent, not when the answer came', async () => {
    const { profile, clock } = await freshManager();
    const sentAt = clock.now();
    const realFetch = createTokenFetcher(clock);
    const manager = new TokenManager({
      profile,
      secrets,
      clock,
      // A slow answer: 20 s pass between sending the request and reading the response.
      fetchToken: async (...args) => {
        const issued = await realFetch(...args);
        clock.advance(20_000);
        return issued;
      },
      logger: capture.logger,
    });
    await manager.getToken();
    expect(await manager.validUntil()).toBe(sentAt + 3600_000 - 60_000);
  });

  it('forgets the token on sign-out, in memory and in the keychain', async () => {
    const { profile, manager } = await freshManager();
    const first = await manager.getToken();
    expect(await secrets.get(tokenAccount(profile.id))).toContain('accessToken');
    await manager.forget();
    expect(await secrets.get(tokenAccount(profile.id))).toBeNull();
    expect(await manager.validUntil()).toBeNull();
    expect(first).toBeTruthy();
  });
});

describe('token responses', () => {
  it.each([
    'missing-token',
    'empty-token',
    'non-numeric-expiry',
    'zero-expiry',
    'negative-expiry',
    'wrong-token-type',
    'not-an-object',
  ] as const)('garbage (%s) is TOKEN_RESPONSE_INVALID', async (variant) => {
    const { manager } = await freshManager();
    sandbox.faults.enqueue('token', { kind: 'token-garbage', variant });
    const outcome = await settle(manager.getToken());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect((capture.error(outcome.error) as AppError).code).toBe('TOKEN_RESPONSE_INVALID');
  });

  it('a response with no lifetime assumes 24 h and says so in the log', async () => {
    const { manager, clock } = await freshManager();
    sandbox.faults.enqueue('token', { kind: 'token-garbage', variant: 'missing-expiry' });
    await manager.getToken();
    expect(await manager.validUntil()).toBe(clock.now() + 86_400_000 - 60_000);
    expect(capture.lines.some((line) => line.includes('assuming 24 hours'))).toBe(true);
  });

  it.each(['doc', 'camel', 'rfc'] as const)('reads the %s field names', async (tokenStyle) => {
    const styled = await startSandbox({ tokenStyle, clock: sandboxClock, credentials: sandbox.credentials });
    try {
      const profile = sandboxProfile(styled);
      touchedProfiles.push(profile.id);
      const manager = await tokenManagerFor(styled, profile, secrets, new TestClock(sandboxClock.now()), capture);
      const token = await manager.getToken();
      expect(styled.issuedTokens()).toContain(token);
    } finally {
      await styled.close();
    }
  });
});
