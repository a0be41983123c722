import type { CacheSnapshot, SyncIssue } from '../../common/cache-snapshot';
import type { SyncProgress } from '../../common/connection-state';
import type { Portfolio } from '../../common/portfolio';
import { AppError } from '../../common/result';
import type { ApiClient, ApiResponse } from '../api/api-client';
import { cacheSchemaVersion } from '../cache/cache-schema';
import type { Clock } from '../clock';
import { requireApiOrigin } from './api-origin';
import { readListPage } from './list-page';
import { parsePortfolio, withHoldings } from './portfolio-parse';

/** What one sync run needs. */
export interface SyncRunDeps {
  api: ApiClient;
  profileId: string;
  clock: Clock;
  /** The last good snapshot, for the conditional request. */
  previous: CacheSnapshot | null;
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

/** Portfolios one sync accepts across all pages, by default. */
export const defaultMaxSyncItems = 250_000;
/** Bytes one sync accepts across all responses, by default. */
export const defaultMaxSyncBytes = 512 * 1024 * 1024;

function tooLarge(): AppError {
  return new AppError(
    'RESPONSE_TOO_LARGE',
    'The API’s model portfolios add up to more than the app accepts in one sync, so it was stopped. The previous data is still shown.',
  );
}

/** The outcome of a run: a new snapshot to cache, or the previous one confirmed unchanged by a 304. */
export type SyncRunResult =
  { status: 'updated'; snapshot: CacheSnapshot } | { status: 'unchanged'; snapshot: CacheSnapshot };

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('SYNC_CANCELLED');
}

function nextUrl(page: { next: string | null; nextCursor: string | null }, current: string): string | null {
  if (page.next) return new URL(page.next, current).toString();
  if (page.nextCursor) {
    const url = new URL(current);
    url.searchParams.set('cursor', page.nextCursor);
    return url.toString();
  }
  return null;
}

/** Runs workers over items with at most `limit` in flight; the first failure stops the rest. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let index = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && index < items.length) {
      checkCancelled(signal);
      const item = items[index++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Reads the whole portfolio list (following pagination to the end), fetches holdings from the
 * detail route where the list lacks them, and returns a snapshot. Bad records are reported and
 * skipped; a transport or API failure fails the whole run, so a partial set is never cached.
 */
export async function runSync(deps: SyncRunDeps): Promise<SyncRunResult> {
  const { api, signal } = deps;
  const issues: SyncIssue[] = [];
  const progress: SyncProgress = { pages: 0, portfolios: 0, total: null, details: 0 };
  const report = () => deps.onProgress?.({ ...progress });
  const maxPages = deps.maxPages ?? 100_000;
  const maxItems = deps.maxTotalItems ?? defaultMaxSyncItems;
  const maxBytes = deps.maxTotalBytes ?? defaultMaxSyncBytes;
  let bytes = 0;
  const count = (response: ApiResponse) => {
    bytes += response.bytes;
    if (bytes > maxBytes) throw tooLarge();
  };

  let url = api.resolve('model-portfolios');
  const seen = new Set<string>();
  const raw: unknown[] = [];
  let firstEtag: string | null = null;
  let pages = 0;
  for (;;) {
    checkCancelled(signal);
    if (seen.has(url) || pages >= maxPages)
      throw new AppError(
        'RESPONSE_INVALID',
        'The API’s pages lead round in a circle, so the sync was stopped. Try again later.',
      );
    seen.add(url);
    const conditional = pages === 0 && deps.previous?.etag ? deps.previous.etag : null;
    requireApiOrigin(api, url);
    const response: ApiResponse = await api.getJson(url, { etag: conditional, signal });
    requireApiOrigin(api, response.url);
    count(response);
    if (response.status === 304 && deps.previous) {
      return {
        status: 'unchanged',
        snapshot: { ...deps.previous, syncedAt: new Date(deps.clock.now()).toISOString() },
      };
    }
    const page = readListPage(response.body, response.link);
    if (!page)
      throw new AppError(
        'RESPONSE_INVALID',
        'The API answered, but not with a list of model portfolios. Try again later.',
      );
    pages += 1;
    if (pages === 1) firstEtag = response.etag;
    if (raw.length + page.items.length > maxItems) throw tooLarge();
    raw.push(...page.items);
    progress.pages = pages;
    progress.portfolios = raw.length;
    progress.total = page.total ?? progress.total;
    report();
    const next = nextUrl(page, response.url);
    if (!next) break;
    url = next;
  }

  const portfolios: Portfolio[] = [];
  const needDetail: number[] = [];
  const ids = new Set<string>();
  raw.forEach((item, index) => {
    const parsed = parsePortfolio(item);
    if (!parsed.ok) {
      issues.push({
        portfolioId: parsed.id,
        message: `Record ${index + 1}${parsed.id ? ` (${parsed.id})` : ''} was skipped: ${parsed.reason}.`,
      });
      return;
    }
    const { portfolio } = parsed;
    if (ids.has(portfolio.id)) {
      issues.push({
        portfolioId: portfolio.id,
        message: `Portfolio ${portfolio.id} appeared twice; the first copy was kept.`,
      });
      return;
    }
    ids.add(portfolio.id);
    for (const note of parsed.notes) issues.push({ portfolioId: portfolio.id, message: `${portfolio.name}: ${note}` });
    if (!parsed.hasHoldings) needDetail.push(portfolios.length);
    portfolios.push(portfolio);
  });

  const dropped = new Set<number>();
  let lastReport = 0;
  await eachLimited(needDetail, deps.detailConcurrency ?? 8, signal, async (position) => {
    const portfolio = portfolios[position] as Portfolio;
    try {
      const response = await api.getJson(`model-portfolios/${encodeURIComponent(portfolio.id)}`, { signal });
      requireApiOrigin(api, response.url);
      count(response);
      const merged = withHoldings(portfolio, response.body);
      if (!merged) {
        issues.push({
          portfolioId: portfolio.id,
          message: `${portfolio.name}: the API’s detail for it could not be read; it was skipped.`,
        });
        dropped.add(position);
      } else {
        portfolios[position] = merged.portfolio;
        for (const note of merged.notes)
          issues.push({ portfolioId: portfolio.id, message: `${portfolio.name}: ${note}` });
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        issues.push({
          portfolioId: portfolio.id,
          message: `${portfolio.name}: the API no longer has it (404); it was skipped.`,
        });
        dropped.add(position);
        return;
      }
      throw error;
    }
    progress.details += 1;
    const now = Date.now();
    if (now - lastReport > 100 || progress.details === needDetail.length) {
      lastReport = now;
      report();
    }
  });
  checkCancelled(signal);

  const kept = portfolios.filter((_, position) => !dropped.has(position));
  for (const portfolio of kept) {
    if (portfolio.holdings.length === 0) {
      issues.push({ portfolioId: portfolio.id, message: `${portfolio.name}: it has no holdings.` });
    } else if (!portfolio.weightsOk) {
      issues.push({
        portfolioId: portfolio.id,
        message: `${portfolio.name}: its weights add up to ${(portfolio.weightSum * 100).toFixed(2)} %, not 100 %.`,
      });
    }
  }
  return {
    status: 'updated',
    snapshot: {
      schemaVersion: cacheSchemaVersion,
      profileId: deps.profileId,
      syncedAt: new Date(deps.clock.now()).toISOString(),
      // A 304 on page 1 proves nothing about later pages: keep the ETag only for a one-page list.
      etag: pages === 1 ? firstEtag : null,
      portfolios: kept,
      issues,
    },
  };
}
