import keytar from 'keytar';
import { errorCatalog } from '../../common/error-codes';
import { AppError } from '../../common/result';
import type { KeychainStatus, SecretStore } from './secret-store';

/** The keychain service name every entry of this app is filed under. */
export const keychainService = 'com.modelportfolios.desktop';

const probeAccount = 'keychain-probe';

/** Plain words for why the keychain did not answer; keytar's own text carries no secret. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

function unavailable(error: unknown): AppError {
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `${errorCatalog.KEYCHAIN_UNAVAILABLE.message} (${describeFailure(error)})`,
  );
}

/** SecretStore on the OS keychain through keytar (Keychain, Credential Vault, Secret Service). */
export class KeytarSecretStore implements SecretStore {
  constructor(private readonly service: string = keychainService) {}

  async get(account: string): Promise<string | null> {
    try {
      return await keytar.getPassword(this.service, account);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    try {
      await keytar.setPassword(this.service, account, secret);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async delete(account: string): Promise<boolean> {
    try {
      return await keytar.deletePassword(this.service, account);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async accounts(prefix: string): Promise<string[]> {
    try {
      // keytar lists accounts only with their secrets: the secrets are dropped here and go no further.
      const found = await keytar.findCredentials(this.service);
      return found.map((entry) => entry.account).filter((account) => account.startsWith(prefix));
    } catch (error) {
      throw unavailable(error);
    }
  }

  async probe(): Promise<KeychainStatus> {
    try {
      await keytar.getPassword(this.service, probeAccount);
      return { available: true };
    } catch (error) {
      return { available: false, reason: unavailable(error).message };
    }
  }
}
