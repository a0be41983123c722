import type { SyncIssue } from './cache-snapshot';

/** What one sync did. */
export interface SyncOutcome {
  /** updated: new data cached; unchanged: the API said 304 / nothing changed. */
  status: 'updated' | 'unchanged';
  portfolioCount: number;
  syncedAt: string;
  issues: SyncIssue[];
}

/** What an export did: saved with the file named, or cancelled in the dialog. */
export type ExportOutcome =
  { status: 'saved'; path: string; fileName: string; rows: number; bytes: number } | { status: 'cancelled' };

/** The two CSV exports. */
export type ExportKind = 'list' | 'holdings';
