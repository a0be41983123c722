import type { NetworkSetting } from '../../common/network-setting';
import type { Profile } from '../../common/profile';
import { ApiClient, type ApiClientOptions } from '../api/api-client';
import type { HttpRoute } from '../api/http-request';
import { tokenAccount } from '../auth/keychain-accounts';
import type { TokenFetcher } from '../auth/token-client';
import { TokenManager } from '../auth/token-manager';
import type { Clock } from '../clock';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import { buildConnectionWay, networkOf, type ConnectionWay } from './connection-way';
import { sameConnection } from './secret-rules';

/** What the per-profile connections need. */
export interface ProfileConnectionsDeps {
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** The route for a network setting (HttpRouter.routeFor). */
  routeFor: (setting: NetworkSetting) => HttpRoute;
  /** The token fetcher along a route (redacting). */
  tokenFetcher: (route: HttpRoute) => TokenFetcher;
  apiOptions?: ApiClientOptions;
  /** Token manager tunables (refresh margin, minimum remaining). */
  tokenOptions?: { refreshMarginMs?: number; minRemainingMs?: number };
}

/**
 * One TokenManager and ApiClient per profile, rebuilt when its connection details change, retired
 * when they go; and each profile's way out (route, token fetcher), rebuilt when its network setting
 * changes (the token is kept: it is not bound to the route; the API client is rebuilt).
 */
export class ProfileConnections {
  private readonly tokens = new Map<string, TokenManager>();
  private readonly clients = new Map<string, ApiClient>();
  private readonly ways = new Map<string, ConnectionWay>();
  private readonly tokenListeners = new Set<(profileId: string) => void>();

  constructor(private readonly deps: ProfileConnectionsDeps) {}

  /** Listens for a profile's token being obtained or forgotten; returns the unsubscribe. */
  onTokenChange(listener: (profileId: string) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  /** The API client options every client of the app uses (logger and clock included), without a route. */
  apiOptions(): ApiClientOptions {
    return { logger: this.deps.logger, clock: this.deps.clock, ...this.deps.apiOptions };
  }

  /** The profile's way out (its route, and the token fetcher and API options along it), kept while its setting holds. */
  way(profile: Profile): ConnectionWay {
    const setting = networkOf(profile);
    const existing = this.ways.get(profile.id);
    if (existing && existing.key === JSON.stringify(setting)) return existing;
    const way = this.wayFor(setting);
    this.ways.set(profile.id, way);
    // The client holds the old route; the token manager asks the current way at each fetch.
    this.clients.delete(profile.id);
    return way;
  }

  /** A new way for a network setting, kept nowhere (Test connection of a draft). */
  wayFor(setting: NetworkSetting): ConnectionWay {
    return buildConnectionWay(
      { routeFor: this.deps.routeFor, tokenFetcher: this.deps.tokenFetcher, apiOptions: this.apiOptions() },
      setting,
    );
  }

  /** The profile's token manager. */
  tokenManager(profile: Profile): TokenManager {
    this.way(profile);
    const existing = this.tokens.get(profile.id);
    if (existing && sameConnection(existing.profile, profile)) return existing;
    const profileId = profile.id;
    const manager = new TokenManager({
      profile,
      secrets: this.deps.secrets,
      clock: this.deps.clock,
      // Along the profile's current way: a network change keeps the token but not the old route.
      fetchToken: (forProfile, secret, signal) =>
        (this.ways.get(profileId) ?? this.way(forProfile)).fetchToken(forProfile, secret, signal),
      logger: this.deps.logger,
      onChange: () => {
        for (const listener of this.tokenListeners) listener(profile.id);
      },
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
      client = new ApiClient(profile.baseUrl, tokens, this.way(profile).apiOptions);
      this.clients.set(profile.id, client);
    }
    return client;
  }

  /** Until when the profile's token is handed out (ISO), or null; never the token. */
  async tokenValidUntil(profile: Profile): Promise<string | null> {
    const until = await this.tokenManager(profile)
      .validUntil()
      .catch(() => null);
    return until === null ? null : new Date(until).toISOString();
  }

  /** Retires the profile's token manager (voiding any request under way) and client, and forgets its token. */
  async retire(profileId: string): Promise<void> {
    const retired = this.tokens.get(profileId);
    this.tokens.delete(profileId);
    this.clients.delete(profileId);
    this.ways.delete(profileId);
    await retired?.dispose();
    await this.deps.secrets.delete(tokenAccount(profileId));
  }
}
