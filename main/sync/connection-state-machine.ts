import {
  notConfiguredState,
  startingProgress,
  type ConnectionFacts,
  type ConnectionState,
  type ConnectionStatus,
  type SyncProgress,
} from '../../common/connection-state';
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
export function statusForError(
  error: AppErrorData,
): Exclude<ConnectionStatus, 'not-configured' | 'online' | 'syncing'> {
  if (offlineCodes.has(error.code)) return 'offline';
  if (authCodes.has(error.code)) return 'auth-error';
  if (error.code === 'KEYCHAIN_UNAVAILABLE') return 'keychain-unavailable';
  return 'error';
}

/** A state at rest (not syncing) of a profile, built from its facts and what is wrong, if anything. */
type Resting = Exclude<ConnectionState, { status: 'syncing' } | { status: 'not-configured' }>;

/**
 * The one connection state: every transition goes through here, and each change is published.
 * Statuses: not-configured, online, syncing (with progress), offline since a time, auth-error,
 * keychain-unavailable, error; the cached data is served in all but not-configured.
 */
export class ConnectionStateMachine {
  private current: ConnectionState = notConfiguredState;
  /** Where a cancelled sync goes back to. */
  private resting: Resting | null = null;

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
    this.resting = null;
    this.set(notConfiguredState);
  }

  /** A profile became active with what its cache held, and a problem found while opening it, if any. */
  profileLoaded(
    profileId: string,
    cached: { lastSyncedAt: string | null; count: number },
    notice: AppErrorData | null,
  ): void {
    const facts: ConnectionFacts = { profileId, lastSyncedAt: cached.lastSyncedAt, portfolioCount: cached.count };
    this.rest(notice ? this.problem(facts, notice, null) : { ...facts, status: 'online' });
  }

  /** A sync started or moved on. */
  syncing(progress: SyncProgress = startingProgress): void {
    const facts = this.facts();
    if (!facts) return;
    const offlineSince = this.resting?.status === 'offline' ? this.resting.offlineSince : null;
    this.set({ ...facts, status: 'syncing', progress, offlineSince });
  }

  /** A sync finished and its data is on hand. */
  synced(lastSyncedAt: string, count: number): void {
    const facts = this.facts();
    if (!facts) return;
    this.rest({ profileId: facts.profileId, lastSyncedAt, portfolioCount: count, status: 'online' });
  }

  /** A sync failed: offline, auth error, keychain or other error; the cache stays on screen. */
  failed(error: AppErrorData): void {
    const facts = this.facts();
    if (!facts) return;
    const since = this.resting?.status === 'offline' ? this.resting.offlineSince : null;
    this.rest(this.problem(facts, error, since));
  }

  /** A sync was cancelled: back to how things were before it. */
  cancelled(): void {
    if (this.resting) this.set(this.resting);
  }

  private problem(facts: ConnectionFacts, error: AppErrorData, offlineSince: string | null): Resting {
    const status = statusForError(error);
    if (status === 'offline')
      return { ...facts, status, error, offlineSince: offlineSince ?? new Date(this.now()).toISOString() };
    return { ...facts, status, error };
  }

  private facts(): ConnectionFacts | null {
    const state = this.current;
    if (state.status === 'not-configured') return null;
    return { profileId: state.profileId, lastSyncedAt: state.lastSyncedAt, portfolioCount: state.portfolioCount };
  }

  private rest(next: Resting): void {
    this.resting = next;
    this.set(next);
  }

  private set(next: ConnectionState): void {
    this.current = next;
    this.publish(next);
  }
}
