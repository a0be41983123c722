import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '../../../common/profile';
import { clientSecretAccount, tokenAccount } from '../../../main/auth/keychain-accounts';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/handlers';
import { createMainServices, type MainServices } from '../../../main/services';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { Capture, privateKeychain } from '../support/auth-fixture';

const capture = new Capture();
const secrets = privateKeychain();
let sandbox: Sandbox;
let userDataDir: string;
let services: MainServices;
let dispatch: Dispatch;
const results: unknown[] = [];

async function call(channel: string, arg?: unknown) {
  const result = await dispatch(channel, arg);
  results.push(result);
  return result as { ok: true; value: never } | { ok: false; error: { code: string; message: string } };
}

function draft(extra: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    name: 'Partner (sandbox)',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    tokenStyle: 'json',
    secret: sandbox.credentials.clientSecret,
    ...extra,
  };
}

function boot() {
  services = createMainServices({
    identity: { appName: 'Model Portfolios', version: '0.1.0', platform: process.platform, electronVersion: null },
    secrets,
    userDataDir,
    logger: capture.logger,
    redactor: capture.redactor,
  });
  dispatch = createDispatcher(createHandlers(services));
}

beforeAll(async () => {
  sandbox = await startSandbox({ portfolios: 40 });
  userDataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-profiles-'));
  boot();
});

afterAll(async () => {
  const state = (await services.profiles.state()).profiles;
  for (const profile of state) await services.profiles.remove(profile.id).catch(() => undefined);
  await sandbox.close();
  // The secret and tokens reached no IPC result, no settings file, no log line.
  const values = [sandbox.credentials.clientSecret, ...sandbox.issuedTokens()];
  expect(capture.leaks(values)).toEqual([]);
  const everything = JSON.stringify(results);
  for (const value of values) expect(everything).not.toContain(value);
  await rm(userDataDir, { recursive: true, force: true });
});

