import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { settle } from '../support/auth-fixture';

// Sign-out, secret deletion and profile deletion land while a token request is under way: the
// sandbox holds the token answer back until after them. The real keychain, the real sandbox.

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

/** The keychain accounts this app's private service holds (names only: never a password in test output). */
async function accounts(service: string): Promise<string[]> {
  return (await keytar.findCredentials(service)).map((entry) => entry.account).sort();
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An app on a known keychain service, connected to a sandbox whose token answers come late on cue. */
async function appWithSlowTokens(): Promise<{ service: string; profileId: string }> {
  sandbox = await startSandbox({ portfolios: 12, faults: true });
  const service = `com.modelportfolios.test.${randomUUID()}`;
  app = await startTestApp({ secrets: new KeytarSecretStore(service) });
  const profileId = await app.connect(sandbox);
  expect(await accounts(service)).toEqual([
    `cache-key:${profileId}`,
    `client-secret:${profileId}`,
    `token:${profileId}`,
  ]);
  return { service, profileId };
}

/** Starts a sync that needs a new token, and waits until the sandbox holds that token request. */
async function syncWaitingForItsToken(profileId: string, delayMs: number) {
  const running = app!;
  const box = sandbox!;
  // Sign out first so the sync must ask for a token; the next token answer is 1.5 s late.
  expect(await running.dispatch('auth:signOut', { profileId })).toMatchObject({ ok: true });
  box.faults.enqueue('token', { kind: 'delay', ms: delayMs });
  const before = box.counters.tokenRequests;
  const sync = settle(running.services.portfolios.syncNow());
  await until(() => box.counters.tokenRequests > before, 'the token request to arrive');
  return { sync, tokensIssuedBefore: box.counters.tokensIssued };
}

describe('a sign-out or deletion wins over a token request already under way', () => {
  it('sign-out: the late token answer is never kept, and the sync ends as cancelled', async () => {
    const { service, profileId } = await appWithSlowTokens();
    const { sync } = await syncWaitingForItsToken(profileId, 1_500);

    expect(await app!.dispatch('auth:signOut', { profileId })).toMatchObject({
      ok: true,
      value: { tokenValidUntil: null },
    });
    const outcome = await sync;
    expect(outcome.ok).toBe(false);
    // The sandbox still answers (late), after the sign-out: wait for that answer to have been sent.
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(await accounts(service)).not.toContain(`token:${profileId}`);
    const listed = await app!.dispatch('profiles:list', undefined);
    expect(listed).toMatchObject({ ok: true, value: { profiles: [{ id: profileId, tokenValidUntil: null }] } });
    expect(app!.services.portfolios.connection.state.status).not.toBe('syncing');
  });

  it('secret deleted: the late token answer is never kept', async () => {
    const { service, profileId } = await appWithSlowTokens();
    const { sync } = await syncWaitingForItsToken(profileId, 1_500);

    // Settings has no "delete the secret" action; main deletes a secret this way when told to.
    expect(await app!.services.profiles.deleteSecret(profileId)).toMatchObject({
      hasSecret: false,
      tokenValidUntil: null,
    });
    await sync;
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(await accounts(service)).toEqual([`cache-key:${profileId}`]);
  });

  it('profiles:remove leaves zero keychain entries, no settings entry and no cache file for the profile', async () => {
    const { service, profileId } = await appWithSlowTokens();
    const { sync } = await syncWaitingForItsToken(profileId, 1_500);

    expect(await app!.dispatch('profiles:remove', { profileId })).toMatchObject({ ok: true, value: { profileId } });
    expect(await app!.dispatch('profiles:list', undefined)).toMatchObject({
      ok: true,
      value: { profiles: [], activeProfileId: null },
    });
    await sync;
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(await accounts(service)).toEqual([]);
    const settings = await readFile(path.join(app!.userDataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain(profileId);
    const cacheFiles = await readdir(path.join(app!.userDataDir, 'cache')).catch(() => []);
    expect(cacheFiles.filter((name) => name.includes(profileId))).toEqual([]);
    expect(app!.services.portfolios.connection.state).toEqual({ status: 'not-configured' });
  });

  it('a manager retired by a deletion never asks for a token again, whoever still holds it', async () => {
    const { service, profileId } = await appWithSlowTokens();
    const profile = await app!.services.profiles.get(profileId);
    const heldOn = app!.services.profiles.tokenManager(profile);
    await app!.dispatch('profiles:remove', { profileId });
    const before = sandbox!.counters.tokenRequests;
    const late = await settle(heldOn.getToken());
    expect(late).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    expect(sandbox!.counters.tokenRequests).toBe(before);
    expect(await accounts(service)).toEqual([]);
  });
});
