import type { Redactor } from '../logging/redactor';
import type { SecretStore } from './secret-store';

/** The secret parts of what an account holds: a stored token is JSON whose access token is the secret. */
function secretsIn(account: string, value: string): string[] {
  if (!account.startsWith('token:')) return [value];
  try {
    const parsed = JSON.parse(value) as { accessToken?: unknown };
    return typeof parsed.accessToken === 'string' ? [parsed.accessToken, value] : [value];
  } catch {
    return [value];
  }
}

/**
 * A SecretStore that tells the redactor every value it reads or writes, so whatever the keychain
 * holds (client secrets, tokens, cache keys, proxy passwords) is scrubbed from logs and messages
 * without any caller having to remember to.
 */
export function redactingSecretStore(inner: SecretStore, redactor: Redactor): SecretStore {
  const learn = (account: string, value: string | null) => {
    if (value) for (const secret of secretsIn(account, value)) redactor.add(secret);
  };
  return {
    async get(account) {
      const value = await inner.get(account);
      learn(account, value);
      return value;
    },
    async set(account, secret) {
      learn(account, secret);
      await inner.set(account, secret);
    },
    delete: (account) => inner.delete(account),
    accounts: (prefix) => inner.accounts(prefix),
    probe: () => inner.probe(),
  };
}
