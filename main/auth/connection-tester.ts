import type { ConnectionTestReport } from '../../common/connection-test';
import { profileDraftSchema, type Profile, type ProfileDraft } from '../../common/profile';
import { AppError } from '../../common/result';
import type { ApiClientOptions } from '../api/api-client';
import type { SecretStore } from '../keychain/secret-store';
import { retypeSecret, secretMustBeRetyped } from '../profiles/secret-rules';
import { clientSecretAccount } from './keychain-accounts';
import { testConnection } from './test-connection';
import type { TokenFetcher } from './token-client';

/** What "Test connection" needs. */
export interface ConnectionTesterDeps {
  /** Reads a saved profile (PROFILE_NOT_FOUND when gone). */
  getProfile: (profileId: string) => Promise<Profile>;
  secrets: SecretStore;
  fetchToken: TokenFetcher;
  apiOptions: () => ApiClientOptions;
  /** Runs before a saved profile is contacted (a demo profile's own sandbox must be the one listening). */
  beforeConnect: (profile: Profile) => Promise<void>;
}

/** "Test connection" for a saved profile (with its stored secret) or for a draft before it is saved. */
export class ConnectionTester {
  constructor(private readonly deps: ConnectionTesterDeps) {}

  /** Tests a saved profile or a draft. */
  test(arg: { profileId: string } | { draft: ProfileDraft }): Promise<ConnectionTestReport> {
    return 'profileId' in arg ? this.testSaved(arg.profileId) : this.testDraft(arg.draft);
  }

  private async testSaved(profileId: string): Promise<ConnectionTestReport> {
    const profile = await this.deps.getProfile(profileId);
    await this.deps.beforeConnect(profile);
    const current = await this.deps.getProfile(profileId);
    const secret = await this.deps.secrets.get(clientSecretAccount(profileId));
    if (!secret) throw new AppError('SECRET_MISSING');
    return testConnection(current, secret, this.deps.fetchToken, this.deps.apiOptions());
  }

  /** Tests a draft; the secret is used for this test only (a stored one only for the server it was saved for). */
  private async testDraft(input: ProfileDraft): Promise<ConnectionTestReport> {
    const draft = profileDraftSchema.parse(input);
    let secret = draft.secret;
    if (!secret && draft.id) {
      const saved = await this.deps.getProfile(draft.id);
      if (secretMustBeRetyped(saved, draft)) throw new AppError('SECRET_MISSING', retypeSecret);
      await this.deps.beforeConnect(saved);
      secret = (await this.deps.secrets.get(clientSecretAccount(draft.id))) ?? undefined;
    }
    if (!secret) throw new AppError('SECRET_MISSING', 'Enter the client secret to test the connection.');
    const profile: Profile = {
      id: draft.id ?? 'draft',
      name: draft.name,
      baseUrl: draft.baseUrl,
      clientId: draft.clientId,
      tokenStyle: draft.tokenStyle,
      demo: false,
    };
    return testConnection(profile, secret, this.deps.fetchToken, this.deps.apiOptions());
  }
}
