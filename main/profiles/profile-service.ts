import { randomUUID } from 'node:crypto';
import { defaultNetworkSetting } from '../../common/network-setting';
import { profileDraftSchema, type Profile, type ProfileDraft, type ProfileView } from '../../common/profile';
import type { ProfilesState } from '../../common/profiles-state';
import { AppError, type AppErrorData } from '../../common/result';
import type { ApiClient } from '../api/api-client';
import { clientSecretAccount } from '../auth/keychain-accounts';
import type { TokenManager } from '../auth/token-manager';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import type { Settings, SettingsStore } from '../settings/settings-store';
import type { ProfileConnections } from './profile-connections';
import { ProfileEvents, type ProfileChange, type ProfileListener } from './profile-events';
import { retypeSecret, secretMustBeRetyped, sameConnection, sameNetwork } from './secret-rules';

/** What the profile service needs. */
export interface ProfileServiceDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  connections: ProfileConnections;
  logger: Logger;
}

/**
 * The one owner of the connection profiles: metadata in the settings file, the client secret in the
 * keychain only (write-only from the renderer). Every change is published (`subscribe`): main's
 * services react to it, and the renderer re-reads `profiles:list` on `profiles:changed`.
 */
export class ProfileService {
  private settings: Settings = { profiles: [], activeProfileId: null };
  private notice: AppErrorData | null = null;
  private ready: Promise<void> | null = null;
  private readonly events = new ProfileEvents();

  constructor(private readonly deps: ProfileServiceDeps) {
    deps.connections.onTokenChange((profileId) => this.tokenChanged(profileId));
  }

  /** Listens to every change; returns the unsubscribe. */
  subscribe(listener: ProfileListener): () => void {
    return this.events.subscribe(listener);
  }

  /** Loads the settings once; later calls wait for the same load. A failed load is not kept: the next call tries again. */
  init(): Promise<void> {
    this.ready ??= this.deps.settings.load().then(
      ({ settings, notice }) => {
        this.settings = settings;
        this.notice = notice;
        if (notice) this.deps.logger.warn('settings file set aside', { notice: notice.message });
      },
      (error: unknown) => {
        // e.g. EBUSY while an antivirus scans the file: say so now, and read again next time.
        this.ready = null;
        this.deps.logger.warn('could not read the settings file; will try again', { error });
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
      network: draft.network ?? existing?.network ?? defaultNetworkSetting,
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
    const connectionChanged = !existing || !sameConnection(existing, profile) || Boolean(draft.secret);
    if (connectionChanged) await this.deps.connections.retire(profile.id);
    // A new network setting keeps the token (it is not bound to the route) but is a new way to the API.
    const networkChanged = existing !== null && !sameNetwork(existing, profile);
    await this.publish({
      kind: 'saved',
      profileId: profile.id,
      active: this.isActive(profile.id),
      connectionChanged: connectionChanged || networkChanged,
    });
    return this.view(profile);
  }

  /** Stores or replaces a profile's client secret (write-only: it is never read back to the renderer). */
  async setSecret(profileId: string, secret: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.deps.secrets.set(clientSecretAccount(profileId), secret);
    await this.deps.connections.retire(profileId);
    await this.publish({ kind: 'secret-changed', profileId, active: this.isActive(profileId) });
    return this.view(profile);
  }

  /** Deletes a profile's client secret (and its token). */
  async deleteSecret(profileId: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.deps.connections.retire(profileId);
    await this.deps.secrets.delete(clientSecretAccount(profileId));
    await this.publish({ kind: 'secret-changed', profileId, active: this.isActive(profileId) });
    return this.view(profile);
  }

  /** Whether a secret is stored for the profile. */
  async hasSecret(profileId: string): Promise<boolean> {
    await this.get(profileId);
    return (await this.deps.secrets.get(clientSecretAccount(profileId))) !== null;
  }

  /** Makes a profile the one the app shows. */
  async activate(profileId: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.persist({ ...this.settings, activeProfileId: profileId });
    await this.publish({ kind: 'activated', profileId, active: true });
    return this.view(profile);
  }

  /** Forgets the profile's access token (keychain and memory); the secret stays. */
  async signOut(profileId: string): Promise<ProfileView> {
    const profile = await this.get(profileId);
    await this.deps.connections.tokenManager(profile).forget();
    await this.publish({ kind: 'signed-out', profileId, active: this.isActive(profileId) });
    return this.view(profile);
  }

  /**
   * Deletes a profile with its secret, token and cache: its token request is voided first, and the
   * owners of its data (told `removing`) let go of it before the secret goes.
   */
  async remove(profileId: string): Promise<{ profileId: string }> {
    await this.get(profileId);
    const wasActive = this.isActive(profileId);
    await this.deps.connections.retire(profileId);
    await this.events.emit({ kind: 'removing', profileId, active: wasActive });
    await this.deps.secrets.delete(clientSecretAccount(profileId));
    const profiles = this.settings.profiles.filter((profile) => profile.id !== profileId);
    const activeProfileId = wasActive ? (profiles[0]?.id ?? null) : this.settings.activeProfileId;
    await this.persist({ profiles, activeProfileId });
    await this.publish({ kind: 'removed', profileId, active: wasActive });
    return { profileId };
  }

  /** The profile's token manager (one per profile). */
  tokenManager(profile: Profile): TokenManager {
    return this.deps.connections.tokenManager(profile);
  }

  /** The profile's API client, sharing its token manager. */
  apiClient(profile: Profile): ApiClient {
    return this.deps.connections.apiClient(profile);
  }

  /** Publishes that the profile's token was obtained or forgotten (its token manager said so). */
  private tokenChanged(profileId: string): void {
    if (!this.settings.profiles.some((profile) => profile.id === profileId)) return;
    void this.publish({ kind: 'token', profileId, active: this.isActive(profileId) }).catch((error: unknown) =>
      this.deps.logger.warn('a listener failed on a token change', { error }),
    );
  }

  private isActive(profileId: string): boolean {
    return this.settings.activeProfileId === profileId;
  }

  private publish(change: ProfileChange): Promise<void> {
    return this.events.emit(change);
  }

  private async persist(next: Settings): Promise<void> {
    await this.deps.settings.save(next);
    this.settings = next;
    this.notice = null;
  }

  private async view(profile: Profile): Promise<ProfileView> {
    const hasSecret = (await this.deps.secrets.get(clientSecretAccount(profile.id))) !== null;
    const tokenValidUntil = hasSecret ? await this.deps.connections.tokenValidUntil(profile) : null;
    return { ...profile, hasSecret, tokenValidUntil };
  }
}
