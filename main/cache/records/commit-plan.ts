import type { SyncIssue } from '../../../common/cache-snapshot';
import type { Portfolio } from '../../../common/portfolio';
import { AppError } from '../../../common/result';
import { errorCatalog } from '../../../common/error-codes';
import { noValidators, type HttpValidators } from '../../api/conditional-request';
import { portfolioSchema } from '../cache-schema';
import { materialHash, recordSummaryOf, storedForm } from './portfolio-digest';
import type {
  KeptVersion,
  Manifest,
  PageValidators,
  PortfolioBooks,
  RecordCommit,
  RecordSummary,
} from './record-types';

/** What a commit is planned from: the stored state, the sync's commit and the number of versions to keep. */
export interface PlanInput {
  /** The generation this commit writes: the revision number of every detail it stores. */
  generation: number;
  manifest: Manifest;
  summaries: ReadonlyMap<string, RecordSummary>;
  books: ReadonlyMap<string, PortfolioBooks>;
  /** Portfolios whose current detail failed to open: rewritten whatever their hash, never kept as a version. */
  damaged: ReadonlySet<string>;
  commit: RecordCommit;
  maxVersions: number;
}

/** A detail record to write; its bookkeeping's current location is filled in once it is written. */
export interface PlannedDetail {
  id: string;
  plaintext: Buffer;
  books: PortfolioBooks;
}

/** The state after the commit, in memory, and what must be written to get there. */
export interface CommitPlan {
  order: string[];
  summaries: Map<string, RecordSummary>;
  books: Map<string, PortfolioBooks>;
  changedSummaries: Set<string>;
  changedBooks: Set<string>;
  details: PlannedDetail[];
  /** The commit's issues and pages with only the fields the cache keeps, in a fixed key order. */
  issues: SyncIssue[];
  pages: PageValidators[];
  /** syncedAt, issues, pages or order differ from the stored manifest. */
  manifestChanged: boolean;
  added: string[];
  removed: string[];
  updated: string[];
  changed: string[];
}

/** A CACHE_WRITE_FAILED error with the reason in plain words. */
export function writeFailed(reason: string): AppError {
  return new AppError('CACHE_WRITE_FAILED', `${errorCatalog.CACHE_WRITE_FAILED.message} (${reason})`);
}

function sameValidators(a: HttpValidators, b: HttpValidators): boolean {
  return a.etag === b.etag && a.lastModified === b.lastModified && a.bodyHash === b.bodyHash;
}

function normalPage(page: PageValidators): PageValidators {
  const { url, etag, lastModified, bodyHash, next, portfolioIds } = page;
  return { url, etag, lastModified, bodyHash, next, portfolioIds: [...portfolioIds] };
}

function checkedPortfolio(portfolio: Portfolio): Portfolio {
  // A NaN weight would turn into null in JSON and make the record unreadable later: refuse it now.
  if (!portfolioSchema.safeParse(portfolio).success)
    throw writeFailed(`portfolio ${portfolio.id} did not pass the cache schema`);
  return portfolio;
}

/** Compares the sync's set with the stored one and plans the new state: which details to write, which versions to keep. */
export function planCommit(input: PlanInput): CommitPlan {
  const { commit, manifest, generation, damaged } = input;
  const summaries = new Map(input.summaries);
  const books = new Map(input.books);
  const plan: CommitPlan = {
    order: [],
    summaries,
    books,
    changedSummaries: new Set(),
    changedBooks: new Set(),
    details: [],
    issues: commit.issues.map(({ portfolioId, message }) => ({ portfolioId, message })),
    pages: commit.pages.map(normalPage),
    manifestChanged: false,
    added: [],
    removed: [],
    updated: [],
    changed: [],
  };
  const seen = new Set<string>();
  for (const update of commit.portfolios) {
    const id = update.kind === 'kept' ? update.id : update.portfolio.id;
    if (seen.has(id)) throw writeFailed(`portfolio ${id} appears twice in the set`);
    seen.add(id);
    plan.order.push(id);
    const old = input.books.get(id);
    const validators = update.validators ?? (update.kind === 'kept' ? old?.validators : undefined) ?? noValidators;
    const stored = update.kind === 'fetched' ? storedForm(update.portfolio) : null;
    const hash = stored?.contentHash ?? null;
    // A fetched portfolio's list hash replaces the stored one; without one (a detail under a 304 page), it stands.
    const listHash =
      (update.kind === 'fetched' ? update.listHash : undefined) ?? (damaged.has(id) ? undefined : old?.listHash);
    if (update.kind === 'kept' || (old && old.contentHash === hash && !damaged.has(id))) {
      if (!old) throw writeFailed(`portfolio ${id} is marked unchanged but is not in the cache`);
      if (!sameValidators(old.validators, validators) || old.listHash !== listHash) {
        books.set(id, { ...old, validators, ...(listHash === undefined ? {} : { listHash }) });
        plan.changedBooks.add(id);
      }
      continue;
    }
    const portfolio = checkedPortfolio(stored!.canonical);
    const material = materialHash(portfolio);
    const usable = old !== undefined && !damaged.has(id);
    const materialChanged = usable && old.materialHash !== material;
    let versions: KeptVersion[] = old?.versions ?? [];
    if (materialChanged) {
      versions = [{ ...old.current, supersededAt: commit.syncedAt }, ...versions].slice(0, input.maxVersions);
    }
    const lastChangedAt = materialChanged ? commit.syncedAt : (input.summaries.get(id)?.lastChangedAt ?? null);
    const entry: PortfolioBooks = {
      id,
      validators,
      contentHash: hash!,
      materialHash: material,
      ...(listHash === undefined ? {} : { listHash }),
      current: { segment: generation, offset: 0, length: 0, revision: generation, storedAt: commit.syncedAt },
      versions,
    };
    books.set(id, entry);
    summaries.set(id, recordSummaryOf(portfolio, lastChangedAt));
    plan.changedBooks.add(id);
    plan.changedSummaries.add(id);
    plan.details.push({ id, plaintext: Buffer.from(stored!.text, 'utf8'), books: entry });
    (old ? plan.updated : plan.added).push(id);
    if (materialChanged) plan.changed.push(id);
  }
  for (const id of manifest.order) {
    if (seen.has(id)) continue;
    plan.removed.push(id);
    summaries.delete(id);
    books.delete(id);
  }
  plan.manifestChanged =
    commit.syncedAt !== manifest.syncedAt ||
    plan.removed.length > 0 ||
    plan.order.length !== manifest.order.length ||
    plan.order.some((id, index) => manifest.order[index] !== id) ||
    JSON.stringify(plan.issues) !== JSON.stringify(manifest.issues) ||
    JSON.stringify(plan.pages) !== JSON.stringify(manifest.pages);
  return plan;
}
