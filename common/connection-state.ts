import type { AppErrorData } from './result';

/** Where a sync is: pages and portfolios read so far, and the total when the API says it. */
export interface SyncProgress {
  pages: number;
  portfolios: number;
  total: number | null;
  /** Portfolio details fetched so far (when the list came without holdings). */
  details: number;
}

/** The one connection state the status bar shows, published by main as it changes. */
export interface ConnectionState {
  status: 'not-configured' | 'online' | 'syncing' | 'offline' | 'auth-error' | 'keychain-unavailable' | 'error';
  profileId: string | null;
  profileName: string | null;
  /** True for the built-in demo sandbox. */
  demo: boolean;
  /** ISO time of the last good sync (the data on screen), or null when there is none. */
  lastSyncedAt: string | null;
  /** ISO time the API was first found unreachable in the current offline spell. */
  offlineSince: string | null;
  progress: SyncProgress | null;
  /** What went wrong, in plain words with the fix (offline, auth error, keychain, error). */
  error: AppErrorData | null;
  /** ISO time the access token stops being used; never the token. */
  tokenValidUntil: string | null;
  /** How many portfolios are on hand (cached or freshly synced). */
  portfolioCount: number;
}

/** The state before any profile exists. */
export const notConfiguredState: ConnectionState = {
  status: 'not-configured',
  profileId: null,
  profileName: null,
  demo: false,
  lastSyncedAt: null,
  offlineSince: null,
  progress: null,
  error: null,
  tokenValidUntil: null,
  portfolioCount: 0,
};
