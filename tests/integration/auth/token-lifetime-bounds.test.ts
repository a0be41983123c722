import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilesState } from '../../../common/profiles-state';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

describe('a token lifetime beyond one year', () => {
  it('is clamped to a year, so the profiles still list (no INTERNAL for the rest of the session)', async () => {
    sandbox = await startSandbox({ portfolios: 2, faults: true });
    app = await startTestApp();
    const profileId = await app.connect(sandbox);
    await app.dispatch('auth:signOut', { profileId });
    // A 200 token answer that promises the token for 10^13 seconds.
    sandbox.faults.enqueue('token', {
      kind: 'status',
      status: 200,
      body: { accessToken: 'long-lived-token-123', expiresIn: 1e13, tokenType: 'bearer' },
    });
    const profile = await app.services.profiles.get(profileId);
    const before = Date.now();
    expect(await app.services.profiles.tokenManager(profile).getToken()).toBe('long-lived-token-123');

    const listed = await app.dispatch('profiles:list', undefined);
    expect(listed.ok).toBe(true);
    const until = Date.parse((listed as { value: ProfilesState }).value.profiles[0]!.tokenValidUntil!);
    expect(until).toBeGreaterThan(before + 364 * 86_400_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 365 * 86_400_000);
    expect(await app.dispatch('connection:state', undefined)).toMatchObject({ ok: true });
  });
});
