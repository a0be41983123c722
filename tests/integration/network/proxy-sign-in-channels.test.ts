import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ProxySignInRequest } from '../../../common/proxy-sign-in';
import { proxyCredentialsAccount } from '../../../main/auth/keychain-accounts';
import { startSandbox } from '../../../sandbox';
import { eventsNamed, profileIdOf, startTestApp, type TestApp } from '../support/app-fixture';
import { privateKeychain } from '../support/auth-fixture';
import { startTinyproxy } from '../support/tinyproxy';

// The proxy sign-in as the app's dialog drives it: main asks through `proxy:signInRequested` (and
// `proxy:current`), the renderer answers through `proxy:signIn` / `proxy:cancelSignIn`, against a
// real tinyproxy with BasicAuth, through main's real services and the real keychain. The API is
// https (a CONNECT tunnel, as for any real API): tinyproxy refuses wrong credentials on a CONNECT
// with a 401 only it can have sent, where on a forwarded http request its 401 reads like the API's.

const user = 'advisor';
const password = `proxy-pw-${process.pid}-Zq7`;
const keychain = privateKeychain();
const running: Array<{ close(): Promise<void> }> = [];
const accounts = new Set<string>();

afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

afterAll(async () => {
  for (const account of accounts) await keychain.delete(account);
});

function basic(pass: string): string {
  return Buffer.from(`${user}:${pass}`).toString('base64');
}

function questions(app: TestApp): ProxySignInRequest[] {
  return eventsNamed(app, 'proxy:signInRequested').filter((q): q is ProxySignInRequest => q !== null);
}

/** Waits for main to publish a question with this reason (after `after` questions), and returns it. */
async function nextQuestion(app: TestApp, after: number, reason: 'required' | 'wrong'): Promise<ProxySignInRequest> {
  await expect.poll(() => questions(app).length, { timeout: 20_000 }).toBeGreaterThan(after);
  const question = questions(app)[after]!;
  expect(question.reason).toBe(reason);
  return question;
}

/** The https sandbox behind a tinyproxy that asks for Basic sign-in, and an app on the test keychain that trusts it. */
async function startBehindProxy(portfolios: number) {
  const sandbox = await startSandbox({ tls: true, portfolios, listHoldings: false });
  running.push(sandbox);
  const proxy = await startTinyproxy({ basicAuth: { user, password } });
  running.push(proxy);
  const account = proxyCredentialsAccount(proxy.host, proxy.port);
  accounts.add(account);
  const network = { extraCa: [sandbox.caPem!] };
  const app = await startTestApp({ secrets: keychain, network });
  running.push(app);
  return { sandbox, proxy, account, network, app };
}

