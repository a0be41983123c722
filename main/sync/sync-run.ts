import type { SyncIssue } from '../../common/cache-snapshot';
import type { SyncProgress } from '../../common/connection-state';
import type { Portfolio } from '../../common/portfolio';
import type { ApiClient } from '../api/api-client';
import { stableHash } from '../api/stable-hash';
import type { PageValidators, RecordCommit } from '../cache/records/record-types';
import type { Clock } from '../clock';
import { cameFromDetail, readDetails, type DetailJob, type StoredDetails, type SyncedEntry } from './detail-pass';
import { readList } from './list-pass';
import { parsePortfolio } from './portfolio-parse';
import { checkCancelled, defaultMaxSyncBytes, defaultMaxSyncItems, SyncBudget } from './sync-budget';

export { defaultMaxSyncBytes, defaultMaxSyncItems } from './sync-budget';

/** What the cache holds that a sync asks with: each page's validators, each detail's, the issues of kept portfolios. */
export interface StoredSync extends StoredDetails {
  pages: PageValidators[];
  issues: SyncIssue[];
}

/** What one sync run needs. */
export interface SyncRunDeps {
  api: ApiClient;
  profileId: string;
  clock: Clock;
  /** What the cache holds, for conditional requests; null on a first sync (everything is fetched). */
  stored: StoredSync | null;
  signal: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Detail requests in flight at once (default 8). */
  detailConcurrency?: number;
  /** A runaway pagination guard (default 100,000 pages). */
  maxPages?: number;
  /** The most portfolios one sync accepts across all pages (default 250,000). */
  maxTotalItems?: number;
  /** The most bytes one sync accepts across all pages and details (default 512 MB). */
  maxTotalBytes?: number;
}

/** The outcome of a run: the whole set for the cache (kept or fetched, in list order), and how many answers were 304. */
export interface SyncRunResult {
  commit: RecordCommit;
  notModified: number;
}

const noteKey = (issue: SyncIssue): string => `${issue.portfolioId}\u0000${issue.message}`;

function weightIssue(portfolio: Portfolio): SyncIssue | null {
  if (portfolio.holdings.length === 0)
    return { portfolioId: portfolio.id, message: `${portfolio.name}: it has no holdings.` };
  if (portfolio.weightsOk) return null;
  return {
    portfolioId: portfolio.id,
    message: `${portfolio.name}: its weights add up to ${(portfolio.weightSum * 100).toFixed(2)} %, not 100 %.`,
  };
}

/**
 * Reads the whole portfolio list (following pagination to the end, each page conditional on what the
 * cache stored), fetches holdings from the detail route where the list lacks them (conditional too),
 * and returns the commit for the cache. Bad records are reported and skipped; a transport or API
 * failure fails the whole run, so a partial set is never cached.
 */
export async function runSync(deps: SyncRunDeps): Promise<SyncRunResult> {
  const budget = new SyncBudget(
    deps.api,
    deps.signal,
    { maxItems: deps.maxTotalItems ?? defaultMaxSyncItems, maxBytes: deps.maxTotalBytes ?? defaultMaxSyncBytes },
    deps.onProgress,
  );
  const stored = deps.stored;
  const list = await readList(budget, stored?.pages ?? [], deps.maxPages ?? 100_000);

  const issues: SyncIssue[] = [];
  const entries: Array<SyncedEntry | null> = [];
  const ids: Array<string | null> = [];
  const jobs: DetailJob[] = [];
  const seen = new Set<string>();
  list.entries.forEach((entry, index) => {
    let id: string;
    let listed: Portfolio | null = null;
    if (entry.kind === 'kept') id = entry.id;
    else {
      const parsed = parsePortfolio(entry.item);
      if (!parsed.ok) {
        const label = parsed.id ? ` (${parsed.id})` : '';
        issues.push({ portfolioId: parsed.id, message: `Record ${index + 1}${label} was skipped: ${parsed.reason}.` });
        entries.push(null);
        ids.push(null);
        return;
      }
      id = parsed.portfolio.id;
      listed = parsed.portfolio;
      if (!seen.has(id))
        for (const note of parsed.notes) issues.push({ portfolioId: id, message: `${listed.name}: ${note}` });
      if (!parsed.hasHoldings && !seen.has(id))
        jobs.push({ position: entries.length, id, listed, listHash: stableHash(entry.item), name: listed.name });
    }
    if (seen.has(id)) {
      issues.push({ portfolioId: id, message: `Portfolio ${id} appeared twice; the first copy was kept.` });
      entries.push(null);
      ids.push(null);
      return;
    }
    seen.add(id);
    ids.push(id);
    if (listed) entries.push({ kind: 'fetched', portfolio: listed });
    else {
      entries.push({ kind: 'kept', id });
      if (stored && cameFromDetail(stored, id))
        jobs.push({ position: entries.length - 1, id, listed: null, listHash: null, name: id });
    }
  });

  await readDetails(budget, jobs, entries, stored, issues, deps.detailConcurrency ?? 8);
  checkCancelled(deps.signal);

  // Kept portfolios keep the notes they had (less those their fresh list item just gave again); fetched ones get
  // theirs afresh.
  const kept = new Set(entries.flatMap((entry) => (entry?.kind === 'kept' ? [entry.id] : [])));
  const given = new Set(issues.map(noteKey));
  issues.unshift(
    ...(stored?.issues ?? []).filter(
      (issue) => issue.portfolioId !== null && kept.has(issue.portfolioId) && !given.has(noteKey(issue)),
    ),
  );
  for (const entry of entries) {
    const issue = entry?.kind === 'fetched' ? weightIssue(entry.portfolio) : null;
    if (issue) issues.push(issue);
  }
  const pages: PageValidators[] = list.pages.map(({ entries: positions, ...page }) => ({
    ...page,
    portfolioIds: positions.flatMap((position) => (entries[position] ? [ids[position] as string] : [])),
  }));
  return {
    commit: {
      syncedAt: new Date(deps.clock.now()).toISOString(),
      issues,
      pages,
      portfolios: entries.filter((entry): entry is SyncedEntry => entry !== null),
    },
    notModified: budget.notModified,
  };
}
