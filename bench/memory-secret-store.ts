import type { KeychainStatus, SecretStore } from '../main/keychain/secret-store';

/**
 * A SecretStore in memory, for benchmarks only: they measure hot paths that never touch the
 * keychain, and should run without a D-Bus session. Tests always use the real keychain.
 */
export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();
  async get(account: string) {
    return this.map.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.map.set(account, secret);
  }
  async delete(account: string) {
    return this.map.delete(account);
  }
  async accounts(prefix: string) {
    return [...this.map.keys()].filter((account) => account.startsWith(prefix));
  }
  async probe(): Promise<KeychainStatus> {
    return { available: true };
  }
}
