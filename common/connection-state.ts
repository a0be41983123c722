import type { AppErrorData } from './result';

/** Where a sync is: pages and portfolios read so far, and the total when the API says it. */
export interface SyncProgress {
  pages: number;
  portfolios: number;
  total: number | null;
  /** Portfolio details fetched so far (when the list came without holdings). */
  details: number;
}

/**
 * What the connection state knows of the active profile's data. The profile's name, demo flag and
 * token validity are the profiles' facts (`profiles:list`), not repeated here.
 */
export interface ConnectionFacts {
  profileId: string;
  /** ISO time of the last good sync (the data on screen), or null when there is none. */
  lastSyncedAt: string | null;
  /** How many portfolios are on hand (cached or freshly synced). */
  portfolioCount: number;
}

/**
 * The one connection state the status bar shows, published by main as it changes; a union by
 * status, so every state carries exactly what it means (an offline state always says since when
 * and why, a syncing state always has its progress).
 */
export type ConnectionState =
  | { status: 'not-configured' }
  | (ConnectionFacts & { status: 'online' })
  | (ConnectionFacts & {
      status: 'syncing';
      progress: SyncProgress;
      /** Set while a retry runs during an offline spell ("reconnecting"), null otherwise. */
      offlineSince: string | null;
    })
  | (ConnectionFacts & { status: 'offline'; offlineSince: string; error: AppErrorData })
  | (ConnectionFacts & { status: 'auth-error'; error: AppErrorData })
  | (ConnectionFacts & { status: 'keychain-unavailable'; error: AppErrorData })
  | (ConnectionFacts & { status: 'error'; error: AppErrorData });

/** Any status. */
export type ConnectionStatus = ConnectionState['status'];

/** The state before any profile exists. */
export const notConfiguredState: ConnectionState = { status: 'not-configured' };

/** A sync's progress before its first page. */
export const startingProgress: SyncProgress = { pages: 0, portfolios: 0, total: null, details: 0 };
