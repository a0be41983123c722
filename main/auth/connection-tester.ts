import type { ConnectionTestReport } from '../../common/connection-test';
import { defaultNetworkSetting, type NetworkSetting } from '../../common/network-setting';
import { profileDraftSchema, type Profile, type ProfileDraft } from '../../common/profile';
import { AppError } from '../../common/result';
import type { ApiClientOptions } from '../api/api-client';
import type { SecretStore } from '../keychain/secret-store';
import { networkOf } from '../profiles/connection-way';
import { retypeSecret, secretMustBeRetyped } from '../profiles/secret-rules';
import { clientSecretAccount } from './keychain-accounts';
import { testConnection } from './test-connection';
import type { TokenFetcher } from './token-client';

/** What "Test connection" needs. */
export interface ConnectionTesterDeps {
  /** Reads a saved profile (PROFILE_NOT_FOUND when gone). */
  getProfile: (profileId: string) => Promise<Profile>;
  secrets: SecretStore;
  /** A saved profile's way out (its own route, so the test says which way the profile's requests go). */
  wayOf: (profile: Profile) => TestWay;
  /** A new way for a draft's network setting. */
  wayFor: (setting: NetworkSetting) => TestWay;
  /** Runs before a saved profile is contacted (a demo profile's own sandbox must be the one listening). */
  beforeConnect: (profile: Profile) => Promise<void>;
}

/** A profile that is gone is null (a draft may carry the id of a deleted profile); other failures stand. */
function unlessNotFound(error: unknown): null {
  if (error instanceof AppError && error.code === 'PROFILE_NOT_FOUND') return null;
  throw error;
}

/** The token fetcher and API client options along one route. */
export interface TestWay {
  fetchToken: TokenFetcher;
  apiOptions: ApiClientOptions;
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
    const way = this.deps.wayOf(current);
    return testConnection(current, secret, way.fetchToken, way.apiOptions);
  }

  /** Tests a draft; the secret is used for this test only (a stored one only for the server it was saved for). */
  private async testDraft(input: ProfileDraft): Promise<ConnectionTestReport> {
    const draft = profileDraftSchema.parse(input);
    const saved = draft.id ? await this.deps.getProfile(draft.id).catch(unlessNotFound) : null;
    let secret = draft.secret;
    if (!secret && draft.id) {
      if (!saved) throw new AppError('PROFILE_NOT_FOUND');
      if (secretMustBeRetyped(saved, draft)) throw new AppError('SECRET_MISSING', retypeSecret);
      await this.deps.beforeConnect(saved);
      secret = (await this.deps.secrets.get(clientSecretAccount(saved.id))) ?? undefined;
    }
    if (!secret) throw new AppError('SECRET_MISSING', 'Enter the client secret to test the connection.');
    const profile: Profile = {
      id: draft.id ?? 'draft',
      name: draft.name,
      baseUrl: draft.baseUrl,
      clientId: draft.clientId,
      tokenStyle: draft.tokenStyle,
      demo: false,
      network: draft.network ?? saved?.network ?? defaultNetworkSetting,
    };
    // The draft's own setting, on a fresh route (so its words are this test's); the demo is always direct.
    const way = this.deps.wayFor(saved?.demo ? networkOf(saved) : profile.network);
    return testConnection(profile, secret, way.fetchToken, way.apiOptions);
  }
}
