import type { PortfolioChangesView, VersionEntry } from '../../common/change-views';
import { computeModelChanges } from '../../common/model-changes';
import { compareModels, type AllocationRow } from '../../common/model-comparison';
import type { Portfolio } from '../../common/portfolio';
import { AppError } from '../../common/result';
import type { PortfolioRecordCache } from '../cache/records/portfolio-record-cache';
import type { PortfolioHistory, VersionInfo } from '../cache/records/record-types';
import type { TradeListEntry } from '../export/change-export';

/** Which two revisions to compare; by default the current one against the one before it. */
export interface RevisionPick {
  from?: number;
  to?: number;
}

type Cache = Pick<PortfolioRecordCache, 'history' | 'readVersion' | 'listing'>;

interface ReadRevision {
  entry: VersionEntry;
  portfolio: Portfolio | null;
}

function notCached(cache: Cache, id: string): AppError {
  return cache.listing()?.portfolios.some((p) => p.id === id)
    ? new AppError('CACHE_UNREADABLE', 'The kept versions of this portfolio could not be read. Sync to fetch it again.')
    : new AppError('NOT_FOUND', 'That portfolio is not in the data on hand. Sync to refresh the list.');
}

function damagedVersion(): AppError {
  return new AppError(
    'CACHE_UNREADABLE',
    'This version of the portfolio could not be read (it is damaged). Pick another.',
  );
}

/** A portfolio's revisions, current first: every one decrypted (at most 13 small records). */
async function readRevisions(cache: Cache, history: PortfolioHistory): Promise<ReadRevision[]> {
  const infos: VersionInfo[] = [history.current, ...history.versions];
  return Promise.all(
    infos.map(async (info, index) => {
      const read = await cache.readVersion(history.id, info.revision);
      const portfolio = read.status === 'ok' ? read.portfolio : null;
      const entry = { ...info, updatedAt: portfolio?.updatedAt ?? null, current: index === 0 };
      return { entry, portfolio };
    }),
  );
}

/** Allocation by asset class of one or two versions, lined up (weights [from, to] or [to]). */
function allocationOf(from: Portfolio | null, to: Portfolio): AllocationRow[] {
  if (from) return compareModels([from, to]).allocation;
  return compareModels([to, to]).allocation.map((row) => ({ ...row, weights: row.weights.slice(0, 1) }));
}

/**
 * The Changes tab of one portfolio: its kept versions and the trade list between two of them (any two, in either
 * order; by default the current one against the one before), computed with the tolerance in force.
 */
export async function readPortfolioChanges(
  cache: Cache,
  id: string,
  pick: RevisionPick,
  tolerancePp: number,
): Promise<PortfolioChangesView> {
  const history = await cache.history(id);
  if (!history) throw notCached(cache, id);
  const revisions = await readRevisions(cache, history);
  const find = (revision: number): ReadRevision => {
    const found = revisions.find((r) => r.entry.revision === revision);
    if (!found) throw new AppError('VERSION_NOT_KEPT');
    return found;
  };
  const to = pick.to === undefined ? revisions[0]! : find(pick.to);
  const from = pick.from === undefined ? (revisions[revisions.indexOf(to) + 1] ?? null) : find(pick.from);
  if (from === to) throw new AppError('VALIDATION', 'Pick two different versions to compare.');
  if (!to.portfolio || (from && !from.portfolio)) throw damagedVersion();
  const summary = cache.listing()?.portfolios.find((p) => p.id === id);
  return {
    portfolioId: id,
    name: to.portfolio.name,
    versions: revisions.map((r) => r.entry),
    from: from?.entry ?? null,
    to: to.entry,
    changes: from?.portfolio ? computeModelChanges(from.portfolio, to.portfolio, { tolerancePp }) : null,
    allocation: allocationOf(from?.portfolio ?? null, to.portfolio),
    lastChangedAt: summary?.lastChangedAt ?? null,
  };
}

/** The kept revision that was current at `since`: the oldest one a change at or after `since` superseded. */
export function revisionAt(history: PortfolioHistory, since: number): VersionInfo | null {
  let found: VersionInfo | null = null;
  for (const version of history.versions) {
    if (version.supersededAt !== null && Date.parse(version.supersededAt) >= since) found = version;
  }
  return found;
}

/** The date a trade list names a version by: the partner's own date, else when the app stored it. */
function versionDate(portfolio: Portfolio, info: VersionInfo): string {
  return portfolio.updatedAt ?? info.storedAt;
}

/**
 * Every listed portfolio's net trade list since a time (from the revision current then to the current one), one
 * portfolio at a time in list order, for the streamed CSV export. Portfolios unchanged since then are skipped.
 */
export async function* tradeListsSince(
  cache: Cache,
  since: number,
  tolerancePp: number,
): AsyncGenerator<TradeListEntry> {
  const summaries = cache.listing()?.portfolios ?? [];
  for (const summary of summaries) {
    if (summary.lastChangedAt === null || Date.parse(summary.lastChangedAt) < since) continue;
    const history = await cache.history(summary.id);
    const from = history && revisionAt(history, since);
    if (!history || !from) continue;
    const [before, after] = await Promise.all([
      cache.readVersion(summary.id, from.revision),
      cache.readVersion(summary.id, history.current.revision),
    ]);
    if (before.status !== 'ok' || after.status !== 'ok') throw damagedVersion();
    yield {
      changes: computeModelChanges(before.portfolio, after.portfolio, { tolerancePp }),
      dates: { from: versionDate(before.portfolio, from), to: versionDate(after.portfolio, history.current) },
    };
  }
}

/** The dates a trade list between two versions of the Changes tab names them by. */
export function viewDates(view: PortfolioChangesView): { from: string | null; to: string | null } {
  const date = (entry: VersionEntry | null) => (entry ? (entry.updatedAt ?? entry.storedAt) : null);
  return { from: date(view.from), to: date(view.to) };
}
