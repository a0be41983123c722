import { type OffsetClock } from './clock';
import { type Counters } from './counters';
import { type FaultQueue, parseFault, sandboxRoutes } from './faults';
import { type ForeignServer } from './foreign-server';
import { errorReply, jsonReply, methodNotAllowedReply, notFoundReply, type Reply } from './reply';
import { type RequestContext } from './request-context';
import { RevisionRequestError, type RevisionStore } from './revision-store';
import { adminPrefix } from './routes';
import { type TokenStore } from './token-store';

/** What the admin routes can read and change. */
export interface AdminDeps {
  faults: FaultQueue;
  clock: OffsetClock;
  counters: Counters;
  tokens: TokenStore;
  foreign: ForeignServer;
  revisions: RevisionStore;
}

const noContent: Reply = { status: 204, headers: {} };

/**
 * Answers /__admin/* (mounted only when faults are enabled): faults, clock, counters, token revocation, foreign log,
 * model revisions.
 */
export function handleAdminRoute(ctx: RequestContext, deps: AdminDeps): Reply {
  const name = ctx.url.pathname.slice(adminPrefix.length);
  const method = ctx.method;
  switch (name) {
    case 'faults':
      if (method === 'GET')
        return jsonReply(200, Object.fromEntries(sandboxRoutes.map((r) => [r, deps.faults.count(r)])));
      if (method === 'DELETE') {
        deps.faults.clear();
        return noContent;
      }
      if (method !== 'POST') return methodNotAllowedReply('GET, POST, DELETE');
      return withJson(ctx, (body) => {
        const { route, fault, times } = body;
        const route_ = sandboxRoutes.find((r) => r === route);
        if (!route_) return badRequest(`"route" must be one of ${sandboxRoutes.join(', ')}`);
        if (times !== undefined && typeof times !== 'number') return badRequest('"times" must be a number');
        try {
          deps.faults.enqueue(route_, parseFault(fault), times ?? 1);
        } catch (error) {
          return badRequest(error instanceof Error ? error.message : String(error));
        }
        return noContent;
      });
    case 'clock':
      if (method === 'GET') return clockReply(deps.clock);
      if (method !== 'POST') return methodNotAllowedReply('GET, POST');
      return withJson(ctx, ({ advanceMs }) => {
        if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs))
          return badRequest('"advanceMs" must be a number');
        deps.clock.advance(advanceMs);
        return clockReply(deps.clock);
      });
    case 'counters':
      if (method === 'GET') return jsonReply(200, deps.counters.snapshot());
      if (method === 'DELETE') {
        deps.counters.reset();
        return noContent;
      }
      return methodNotAllowedReply('GET, DELETE');
    case 'revoke-tokens':
      if (method !== 'POST') return methodNotAllowedReply('POST');
      deps.tokens.revokeAll();
      return noContent;
    case 'foreign-requests':
      if (method === 'GET') return jsonReply(200, { baseUrl: deps.foreign.baseUrl, requests: deps.foreign.requests });
      if (method === 'DELETE') {
        deps.foreign.requests.length = 0;
        return noContent;
      }
      return methodNotAllowedReply('GET, DELETE');
    case 'revise':
      if (method !== 'POST') return methodNotAllowedReply('POST');
      return withJson(ctx, ({ ids, count }) => {
        try {
          const request = { ids: ids as readonly string[] | undefined, count: count as number | undefined };
          return jsonReply(200, { revisions: deps.revisions.revise(request, deps.clock.now()) });
        } catch (error) {
          if (error instanceof RevisionRequestError) return badRequest(error.message);
          throw error;
        }
      });
    case 'revisions': {
      if (method !== 'GET') return methodNotAllowedReply('GET');
      const after = ctx.url.searchParams.get('after') ?? '0';
      if (!/^\d{1,15}$/.test(after)) return badRequest('"after" must be a whole number (a revision sequence number)');
      return jsonReply(200, { revisions: deps.revisions.records(Number(after)) });
    }
    default:
      return notFoundReply();
  }
}

function withJson(ctx: RequestContext, handle: (body: Record<string, unknown>) => Reply): Reply {
  let body: unknown;
  try {
    body = JSON.parse(ctx.body);
  } catch {
    return badRequest('The body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return badRequest('The body must be a JSON object');
  return handle(body as Record<string, unknown>);
}

function badRequest(description: string): Reply {
  return errorReply(400, 'invalid_request', description);
}

function clockReply(clock: OffsetClock): Reply {
  const nowMs = clock.now();
  return jsonReply(200, { nowMs, now: new Date(nowMs).toISOString() });
}