describe('connection profiles through the bridge', () => {
  it('saves a profile: metadata in settings.json, the secret only in the keychain', async () => {
    const saved = await call('profiles:save', draft());
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const view = saved.value as { id: string; hasSecret: boolean; tokenValidUntil: string | null };
    expect(view.hasSecret).toBe(true);
    expect(view.tokenValidUntil).toBeNull();
    const settings = await readFile(path.join(userDataDir, 'settings.json'), 'utf8');
    expect(settings).toContain(sandbox.credentials.clientId);
    expect(settings).not.toContain(sandbox.credentials.clientSecret);
    expect(await secrets.get(clientSecretAccount(view.id))).toBe(sandbox.credentials.clientSecret);
    const listed = await call('profiles:list');
    expect(listed.ok && (listed.value as { activeProfileId: string }).activeProfileId).toBe(view.id);
  });

  it('never returns the secret: the list says only whether one is stored', async () => {
    const listed = await call('profiles:list');
    expect(JSON.stringify(listed)).not.toContain(sandbox.credentials.clientSecret);
    expect(JSON.stringify(listed)).toContain('"hasSecret":true');
  });

  it('refuses a new profile without a secret, and an http base URL that is not loopback', async () => {
    expect(await call('profiles:save', draft({ secret: undefined }))).toMatchObject({
      ok: false,
      error: { code: 'SECRET_MISSING' },
    });
    const remote = await call('profiles:save', draft({ baseUrl: 'http://api.partner.example' }));
    expect(remote).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!remote.ok) expect(remote.error.message).toMatch(/https:\/\//);
  });

  it('tests a saved connection step by step', async () => {
    const id = (await services.profiles.state()).profiles[0]!.id;
    const report = await call('auth:testConnection', { profileId: id });
    expect(report).toMatchObject({
      ok: true,
      value: {
        ok: true,
        steps: [
          { id: 'reach', status: 'ok' },
          { id: 'credentials', status: 'ok' },
          { id: 'api', status: 'ok', detail: 'The API answered with 40 model portfolios.' },
        ],
      },
    });
  });

  it('tests a draft with a wrong secret: the server was reached, the credentials were refused with the fix', async () => {
    const report = await call('auth:testConnection', { draft: draft({ secret: 'wrong-secret-value' }) });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const steps = (report.value as { steps: Array<{ id: string; status: string; detail: string }> }).steps;
    expect(steps.map((step) => [step.id, step.status])).toEqual([
      ['reach', 'ok'],
      ['credentials', 'failed'],
      ['api', 'skipped'],
    ]);
    expect(steps[1]!.detail).toMatch(/invalid_client.*Check them in Settings/);
  });

  it('tests a draft pointing nowhere: the server could not be reached', async () => {
    const report = await call('auth:testConnection', { draft: draft({ baseUrl: 'http://127.0.0.1:9' }) });
    expect(report.ok && (report.value as { steps: Array<{ id: string; status: string }> }).steps[0]).toMatchObject({
      id: 'reach',
      status: 'failed',
    });
  });

  it('never sends a stored secret to a new server or client id: it must be typed again', async () => {
    const id = (await services.profiles.state()).profiles[0]!.id;
    const seen: string[] = [];
    const { createServer } = await import('node:http');
    const evil = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => seen.push(chunk.toString()));
      req.on('end', () => res.end('{}'));
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as { port: number }).port}`;
    try {
      const moved = await call('auth:testConnection', {
        draft: { ...draft({ secret: undefined, baseUrl: evilUrl }), id },
      });
      expect(moved).toMatchObject({
        ok: false,
        error: { code: 'SECRET_MISSING', message: expect.stringMatching(/enter the client secret again/) },
      });
      const saved = await call('profiles:save', { ...draft({ secret: undefined, baseUrl: evilUrl }), id });
      expect(saved).toMatchObject({ ok: false, error: { code: 'SECRET_MISSING' } });
      const otherClient = await call('profiles:save', {
        ...draft({ secret: undefined, clientId: 'someone-else' }),
        id,
      });
      expect(otherClient).toMatchObject({ ok: false, error: { code: 'SECRET_MISSING' } });
      expect(seen.join('')).not.toContain(sandbox.credentials.clientSecret);
      expect((await services.profiles.get(id)).baseUrl).toBe(sandbox.baseUrl);
      // Same server, new name: the stored secret stays usable.
      expect(await call('profiles:save', { ...draft({ secret: undefined, name: 'Renamed' }), id })).toMatchObject({
        ok: true,
        value: { name: 'Renamed' },
      });
      expect(await call('auth:testConnection', { draft: { ...draft({ secret: undefined }), id } })).toMatchObject({
        ok: true,
        value: { ok: true },
      });
    } finally {
      evil.close();
    }
  });

  it('shows until when the token is valid, never the token', async () => {
    const profile = (await services.profiles.state()).profiles[0]!;
    await services.profiles.apiClient(await services.profiles.get(profile.id)).getJson('model-portfolios');
    const listed = await call('profiles:list');
    const view = listed.ok
      ? (listed.value as { profiles: Array<{ tokenValidUntil: string | null }> }).profiles[0]
      : null;
    expect(view?.tokenValidUntil).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('replacing the secret forgets the token; signing out forgets it too', async () => {
    const id = (await services.profiles.state()).profiles[0]!.id;
    expect(await secrets.get(tokenAccount(id))).not.toBeNull();
    await call('profiles:setSecret', { profileId: id, secret: sandbox.credentials.clientSecret });
    expect(await secrets.get(tokenAccount(id))).toBeNull();
    await services.profiles.apiClient(await services.profiles.get(id)).getJson('model-portfolios');
    expect(await secrets.get(tokenAccount(id))).not.toBeNull();
    const signedOut = await call('auth:signOut', { profileId: id });
    expect(signedOut).toMatchObject({ ok: true, value: { tokenValidUntil: null, hasSecret: true } });
    expect(await secrets.get(tokenAccount(id))).toBeNull();
  });

  it('survives a restart: profiles come back from settings.json', async () => {
    const before = (await services.profiles.state()).profiles.map((p) => p.id);
    boot();
    expect((await services.profiles.state()).profiles.map((p) => p.id)).toEqual(before);
  });

  it('deletes a profile with its secret and token', async () => {
    const id = (await services.profiles.state()).profiles[0]!.id;
    await services.profiles.apiClient(await services.profiles.get(id)).getJson('model-portfolios');
    const removed = await call('profiles:remove', { profileId: id });
    expect(removed).toMatchObject({ ok: true, value: { profileId: id } });
    expect(await call('profiles:list')).toMatchObject({ ok: true, value: { profiles: [], activeProfileId: null } });
    expect(await secrets.get(clientSecretAccount(id))).toBeNull();
    expect(await secrets.get(tokenAccount(id))).toBeNull();
    expect(await call('profiles:activate', { profileId: id })).toMatchObject({
      ok: false,
      error: { code: 'PROFILE_NOT_FOUND' },
    });
  });

  it('refuses extra fields and a secret read-back channel does not exist', async () => {
    expect(await call('profiles:save', { ...draft(), admin: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await call('profiles:getSecret', { profileId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });
});

describe('a damaged settings file', () => {
  it('is set aside with a clear notice, not a crash', async () => {
    await writeFile(path.join(userDataDir, 'settings.json'), '{"version":1,"profiles":[{"id":');
    boot();
    const listed = await call('profiles:list');
    expect(listed).toMatchObject({ ok: true, value: { profiles: [], notice: { code: 'SETTINGS_CORRUPT' } } });
    const names = await readdir(userDataDir);
    expect(names.some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('with a valid shape but a bad profile (plain http to a remote host) is set aside too', async () => {
    await writeFile(
      path.join(userDataDir, 'settings.json'),
      JSON.stringify({
        version: 1,
        activeProfileId: 'a',
        profiles: [{ id: 'a', name: 'x', baseUrl: 'http://evil.example', clientId: 'c' }],
      }),
    );
    boot();
    expect(await call('profiles:list')).toMatchObject({ ok: true, value: { notice: { code: 'SETTINGS_CORRUPT' } } });
  });
});
