import { randomUUID } from 'node:crypto';
import type { ConnectionTestReport } from '../../common/connection-test';
import { profileDraftSchema, type Profile, type ProfileDraft, type ProfileView } from '../../common/profile';
import type { ProfilesState } from '../../common/profiles-state';
import { AppError, type AppErrorData } from '../../common/result';
import { ApiClient, type ApiClientOptions } from '../api/api-client';
import { clientSecretAccount, tokenAccount } from '../auth/keychain-accounts';
import { testConnection } from '../auth/test-connection';
import type { TokenFetcher } from '../auth/token-client';
import { TokenManager } from '../auth/token-manager';
import type { Clock } from '../clock';
import type { SecretStore } from '../keychain/secret-store';
import { silentLogger, type Logger } from '../logging/logger';
import type { Settings, SettingsStore } from '../settings/settings-store';

/** What the profile service needs. */
export interface ProfileServiceDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  clock: Clock;
  fetchToken: TokenFetcher;
  logger?: Logger;
  apiOptions?: ApiClientOptions;
  /** Token manager tunables (refresh margin, minimum remaining). */
  tokenOptions?: { refreshMarginMs?: number; minRemainingMs?: number };
  /** Called when a profile is deleted, to forget its cache. */
  onRemove?: (profileId: string) => Promise<void>;
}

function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/** The stored secret may only go where it went before: a new server (origin) or client id needs it typed again. */
function secretMustBeRetyped(saved: Profile, next: { baseUrl: string; clientId: string }): boolean {
  return originOf(saved.baseUrl) !== originOf(next.baseUrl) || saved.clientId !== next.clientId;
}

const retypeSecret =
  'The server address or client ID changed, so enter the client secret again: a stored secret is only ever sent to the server it was saved for.';

function sameConnection(a: Profile, b: Profile): boolean {
  return a.baseUrl === b.baseUrl && a.clientId === b.clientId && a.tokenStyle === b.tokenStyle;
}

/**
 * Connection profiles: metadata in the settings file, the client secret in the keychain only
 * (write-only from the renderer), one TokenManager and ApiClient per profile.
 */
export class ProfileService {
  private settings: Settings = { profiles: [], activeProfileId: null };
  private notice: AppErrorData | null = null;
  private readonly tokens = new Map<string, TokenManager>();
  private readonly clients = new Map<string, ApiClient>();
  private readonly logger: Logger;
  private ready: Promise<void> | null = null;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  /** Loads the settings once; later calls wait for the same load. A failed load is not kept: the next call tries again. */
  init(): Promise<void> {
    this.ready ??= this.deps.settings.load().then(
      ({ settings, notice }) => {
        this.settings = settings;
        this.notice = notice;
        if (notice) this.logger.warn('settings file set aside', { notice: notice.message });
      },
      (error: unknown) => {
        // e.g. EBUSY while an antivirus scans the file: say so now, and read again next time.
        this.ready = null;
        this.logger.warn('could not read the settings file; will try again', { error });
        throw error;
      },
    );
    return this.ready;
  }

  /** Every profile as the renderer may see it. */
  async state(): Promise<ProfilesState> {
    await this.init();
    const profiles = await Promise.all(this.settings.profiles.map((profile) => this.view(profile)));
    return { profiles, activeProfileId: this.settings.activeProfileId, notice: this.notice };
  }

  /** The active profile, or null when none is set up. */
  async active(): Promise<Profile | null> {
    await this.init();
    const id = this.settings.activeProfileId;
    return this.settings.profiles.find((profile) => profile.id === id) ?? null;
  }

  /** One profile by id; PROFILE_NOT_FOUND when it is gone. */
  async get(profileId: string): Promise<Profile> {
    await this.init();
    const profile = this.settings.profiles.find((candidate) => candidate.id === profileId);
    if (!profile) throw new AppError('PROFILE_NOT_FOUND');
    return profile;
  }

  /** Creates or updates a profile (and stores its secret when given); the first profile becomes active. */
  async save(input: ProfileDraft, options: { demo?: boolean } = {}): Promise<ProfileView> {
    await this.init();
    const draft = profileDraftSchema.parse(input);
    const existing = draft.id ? await this.get(draft.id) : null;
    const profile: Profile = {
      id: existing?.id ?? randomUUID(),
      name: draft.name,
      baseUrl: draft.baseUrl,
      clientId: draft.clientId,
      tokenStyle: draft.tokenStyle,
      demo: options.demo ?? existing?.demo ?? false,
    };
    if (!existing && !draft.secret)
      throw new AppError('SECRET_MISSING', 'Enter the client secret to save a new connection.');
    if (existing && !draft.secret && secretMustBeRetyped(existing, profile)) {
      throw new AppError('SECRET_MISSING', retypeSecret);
    }
    if (draft.secret) await this.deps.secrets.set(clientSecretAccount(profile.id), draft.secret);
    const profiles = existing
      ? this.settings.profiles.map((candidate) => (candidate.id === profile.id ? profile : candidate))
      : [...this.settings.profiles, profile];
    await this.persist({ profiles, activeProfileId: this.settings.activeProfileId ?? profile.id });
    if (!existing || !sameConnection(existing, profile) || draft.secret) await this.resetAuth(profile.id);
    return this.view(profile);
  }

