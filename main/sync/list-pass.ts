import { AppError } from '../../common/result';
import type { ApiResponse } from '../api/api-client';
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

/** A request sent for the page the stored chain says comes next, before the page before it was read. */
interface ReadAhead {
  url: string;
  response: Promise<ApiResponse>;
  controller: AbortController;
  /** Its answer is in hand: the loop asks ahead again as soon as it takes this one. */
  received: boolean;
  /** The loop took it as the page it wanted (a dropped one never asks further). */
  taken: boolean;
}

/**
 * Reads the whole list, following pagination to the end. Each page is asked conditionally with what
 * was stored for its URL: a 304 vouches for the ids that page listed last time (and its next link);
 * a 200 is read afresh. Data comes only from the API's own origin.
 *
 * Read-ahead: once a page's answer is in hand (before its body is parsed), the page the last sync found after it
 * is asked for, so the server works on it while this page is read. It is sent only after the answer before it
 * arrived, so the API never has two list requests from one sync at once, and it is used only when this page's own
 * next link names it; otherwise it is cancelled and the real next page is asked.
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
  let ahead: ReadAhead | null = null;
  const storedNext = (url: string): string | null => byUrl.get(url)?.next ?? null;

  /** Asks for a page; once its answer is in hand, asks ahead for the page the stored chain puts after it. */
  const ask = (url: string, pageSignal: AbortSignal, entry?: ReadAhead): Promise<ApiResponse> =>
    api.getJson(url, {
      validators: byUrl.get(url) ?? null,
      signal: pageSignal,
      onReceived: () => {
        if (!entry || entry.taken) askAhead(storedNext(url));
        else entry.received = true;
      },
    });
  const askAhead = (url: string | null): void => {
    if (ahead || !url || seen.has(url) || pass.pages.length + 1 >= maxPages || signal.aborted) return;
    if (!api.isApiOrigin(url)) return;
    const controller = new AbortController();
    const entry = { url, controller, received: false, taken: false } as ReadAhead;
    entry.response = ask(url, AbortSignal.any([signal, controller.signal]), entry);
    // Never left unhandled: a read-ahead that is not used (or fails) is dropped; one that is used is awaited below.
    entry.response.catch(() => undefined);
    ahead = entry;
  };
  const dropAhead = (): void => {
    ahead?.controller.abort();
    ahead = null;
  };
  /** The read-ahead's answer when it asked for `url`; otherwise it is cancelled and null is returned. */
  const takeAhead = (url: string): Promise<ApiResponse> | null => {
    const entry = ahead;
    if (!entry || entry.url !== url) {
      dropAhead();
      return null;
    }
    ahead = null;
    entry.taken = true;
    if (entry.received) askAhead(storedNext(url));
    return entry.response;
  };

  try {
    let url: string | null = api.resolve('model-portfolios');
    while (url) {
      checkCancelled(signal);
      if (seen.has(url) || pass.pages.length >= maxPages) throw circular();
      seen.add(url);
      requireApiOrigin(api, url);
      const previous: PageValidators | null = byUrl.get(url) ?? null;
      const response = budget.accept(await (takeAhead(url) ?? ask(url, signal)));
      url = readPage(budget, pass, url, previous, response);
      budget.progress.pages = pass.pages.length;
      budget.report();
    }
    return pass;
  } finally {
    dropAhead();
  }
}

/** Reads the answer for the page at `url` into the pass (its entries, and its validators for next time); returns its next URL. */
function readPage(
  budget: SyncBudget,
  pass: ListPass,
  url: string,
  previous: PageValidators | null,
  response: ApiResponse,
): string | null {
  const outcome = classifyResponse(previous, { ...response, body: response.body ?? undefined });
  const at = pass.entries.length;
  let next: string | null;
  if (outcome.outcome === 'unexpected-304') throw new AppError('RESPONSE_INVALID');
  if (outcome.outcome === 'not-modified' && previous) {
    budget.listed(previous.portfolioIds.length);
    for (const id of previous.portfolioIds) pass.entries.push({ kind: 'kept', id });
    next = previous.next;
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
  }
  const validators: HttpValidators = outcome.validators;
  pass.pages.push({
    url,
    next,
    ...validators,
    entries: Array.from({ length: pass.entries.length - at }, (_, i) => at + i),
  });
  return next;
}
