import { afterAll, describe, expect, it } from 'vitest';
import { clientSecretAccount, proxyCredentialsAccount, tokenAccount } from '../../../main/auth/keychain-accounts';
import type { SecretStore } from '../../../main/keychain/secret-store';
import { Redactor } from '../../../main/logging/redactor';
import type { ProxyServer } from '../../../main/network/proxy-entry';
import { ProxySignIn } from '../../../main/network/proxy-sign-in';
import { privateKeychain } from '../support/auth-fixture';

// What Settings → Proxy sign-ins reads and does, on the real keychain: the proxies with kept credentials (by host and
// port only, whatever else the keychain holds), and a forget that wins over a keychain write still under way.

const keychain = privateKeychain();
const written = new Set<string>();
afterAll(async () => {
  for (const account of written) await keychain.delete(account);
});

const proxy: ProxyServer = { kind: 'http', host: 'proxy.corp.example', port: 3128 };
const credentials = { username: 'ann', password: `pw-${process.pid}` };

/** The keychain, with every set() held until `release()` (a slow keychain, or a prompt from the OS). */
function heldWrites(inner: SecretStore): { store: SecretStore; release(): void; waiting(): number } {
  const held: Array<() => void> = [];
  return {
    store: {
      get: (account) => inner.get(account),
      set: async (account, secret) => {
        written.add(account);
        await new Promise<void>((resolve) => held.push(resolve));
        await inner.set(account, secret);
      },
      delete: (account) => inner.delete(account),
      accounts: (prefix) => inner.accounts(prefix),
      probe: () => inner.probe(),
    },
    release: () => held.splice(0).forEach((resolve) => resolve()),
    waiting: () => held.length,
  };
}

describe('saved proxy sign-ins', () => {
  it('lists only proxies, by host and port, sorted, whatever else the keychain keeps', async () => {
    const entries: Array<[string, string]> = [
      [clientSecretAccount('p-1'), 'client-secret'],
      [tokenAccount('p-1'), '{"accessToken":"t"}'],
      [proxyCredentialsAccount('zeta.corp', 8080), JSON.stringify(credentials)],
      [proxyCredentialsAccount('::1', 3128), JSON.stringify(credentials)],
      [proxyCredentialsAccount('alpha.corp', 3128), JSON.stringify(credentials)],
      ['proxy:not-an-address', 'x'],
    ];
    for (const [account, value] of entries) {
      written.add(account);
      await keychain.set(account, value);
    }
    const signIn = new ProxySignIn({ secrets: keychain, redactor: new Redactor(), prompt: async () => null });
    expect(await signIn.saved()).toEqual([
      { host: '::1', port: 3128 },
      { host: 'alpha.corp', port: 3128 },
      { host: 'zeta.corp', port: 8080 },
    ]);
    for (const [account] of entries) await keychain.delete(account);
    expect(await signIn.saved()).toEqual([]);
  });

  it('forgets credentials the keychain was still writing: they do not come back when the write lands', async () => {
    const slow = heldWrites(keychain);
    const changes: string[] = [];
    const signIn = new ProxySignIn({
      secrets: slow.store,
      redactor: new Redactor(),
      prompt: async () => credentials,
      onSavedChange: () => changes.push('changed'),
    });
    // Signed in through the prompt; the proxy let a request through, so the credentials are being kept.
    await signIn.challenged(proxy, null, signIn.generation(proxy));
    expect(signIn.authorization(proxy)).toBeDefined();
    const accepting = signIn.accepted(proxy, signIn.generation(proxy));
    await expect.poll(() => slow.waiting()).toBe(1);

    // "Forget" lands while the write is held: nothing was kept yet, so nothing is said to have changed.
    expect(await signIn.forget(proxy)).toBe(false);
    expect(signIn.authorization(proxy)).toBeUndefined();
    slow.release();
    await accepting;
    expect(await signIn.saved()).toEqual([]);
    // Compared as a boolean, so a failure never prints the password.
    expect((await keychain.get(proxyCredentialsAccount(proxy.host, proxy.port))) === null).toBe(true);
    expect(changes).toEqual([]);

    // Kept again the ordinary way, then forgotten: each is said once.
    await signIn.challenged(proxy, null, signIn.generation(proxy));
    const keeping = signIn.accepted(proxy, signIn.generation(proxy));
    await expect.poll(() => slow.waiting()).toBe(1);
    slow.release();
    await keeping;
    expect(await signIn.saved()).toEqual([{ host: proxy.host, port: proxy.port }]);
    expect(await signIn.forget({ host: proxy.host, port: proxy.port })).toBe(true);
    expect(await signIn.saved()).toEqual([]);
    expect(changes).toEqual(['changed', 'changed']);
  });
});
