import type { Profile } from '../../common/profile';
import { AppError } from '../../common/result';
import type { Clock } from '../clock';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import { clientSecretAccount, tokenAccount } from './keychain-accounts';
import type { IssuedToken, TokenFetcher } from './token-client';
import { maxTokenLifetimeSeconds } from './token-response';
import { credentialFingerprint, signedOut, storedTokenSchema, untilAborted, type StoredToken } from './stored-token';

/** What a TokenManager needs. */
export interface TokenManagerDeps {
  profile: Profile;
  secrets: SecretStore;
  clock: Clock;
  fetchToken: TokenFetcher;
  logger: Logger;
  /** Told when the token was obtained or forgotten (its validity changed); never given the token. */
  onChange?: () => void;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
  /** Never hand out a token with less than this left (default 60 s). */
  minRemainingMs?: number;
}

/**
 * Owns one profile's access token: fetches it only when needed, keeps it (with its absolute expiry)
 * in the keychain across restarts, refreshes it before expiry, and makes any number of concurrent
 * callers share one token request.
 */
export class TokenManager {
  private current: StoredToken | null = null;
  private loaded = false;
  private secret: string | null = null;
  private inflight: { promise: Promise<StoredToken>; controller: AbortController } | null = null;
  private loading: Promise<void> | null = null;
  /** Bumped by forget(): a request or load begun under an older generation may not keep its result. */
  private generation = 0;
  /** Set by dispose(): this manager's profile or credentials are gone, so it never asks for a token again. */
  private disposed = false;
  private readonly refreshMarginMs: number;
  private readonly minRemainingMs: number;
  private readonly logger: Logger;

  constructor(private readonly deps: TokenManagerDeps) {
    this.refreshMarginMs = deps.refreshMarginMs ?? 5 * 60_000;
    this.minRemainingMs = deps.minRemainingMs ?? 60_000;
    this.logger = deps.logger;
  }

  /** The profile this manager serves. */
  get profile(): Profile {
    return this.deps.profile;
  }

