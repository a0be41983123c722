/** Whether the OS keychain answered, and what was wrong if not. */
export type KeychainStatus = { available: true } | { available: false; reason: string };

/** Secrets kept in the OS keychain, one entry per account; never a plaintext fallback. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry existed and was removed. */
  delete(account: string): Promise<boolean>;
  /** The names of the accounts kept whose names start with `prefix` (never their secrets). */
  accounts(prefix: string): Promise<string[]>;
  /** Asks the keychain a harmless question to learn whether it answers. */
  probe(): Promise<KeychainStatus>;
}
