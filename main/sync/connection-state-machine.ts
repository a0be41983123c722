import { notConfiguredState, type ConnectionState, type SyncProgress } from '../../common/connection-state';
import type { ErrorCode } from '../../common/error-codes';
import type { AppErrorData } from '../../common/result';

/** Errors that mean the API cannot be reached right now: the cache is served as "offline". */
const offlineCodes = new Set<ErrorCode>(['NETWORK_UNREACHABLE', 'TIMEOUT', 'PROXY_UNREACHABLE']);
/** Errors the user must fix in Settings. */
const authCodes = new Set<ErrorCode>([
  'INVALID_CLIENT',
  'INVALID_REQUEST',
  'UNAUTHORIZED_CLIENT',
  'UNSUPPORTED_GRANT_TYPE',
  'INVALID_SCOPE',
  'AUTH_REJECTED',
  'SECRET_MISSING',
  'FORBIDDEN',
]);

/** Which status a failed sync leads to. */
export function statusForError(error: AppErrorData): ConnectionState['status'] {
  if (offlineCodes.has(error.code)) return 'offline';
  if (authCodes.has(error.code)) return 'auth-error';
  if (error.code === 'KEYCHAIN_UNAVAILABLE') return 'keychain-unavailable';
  return 'error';
}

/**
 * The one connection state: every transition goes through here, and each change is published.
 * Statuses: not-configured, online, syncing (with progress), offline since a time, auth-error,
 * keychain-unavailable, error; the cached data is served in all but not-configured.
 */
export class ConnectionStateMachine {
  private current: ConnectionState = notConfiguredState;

  constructor(
    private readonly publish: (state: ConnectionState) => void,
    private readonly now: () => number,
  ) {}

  /** The state now. */
  get state(): ConnectionState {
    return this.current;
  }

  /** No profile is set up. */
  notConfigured(): void {
    this.set({ ...notConfiguredState });
  }

  /** A profile became active with what its cache held. */
  profileLoaded(
    profile: { id: string; name: string; demo: boolean },
    cached: { lastSyncedAt: string | null; count: number },
    notice: AppErrorData | null,
  ): void {
    this.set({
      ...notConfiguredState,
      status: notice ? statusForError(notice) : 'online',
      profileId: profile.id,
      profileName: profile.name,
      demo: profile.demo,
      lastSyncedAt: cached.lastSyncedAt,
      portfolioCount: cached.count,
      error: notice,
    });
  }

  /** A sync started or moved on. */
  syncing(progress: SyncProgress): void {
    this.set({ ...this.current, status: 'syncing', progress });
  }

  /** A sync finished and its data is on hand. */
  synced(lastSyncedAt: string, count: number, tokenValidUntil: string | null): void {
    this.set({
      ...this.current,
      status: 'online',
      progress: null,
      error: null,
      offlineSince: null,
      lastSyncedAt,
      portfolioCount: count,
      tokenValidUntil,
    });
  }

  /** A sync failed: offline, auth error, keychain or other error; the cache stays on screen. */
  failed(error: AppErrorData): void {
    const status = statusForError(error);
    const offlineSince =
      status === 'offline' ? (this.current.offlineSince ?? new Date(this.now()).toISOString()) : null;
    this.set({ ...this.current, status, progress: null, error, offlineSince });
  }

  /** A sync was cancelled: back to how things were before it. */
  cancelled(): void {
    const status = this.current.error ? statusForError(this.current.error) : 'online';
    this.set({ ...this.current, status, progress: null });
  }

  /** The token's validity changed (signed out, refreshed). */
  tokenValidUntil(value: string | null): void {
    if (value !== this.current.tokenValidUntil) this.set({ ...this.current, tokenValidUntil: value });
  }

  private set(next: ConnectionState): void {
    this.current = next;
    this.publish(next);
  }
}
