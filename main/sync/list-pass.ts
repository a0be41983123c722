import { AppError } from '../../common/result';
import { classifyResponse, type HttpValidators } from '../api/conditional-request';
import type { PageValidators } from '../cache/records/record-types';
import { requireApiOrigin } from './api-origin';
import { readListPage } from './list-page';
import { checkCancelled, type SyncBudget } from './sync-budget';

/** One listed entry in list order: an id a 304 vouched for (the stored copy stands), or a raw item to parse. */
export type ListedEntry = { kind: 'kept'; id: string } | { kind: 'raw'; item: unknown; page: number };

/** What the list pass read: entries in list order, and each page's validators for next time. */
export interface ListPass {
  entries: ListedEntry[];
  pages: Array<Omit<PageValidators, 'portfolioIds'> & { entries: number[] }>;
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

function circular(): AppError {
  return new AppError(
    'RESPONSE_INVALID',
    'The API’s pages lead round in a circle, so the sync was stopped. Try again later.',
  );
}

/**
 * Reads the whole list, following pagination to the end. Each page is asked conditionally with what
 * was stored for its URL: a 304 vouches for the ids that page listed last time (and its next link);
 * a 200 is read afresh. Data comes only from the API's own origin.
 */
export async function readList(
  budget: SyncBudget,
  stored: readonly PageValidators[],
  maxPages: number,
): Promise<ListPass> {
  const { api, signal } = budget;
  const byUrl = new Map(stored.map((page) => [page.url, page]));
  const seen = new Set<string>();
  const pass: ListPass = { entries: [], pages: [] };
  let url: string | null = api.resolve('model-portfolios');
  while (url) {
    checkCancelled(signal);
    if (seen.has(url) || pass.pages.length >= maxPages) throw circular();
    seen.add(url);
    requireApiOrigin(api, url);
    const previous: PageValidators | null = byUrl.get(url) ?? null;
    const response = budget.accept(await api.getJson(url, { validators: previous, signal }));
    const outcome = classifyResponse(previous, { ...response, body: response.body ?? undefined });
    const at = pass.entries.length;
    let next: string | null;
    let validators: HttpValidators;
    if (outcome.outcome === 'unexpected-304') throw new AppError('RESPONSE_INVALID');
    if (outcome.outcome === 'not-modified' && previous) {
      budget.listed(previous.portfolioIds.length);
      for (const id of previous.portfolioIds) pass.entries.push({ kind: 'kept', id });
      next = previous.next;
      validators = outcome.validators;
    } else {
      const page = readListPage(response.body, response.link);
      if (!page)
        throw new AppError(
          'RESPONSE_INVALID',
          'The API answered, but not with a list of model portfolios. Try again later.',
        );
      budget.listed(page.items.length);
      for (const item of page.items) pass.entries.push({ kind: 'raw', item, page: pass.pages.length });
      budget.progress.total = page.total ?? budget.progress.total;
      next = nextUrl(page, response.url);
      validators = outcome.validators;
    }
    pass.pages.push({
      url,
      next,
      ...validators,
      entries: Array.from({ length: pass.entries.length - at }, (_, i) => at + i),
    });
    budget.progress.pages = pass.pages.length;
    budget.report();
    url = next;
  }
  return pass;
}