  /** Stores or replaces a profile's client secret (write-only: it is never read back to the renderer). */
  async setSecret(profileId: string, secret: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.deps.secrets.set(clientSecretAccount(profileId), secret);
    await this.resetAuth(profileId);
    return this.view(profile);
  }

  /** Deletes a profile's client secret (and its token). */
  async deleteSecret(profileId: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.deps.secrets.delete(clientSecretAccount(profileId));
    await this.resetAuth(profileId);
    return this.view(profile);
  }

  /** Whether a secret is stored for the profile. */
  async hasSecret(profileId: string): Promise<boolean> {
    await this.get(profileId);
    return (await this.deps.secrets.get(clientSecretAccount(profileId))) !== null;
  }

  /** Makes a profile the one the app shows. */
  async activate(profileId: string): Promise<ProfilesState> {
    await this.get(profileId);
    await this.persist({ ...this.settings, activeProfileId: profileId });
    return this.state();
  }

  /** Forgets the profile's access token (keychain and memory); the secret stays. */
  async signOut(profileId: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.tokenManager(profile).forget();
    return this.view(profile);
  }

  /** Deletes a profile with its secret, token and cache; a token request or sync under way for it is voided first. */
  async remove(profileId: string): Promise<ProfilesState> {
    await this.get(profileId);
    await this.resetAuth(profileId);
    await this.deps.onRemove?.(profileId);
    await this.deps.secrets.delete(clientSecretAccount(profileId));
    const profiles = this.settings.profiles.filter((profile) => profile.id !== profileId);
    const activeProfileId =
      this.settings.activeProfileId === profileId ? (profiles[0]?.id ?? null) : this.settings.activeProfileId;
    await this.persist({ profiles, activeProfileId });
    return this.state();
  }

  /** Tests a saved profile with its stored secret. */
  async testSaved(profileId: string): Promise<ConnectionTestReport> {
    const profile = await this.get(profileId);
    const secret = await this.deps.secrets.get(clientSecretAccount(profileId));
    if (!secret) throw new AppError('SECRET_MISSING');
    return testConnection(profile, secret, this.deps.fetchToken, this.apiOptions());
  }

  /** Tests a draft before it is saved; the secret is used for this test only. */
  async testDraft(input: ProfileDraft): Promise<ConnectionTestReport> {
    const draft = profileDraftSchema.parse(input);
    let secret = draft.secret;
    if (!secret && draft.id) {
      const saved = await this.get(draft.id);
      if (secretMustBeRetyped(saved, draft)) throw new AppError('SECRET_MISSING', retypeSecret);
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
    return testConnection(profile, secret, this.deps.fetchToken, this.apiOptions());
  }

  /** The profile's token manager (one per profile, rebuilt when its connection details change). */
  tokenManager(profile: Profile): TokenManager {
    const existing = this.tokens.get(profile.id);
    if (existing && sameConnection(existing.profile, profile)) return existing;
    const manager = new TokenManager({
      profile,
      secrets: this.deps.secrets,
      clock: this.deps.clock,
      fetchToken: this.deps.fetchToken,
      logger: this.logger,
      ...this.deps.tokenOptions,
    });
    this.tokens.set(profile.id, manager);
    this.clients.delete(profile.id);
    return manager;
  }

  /** The profile's API client, sharing its token manager. */
  apiClient(profile: Profile): ApiClient {
    const tokens = this.tokenManager(profile);
    let client = this.clients.get(profile.id);
    if (!client) {
      client = new ApiClient(profile.baseUrl, tokens, this.apiOptions());
      this.clients.set(profile.id, client);
    }
    return client;
  }

  private apiOptions(): ApiClientOptions {
    return { logger: this.logger, clock: this.deps.clock, ...this.deps.apiOptions };
  }

  /** Retires the profile's token manager (voiding any request under way) and API client, and forgets its token in the keychain. */
  private async resetAuth(profileId: string): Promise<void> {
    const retired = this.tokens.get(profileId);
    this.tokens.delete(profileId);
    this.clients.delete(profileId);
    await retired?.dispose();
    await this.deps.secrets.delete(tokenAccount(profileId));
  }

  private async persist(next: Settings): Promise<void> {
    await this.deps.settings.save(next);
    this.settings = next;
    this.notice = null;
  }

  private async view(profile: Profile): Promise<ProfileView> {
    const hasSecret = (await this.deps.secrets.get(clientSecretAccount(profile.id))) !== null;
    let tokenValidUntil: string | null = null;
    if (hasSecret) {
      const until = await this.tokenManager(profile)
        .validUntil()
        .catch(() => null);
      tokenValidUntil = until === null ? null : new Date(until).toISOString();
    }
    return { ...profile, hasSecret, tokenValidUntil };
  }
}