  /**
   * A token with more than the minimum left; fetches (once, shared) when there is none. The caller's
   * signal stops its wait (SYNC_CANCELLED); the shared request goes on for the others.
   */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.disposed) throw signedOut();
    if (!this.loaded) await untilAborted(this.loadOnce(), signal);
    const now = this.deps.clock.now();
    const token = this.usable(this.current, now);
    if (token) {
      if (token.expiresAt - now <= this.effectiveMargin(token)) {
        // Proactive refresh: hand out the still-valid token, refresh in the background (shared).
        this.refresh().catch((error: unknown) => {
          if (!(error instanceof AppError && error.code === 'SIGNED_OUT'))
            this.logger.warn('background token refresh failed', { error });
        });
      }
      return token.accessToken;
    }
    return (await untilAborted(this.refresh(), signal)).accessToken;
  }

  /** Drops the token if it is the one the API just refused (a 401), so the next call fetches a new one. */
  async invalidate(accessToken: string): Promise<void> {
    if (this.current?.accessToken !== accessToken) return;
    this.current = null;
    await this.deps.secrets.delete(tokenAccount(this.profile.id)).catch(() => false);
    this.deps.onChange?.();
  }

  /**
   * Forgets the token everywhere (sign-out, the credentials changed, the profile is deleted). A token
   * request under way is aborted and, should its answer still arrive, never kept: it ends with SIGNED_OUT.
   */
  async forget(): Promise<void> {
    this.generation += 1;
    this.current = null;
    this.secret = null;
    this.loaded = true;
    const inflight = this.inflight;
    this.inflight = null;
    inflight?.controller.abort(signedOut());
    await this.deps.secrets.delete(tokenAccount(this.profile.id));
    this.deps.onChange?.();
  }

  /**
   * Forgets the token and retires this manager for good (the profile was deleted, or its secret or
   * connection changed): whoever still holds it gets SIGNED_OUT instead of a new token request.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.forget();
  }

  /** Until when the current token will be handed out (epoch ms), or null; never the token itself. */
  async validUntil(): Promise<number | null> {
    if (!this.loaded) await this.loadOnce();
    const token = this.usable(this.current, this.deps.clock.now());
    return token ? token.expiresAt - this.minRemainingMs : null;
  }

  private effectiveMargin(token: StoredToken): number {
    // A short-lived token refreshes at half its life rather than never being fresh.
    const lifetime = token.expiresAt - token.obtainedAt;
    return Math.max(this.minRemainingMs, Math.min(this.refreshMarginMs, lifetime / 2));
  }

  private usable(token: StoredToken | null, now: number): StoredToken | null {
    if (!token) return null;
    if (now < token.obtainedAt) return null; // the clock went backwards: the expiry means nothing now
    if (token.expiresAt - now < this.minRemainingMs) return null;
    return token;
  }

  private loadOnce(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const raw = await this.deps.secrets.get(tokenAccount(this.profile.id));
    const secret = await this.readSecret();
    if (generation !== this.generation) return; // forgotten meanwhile: what was read is stale
    this.loaded = true;
    if (!raw) return;
    let stored: StoredToken;
    try {
      stored = storedTokenSchema.parse(JSON.parse(raw));
    } catch {
      await this.deps.secrets.delete(tokenAccount(this.profile.id)).catch(() => false);
      return;
    }
    const now = this.deps.clock.now();
    if (stored.fingerprint !== credentialFingerprint(this.profile, secret) || now < stored.obtainedAt) {
      this.logger.info('dropping the stored token: credentials changed or the clock went backwards', {
        profile: this.profile.id,
      });
      await this.deps.secrets.delete(tokenAccount(this.profile.id)).catch(() => false);
      return;
    }
    // A lifetime past a year (kept by an older build) is clamped, so the expiry stays a real date.
    this.current = {
      ...stored,
      expiresAt: Math.min(stored.expiresAt, stored.obtainedAt + maxTokenLifetimeSeconds * 1000),
    };
  }

  private async readSecret(): Promise<string> {
    if (this.secret) return this.secret;
    const generation = this.generation;
    const secret = await this.deps.secrets.get(clientSecretAccount(this.profile.id));
    if (!secret) throw new AppError('SECRET_MISSING');
    if (generation === this.generation) this.secret = secret;
    return secret;
  }

  /** Starts a token request unless one is under way; every caller shares its outcome, success or failure. */
  private refresh(): Promise<StoredToken> {
    if (this.inflight) return this.inflight.promise;
    const controller = new AbortController();
    const entry = { controller, promise: Promise.resolve(null as unknown as StoredToken) };
    entry.promise = this.fetchAndStore(controller.signal, this.generation).finally(() => {
      if (this.inflight === entry) this.inflight = null;
    });
    this.inflight = entry;
    return entry.promise;
  }

  private async fetchAndStore(signal: AbortSignal, generation: number): Promise<StoredToken> {
    const secret = await this.readSecret();
    if (generation !== this.generation) throw signedOut();
    const issued: IssuedToken = await this.deps.fetchToken(this.profile, secret, signal);
    // Signed out (or deleted) while the server was answering: the answer is not kept anywhere.
    if (generation !== this.generation) throw signedOut();
    if (issued.expiresAt - this.deps.clock.now() < this.minRemainingMs) {
      throw new AppError(
        'TOKEN_RESPONSE_INVALID',
        'The API issued an access token that expires within a minute, too soon to use. Try again later or ask the API provider.',
      );
    }
    const stored: StoredToken = { ...issued, fingerprint: credentialFingerprint(this.profile, secret) };
    this.current = stored;
    this.loaded = true;
    this.logger.info('access token obtained', {
      profile: this.profile.id,
      expiresAt: new Date(stored.expiresAt).toISOString(),
      lifetimeAssumed: stored.lifetimeAssumed,
    });
    if (stored.lifetimeAssumed)
      this.logger.warn('the token response gave no lifetime; assuming 24 hours', { profile: this.profile.id });
    try {
      await this.deps.secrets.set(tokenAccount(this.profile.id), JSON.stringify(stored));
    } catch (error) {
      // The token still works for this session; it just will not survive a restart.
      this.logger.warn('could not keep the token in the keychain', { error });
    }
    if (generation !== this.generation) {
      // forget() ran while the keychain write was under way: make sure its delete wins.
      await this.deps.secrets.delete(tokenAccount(this.profile.id)).catch(() => false);
      throw signedOut();
    }
    this.deps.onChange?.();
    return stored;
  }
}
