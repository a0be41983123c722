import type { Portfolio } from './portfolio';

/** A record skipped or flagged during sync, in plain words (portfolioId null when it concerns no one portfolio). */
export interface SyncIssue {
  portfolioId: string | null;
  message: string;
}

/** One profile's last good portfolio set with its sync metadata, as the offline cache keeps it. */
export interface CacheSnapshot {
  /** Version of this payload's layout; older versions are migrated on read. */
  schemaVersion: number;
  profileId: string;
  /** ISO 8601 instant of the sync that produced this set. */
  syncedAt: string;
  /** The list response's ETag, for a conditional next sync; null when the API sent none. */
  etag: string | null;
  portfolios: Portfolio[];
  issues: SyncIssue[];
}