describe('proxy sign-in through the dialog’s channels', () => {
  it('cancel is PROXY_AUTH_REQUIRED; a wrong password asks again; the right one syncs and is kept for the next run', async () => {
    const { sandbox, proxy, account, network, app } = await startBehindProxy(6);

    const profileId = await app.saveBehindProxy(sandbox, proxy.url);

    // The first question: which proxy, no password; a window opening now reads the same one.
    const first = await nextQuestion(app, 0, 'required');
    expect(first).toMatchObject({ host: proxy.host, port: proxy.port });
    expect(await app.dispatch('proxy:current', undefined)).toEqual({ ok: true, value: first });
    expect(await app.dispatch('proxy:cancelSignIn', { id: first.id })).toEqual({ ok: true, value: true });
    const cancelled = await app.waitForState((s) => s.status !== 'syncing' && profileIdOf(s) === profileId);
    expect(cancelled).toMatchObject({ status: 'error', error: { code: 'PROXY_AUTH_REQUIRED' } });
    expect(cancelled.status === 'error' && cancelled.error.message).toContain('was cancelled');
    expect(eventsNamed(app, 'proxy:signInRequested').at(-1)).toBeNull();
    expect(await app.dispatch('proxy:current', undefined)).toEqual({ ok: true, value: null });
    expect(sandbox.counters.requests.token).toBe(0);

    // Try again: asked again; a wrong password is asked once more as "wrong".
    const syncing = app.dispatch('sync:now', undefined);
    const second = await nextQuestion(app, 1, 'required');
    // An answer to a question that is no longer current is ignored.
    expect(await app.dispatch('proxy:signIn', { id: first.id, username: user, password })).toEqual({
      ok: true,
      value: false,
    });
    await app.dispatch('proxy:signIn', { id: second.id, username: user, password: 'not-it' });
    const third = await nextQuestion(app, 2, 'wrong');
    expect(await keychain.get(account)).toBeNull();
    await app.dispatch('proxy:signIn', { id: third.id, username: user, password });
    expect(await syncing).toMatchObject({ ok: true, value: { status: 'updated', portfolioCount: 6 } });
    expect(app.services.portfolios.connection.state).toMatchObject({ status: 'online', portfolioCount: 6 });
    expect(await proxy.requests()).toContainEqual({ method: 'CONNECT', target: new URL(sandbox.baseUrl).host });
    expect(JSON.parse((await keychain.get(account))!)).toEqual({ username: user, password });
    expect(sandbox.counters.requests.token).toBe(1);

    // Nothing main published or answered, and no log line, carries the password or its Basic form.
    const secrets = [password, basic(password), basic('not-it')];
    const published = JSON.stringify(app.events);
    for (const value of secrets) expect(published).not.toContain(value);
    expect(app.capture.leaks(secrets)).toEqual([]);

    // The next run (same settings and keychain): no question, the stored credentials are used.
    await app.services.dispose();
    const listsBefore = sandbox.counters.requests.list;
    const proxiedBefore = (await proxy.requests()).length;
    const next = await startTestApp({ secrets: keychain, userDataDir: app.userDataDir, network });
    running.push(next);
    await next.services.portfolios.start();
    const settled = await next.waitForState((s) => s.status !== 'syncing');
    expect(settled).toMatchObject({ status: 'online', portfolioCount: 6, profileId });
    expect(sandbox.counters.requests.list).toBeGreaterThan(listsBefore);
    expect((await proxy.requests()).length).toBeGreaterThan(proxiedBefore);
    expect(questions(next)).toEqual([]);
  });

  it('Settings lists a kept proxy sign-in and forgets it: out of the keychain, its tunnel closed, asked again', async () => {
    const { sandbox, proxy, account, app } = await startBehindProxy(4);
    const here = { host: proxy.host, port: proxy.port };
    const kept = async () => {
      const listed = await app.dispatch('proxy:savedSignIns', undefined);
      if (!listed.ok) throw new Error(listed.error.message);
      return (listed.value as Array<{ host: string; port: number }>).filter((p) => p.port === proxy.port);
    };
    const changes = () => eventsNamed(app, 'proxy:savedSignInsChanged').length;
    expect(await kept()).toEqual([]);

    const profileId = await app.saveBehindProxy(sandbox, proxy.url);
    const first = await nextQuestion(app, 0, 'required');
    await app.dispatch('proxy:signIn', { id: first.id, username: user, password });
    await app.waitForState((s) => s.status === 'online' && profileIdOf(s) === profileId);
    // Kept once the proxy let a request through: listed by host and port, and main said so.
    await expect.poll(kept).toEqual([here]);
    expect(changes()).toBe(1);
    expect(JSON.stringify(await app.dispatch('proxy:savedSignIns', undefined))).not.toContain(user);

    // Forget: gone from the keychain and the list, said by an event; a second forget finds nothing.
    expect(await app.dispatch('proxy:forgetSignIn', here)).toEqual({ ok: true, value: true });
    expect((await keychain.get(account)) === null).toBe(true);
    expect(await kept()).toEqual([]);
    expect(changes()).toBe(2);
    expect(await app.dispatch('proxy:forgetSignIn', here)).toEqual({ ok: true, value: false });
    expect(changes()).toBe(2);

    // The next sync cannot ride the old signed-in tunnel: the proxy asks, and the app asks the user again.
    const syncing = app.dispatch('sync:now', undefined);
    const again = await nextQuestion(app, 1, 'required');
    expect(again).toMatchObject(here);
    await app.dispatch('proxy:cancelSignIn', { id: again.id });
    expect(await syncing).toMatchObject({ ok: false, error: { code: 'PROXY_AUTH_REQUIRED' } });
    expect(await kept()).toEqual([]);
    expect(app.capture.leaks([password, basic(password)])).toEqual([]);
  });
});
