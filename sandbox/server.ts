import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo, type Socket } from 'node:net';
import { handleAdminRoute } from './admin-route';
import { OffsetClock } from './clock';
import { Counters, type SandboxCounters } from './counters';
import { FaultQueue, type Fault, type SandboxRoute } from './faults';
import { applyFault } from './fault-responses';
import { startForeignServer, type RecordedRequest } from './foreign-server';
import { resolveOptions, type ClientCredentials, type ResolvedOptions, type SandboxOptions } from './options';
import { handleDetailRoute, handleListRoute } from './portfolio-routes';
import { errorReply, notFoundReply, sendReply, type Reply } from './reply';
import { readBody, type RequestContext } from './request-context';
import { RevisionStore, type RevisionRequest } from './revision-store';
import { type RevisionRecord } from './revision';
import { matchRoute } from './routes';
import { handleTokenRoute } from './token-route';
import { TokenStore } from './token-store';
import { createSandboxTls } from './tls-certificate';

// Everything a caller needs, importable from this one module.
export { ManualClock, type SandboxClock } from './clock';
export type { SandboxCounters } from './counters';
export type { Fault, SandboxRoute, TokenGarbageVariant } from './faults';
export type { RecordedRequest } from './foreign-server';
export type { ClientCredentials, PaginationStyle, ServerMode, SandboxOptions, TokenStyle } from './options';
export type { WeightStyle } from './holdings';
export type { RevisionRequest } from './revision-store';
export type {
  RevisedFact,
  RevisedFactChange,
  RevisedHolding,
  ReweightedHolding,
  RevisionCause,
  RevisionRecord,
} from './revision';

/** A running sandbox: its address, credentials, counters and the handles tests use to steer it. */
export interface Sandbox {
  /** e.g. http://127.0.0.1:41234 (no trailing slash); https:// with `tls: true`. */
  baseUrl: string;
  /** With `tls: true`, the PEM of the CA that signed the server's certificate (trust only this); null otherwise. */
  caPem: string | null;
  credentials: ClientCredentials;
  counters: SandboxCounters;
  /** Fault injection; both methods throw unless the sandbox was started with `faults: true`. */
  faults: { enqueue(route: SandboxRoute, fault: Fault, times?: number): void; clear(): void };
  /** The recording "other origin" on 127.0.0.1 that redirect faults point at. */
  foreign: { baseUrl: string; requests: RecordedRequest[] };
  /** The options in force, defaults filled in (handy for computing expected data). */
  options: Readonly<ResolvedOptions>;
  /** Makes every token issued so far invalid. */
  revokeTokens(): void;
  /** Every token issued so far, oldest first. */
  issuedTokens(): string[];
  /**
   * Publishes the next revision of the given models (`ids`), or of `count` models picked by the seed, dated by the
   * sandbox clock; returns the sandbox's record of what it changed. Throws on an unknown id or a bad count. Works
   * whether or not faults are enabled (the HTTP form, POST /__admin/revise, needs them).
   */
  revise(request: RevisionRequest): RevisionRecord[];
  /** Every revision published so far (or only those after a sequence number), oldest first. */
  revisions(after?: number): RevisionRecord[];
  /** Closes both servers and every open connection (stalled ones too). */
  close(): Promise<void>;
}

/** Starts the partner API's reference implementation on 127.0.0.1 (plus its recording foreign origin). */
export async function startSandbox(input: SandboxOptions = {}): Promise<Sandbox> {
  const options = resolveOptions(input);
  const clock = new OffsetClock(options.clock);
  const revisions = new RevisionStore(options, clock.now());
  const tokens = new TokenStore(clock, options.tokenTtlSeconds);
  const counters = new Counters();
  const queue = new FaultQueue();
  const timers = new Set<NodeJS.Timeout>();
  const counted = new WeakMap<Socket, number>();
  const tls = options.tls ? await createSandboxTls() : null;
  // The recording "other origin" exists only for fault injection (demo mode never starts it).
  const foreign = options.faults ? await startForeignServer(options.pagination, tls ?? undefined) : null;
  let baseUrl = '';

  /** Adds what a socket wrote since last time to bytesSent (or just skips past it, for admin answers). */
  const account = (socket: Socket, include: boolean): void => {
    const written = socket.bytesWritten;
    if (include) counters.bytesSent += written - (counted.get(socket) ?? 0);
    counted.set(socket, written);
  };

  const schedule = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    let route = matchRoute(url.pathname);
    if (route === 'admin' && !options.faults) route = 'other';
    const isApi = route !== 'admin';
    const socket = req.socket;
    res.on('close', () => account(socket, isApi));
    if (route !== 'admin') counters.requests[route]++;
    if (route === 'token') counters.tokenRequests++;
    revisions.catchUp(clock.now());

    const body = await readBody(req);
    if (body === null) {
      return sendReply(res, {
        ...errorReply(413, 'invalid_request', 'The request body is too large'),
        headers: { Connection: 'close' },
      });
    }
    const ctx: RequestContext = { method: req.method ?? 'GET', url, headers: req.headers, body };
    if (route === 'admin')
      return sendReply(
        res,
        handleAdminRoute(ctx, { faults: queue, clock, counters, tokens, foreign: foreign!, revisions }),
      );
    if (route === 'other') return sendReply(res, notFoundReply());

    const apiRoute: SandboxRoute = route;
    const normal = (): Reply => {
      const deps = { options, tokens, baseUrl, revisions };
      if (apiRoute === 'token') return handleTokenRoute(ctx, { options, tokens, counters });
      const reply = apiRoute === 'list' ? handleListRoute(ctx, deps) : handleDetailRoute(ctx, deps);
      if (reply.status === 304) counters.notModified[apiRoute]++;
      return reply;
    };
    const fault = options.faults ? queue.take(apiRoute) : undefined;
    if (!fault) return sendReply(res, normal());
    return applyFault(fault, {
      req,
      res,
      route: apiRoute,
      url,
      normal,
      baseUrl,
      foreignBaseUrl: foreign!.baseUrl,
      requestBody: body,
      options,
      tokens,
      counters,
      schedule,
    });
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        void sendReply(res, errorReply(500, 'server_error', 'The sandbox failed to answer'));
      } else {
        res.destroy();
      }
    });
  };
  const server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, listener) : createServer(listener);
  // With TLS, count the decrypted connections the requests arrive on (their sockets are the ones accounted).
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    counters.connections++;
    socket.on('close', () => account(socket, true));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await foreign?.close();
    throw error;
  }
  baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  const requireFaults = (): void => {
    if (!options.faults) throw new Error('Fault injection is off: start the sandbox with { faults: true }');
  };

  return {
    baseUrl,
    caPem: tls?.caPem ?? null,
    credentials: options.credentials,
    counters,
    faults: {
      enqueue(route, fault, times = 1) {
        requireFaults();
        queue.enqueue(route, fault, times);
      },
      clear() {
        requireFaults();
        queue.clear();
      },
    },
    get foreign() {
      requireFaults();
      return { baseUrl: foreign!.baseUrl, requests: foreign!.requests };
    },
    options,
    revokeTokens: () => tokens.revokeAll(),
    issuedTokens: () => tokens.all(),
    revise: (request) => revisions.revise(request, clock.now()),
    revisions: (after) => {
      revisions.catchUp(clock.now());
      return revisions.records(after);
    },
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await Promise.all([
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
          foreign?.close(),
        ]);
      })();
      return closing;
    },
  };
}
