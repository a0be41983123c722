import { checkAccept } from './accept';
import { checkBearer } from './bearer';
import { portfolioIndex, type GenerateOptions, type SandboxPortfolio } from './data';
import { computeEtag, ifNoneMatchMatches } from './etag';
import { lastModifiedOf, notModifiedSince } from './last-modified';
import { type ResolvedOptions } from './options';
import { encodeCursor, readCursorParam, readPageParam } from './pagination';
import { errorReply, jsonContentType, jsonReply, methodNotAllowedReply, type Reply } from './reply';
import { headerValue, type RequestContext } from './request-context';
import { type RevisionStore } from './revision-store';
import { listPath } from './routes';
import { type TokenStore } from './token-store';

/** What the portfolio routes read. */
export interface PortfolioRouteDeps {
  options: ResolvedOptions;
  tokens: TokenStore;
  /** The sandbox's own origin, for absolute `next` links. */
  baseUrl: string;
  /** Published revisions: what the revised models look like now. */
  revisions: RevisionStore;
}

/** Portfolios per chunk when streaming the whole list as one array. */
const streamBatch = 200;

/** Answers GET /model-portfolios: one page (or, with pagination 'none', one streamed array of everything). */
export function handleListRoute(ctx: RequestContext, deps: PortfolioRouteDeps): Reply {
  const refused = guard(ctx, deps);
  if (refused) return refused;
  const { options } = deps;
  const total = options.portfolios;
  const generate: GenerateOptions = {
    weights: options.weights,
    imperfect: options.imperfect,
    holdings: options.listHoldings,
    holdingsCount: options.holdingsCount,
  };
  const item = (index: number): SandboxPortfolio => deps.revisions.portfolio(index, generate);
  // Without holdings: updatedAt does not depend on them, and a 304 needs no more.
  function* updatedAts(from: number, to: number): Generator<string> {
    for (let i = from; i < to; i++) yield deps.revisions.portfolio(i, { ...generate, holdings: false }).updatedAt;
  }

  if (options.pagination === 'none') {
    const etag = etagFor(options, 'list:all', deps.revisions.stamps(0, total));
    const lastModified = lastModifiedOf(updatedAts(0, total));
    if (isNotModified(ctx, etag, lastModified)) return notModified(etag, lastModified);
    return {
      status: 200,
      headers: { ...cacheHeaders(etag, lastModified), 'Content-Type': jsonContentType, 'X-Total-Count': total },
      body: function* streamAll() {
        yield '[';
        for (let start = 0; start < total; start += streamBatch) {
          const parts: string[] = [];
          for (let i = start; i < Math.min(start + streamBatch, total); i++) parts.push(JSON.stringify(item(i)));
          yield (start === 0 ? '' : ',') + parts.join(',');
        }
        yield ']';
      },
    };
  }

  const at =
    options.pagination === 'cursor'
      ? readCursorParam(ctx.url.searchParams.get('cursor'), options.pageSize)
      : readPageParam(ctx.url.searchParams.get('page'), options.pageSize);
  if (!at.ok) return errorReply(400, 'invalid_request', at.reason);
  const end = Math.min(at.offset + options.pageSize, total);
  const etag = etagFor(options, `list:${at.offset}`, deps.revisions.stamps(at.offset, end));
  const lastModified = lastModifiedOf(updatedAts(at.offset, end));
  if (isNotModified(ctx, etag, lastModified)) return notModified(etag, lastModified);

  const items: string[] = [];
  for (let i = at.offset; i < end; i++) items.push(JSON.stringify(item(i)));
  const array = `[${items.join(',')}]`;
  const hasNext = end < total;
  const headers = { ...cacheHeaders(etag, lastModified), 'Content-Type': jsonContentType, 'X-Total-Count': total };
  switch (options.pagination) {
    case 'next-link': {
      const next = hasNext ? `${deps.baseUrl}${listPath}?page=${at.page + 1}` : null;
      return { status: 200, headers, body: `{"data":${array},"next":${JSON.stringify(next)},"total":${total}}` };
    }
    case 'link-header': {
      const link: Record<string, string> = hasNext
        ? { Link: `<${deps.baseUrl}${listPath}?page=${at.page + 1}>; rel="next"` }
        : {};
      return { status: 200, headers: { ...headers, ...link }, body: array };
    }
    case 'cursor': {
      const nextCursor = hasNext ? encodeCursor(end) : null;
      return { status: 200, headers, body: `{"items":${array},"nextCursor":${JSON.stringify(nextCursor)}}` };
    }
  }
}

/** Answers GET /model-portfolios/{id}: one portfolio, always with its holdings. */
export function handleDetailRoute(ctx: RequestContext, deps: PortfolioRouteDeps): Reply {
  const refused = guard(ctx, deps);
  if (refused) return refused;
  const { options } = deps;
  const rawId = ctx.url.pathname.slice(listPath.length + 1);
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = rawId;
  }
  const index = portfolioIndex(id);
  if (index === null || index >= options.portfolios) {
    return jsonReply(404, { error: 'not_found', error_description: `No model portfolio ${id}` });
  }
  const etag = etagFor(options, `detail:${index}`, deps.revisions.stamps(index, index + 1));
  const portfolio = deps.revisions.portfolio(index, {
    weights: options.weights,
    imperfect: options.imperfect,
    holdingsCount: options.holdingsCount,
  });
  const lastModified = lastModifiedOf([portfolio.updatedAt]);
  if (isNotModified(ctx, etag, lastModified)) return notModified(etag, lastModified);
  return jsonReply(200, portfolio, cacheHeaders(etag, lastModified));
}

/** Method, bearer token and Accept checks shared by both routes, in that order. */
function guard(ctx: RequestContext, deps: PortfolioRouteDeps): Reply | null {
  if (ctx.method !== 'GET') return methodNotAllowedReply('GET');
  return (
    checkBearer(headerValue(ctx.headers, 'authorization'), deps.tokens) ??
    checkAccept(headerValue(ctx.headers, 'accept'))
  );
}

/**
 * The ETag of a list page or a detail. Revised models in it add their [index, revision, updatedAt] stamps, so
 * exactly the pages and details that hold a revised model change their ETag; with no revisions it is what it
 * always was.
 */
function etagFor(options: ResolvedOptions, what: string, revised: ReadonlyArray<readonly number[]>): string {
  return computeEtag({
    seed: options.seed,
    portfolios: options.portfolios,
    pageSize: options.pageSize,
    pagination: options.pagination,
    listHoldings: options.listHoldings,
    weights: options.weights,
    imperfect: options.imperfect,
    ...(options.holdingsCount ? { holdingsCount: options.holdingsCount } : {}),
    what,
    ...(revised.length > 0 ? { revised } : {}),
  });
}

function cacheHeaders(etag: string, lastModified: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept, Authorization',
  };
  if (lastModified !== null) headers['Last-Modified'] = lastModified;
  return headers;
}

/** If-None-Match decides when present (If-Modified-Since is then ignored, RFC 9110 §13.1.3); else If-Modified-Since. */
function isNotModified(ctx: RequestContext, etag: string, lastModified: string | null): boolean {
  const ifNoneMatch = headerValue(ctx.headers, 'if-none-match');
  if (ifNoneMatch !== undefined) return ifNoneMatchMatches(ifNoneMatch, etag);
  return notModifiedSince(headerValue(ctx.headers, 'if-modified-since'), lastModified);
}

function notModified(etag: string, lastModified: string | null): Reply {
  return { status: 304, headers: cacheHeaders(etag, lastModified) };
}
