import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidTokenReply } from './bearer';
import { type Counters } from './counters';
import { type Fault, type SandboxRoute } from './faults';
import { type ResolvedOptions } from './options';
import { jsonContentType, jsonReply, sendReply, type Reply } from './reply';
import { headerValue } from './request-context';
import { docLiteralTokenText, garbageHasToken, garbageTokenResponse } from './token-body';
import { basicChallenge } from './token-request';
import { tokenCacheHeaders } from './token-route';
import { type TokenStore } from './token-store';

/** Everything a fault needs to misbehave in place of a route. */
export interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  route: SandboxRoute;
  url: URL;
  /** Computes the answer the route would give right now. */
  normal: () => Reply;
  /** The sandbox's own origin. */
  baseUrl: string;
  /** The recording "other origin". */
  foreignBaseUrl: string;
  /** The request's body as received (for the echo fault). */
  requestBody: string;
  options: ResolvedOptions;
  tokens: TokenStore;
  counters: Counters;
  /** Runs `fn` after `ms` real milliseconds, unless the sandbox closes first. */
  schedule: (ms: number, fn: () => void) => void;
}

/** The most of a streamed body the truncated fault collects before cutting it. */
const truncateCollectLimit = 64 * 1024;

const defaultErrors: Record<number, string> = {
  400: 'invalid_request',
  403: 'access_denied',
  404: 'not_found',
  408: 'request_timeout',
  429: 'too_many_requests',
  500: 'server_error',
  502: 'bad_gateway',
  503: 'temporarily_unavailable',
  504: 'gateway_timeout',
};

/** The captive-portal page the html fault serves with 200. */
export const captivePortalHtml =
  '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Guest Wi-Fi – Sign in</title></head>\n' +
  '<body><h1>Welcome to Guest Wi-Fi</h1><p>Please accept the terms of use to continue.</p>\n' +
  '<form method="post" action="/login"><input type="checkbox" name="accept"> I accept\n' +
  '<button type="submit">Connect</button></form></body></html>\n';

/** Answers a request with a fault instead of (or, for delay, before) the route's normal answer. */
export async function applyFault(fault: Fault, f: FaultContext): Promise<void> {
  const extra = f.route === 'token' ? tokenCacheHeaders : {};
  switch (fault.kind) {
    case 'status':
      return sendReply(f.res, statusReply(fault, f));
    case 'delay':
      return new Promise((resolve) => {
        f.schedule(fault.ms, () => {
          sendReply(f.res, f.normal()).then(resolve, resolve);
        });
      });
    case 'stall':
      return;
    case 'reset':
      f.req.socket.resetAndDestroy();
      return;
    case 'truncated':
      return truncated(f);
    case 'invalid-json':
      return sendReply(f.res, {
        status: 200,
        headers: { 'Content-Type': jsonContentType, ...extra },
        body: invalidJson(f),
      });
    case 'html':
      return sendReply(f.res, {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', ...extra },
        body: captivePortalHtml,
      });
    case 'oversized':
      f.res.writeHead(200, { 'Content-Type': jsonContentType, ...extra });
      await pipeline(Readable.from(oversizedChunks(fault.bytes)), f.res).catch(() => undefined);
      return;
    case 'redirect': {
      const origin = fault.target === 'same-origin' ? f.baseUrl : f.foreignBaseUrl;
      return sendReply(f.res, {
        status: fault.status,
        headers: { Location: `${origin}${f.url.pathname}${f.url.search}`, ...extra },
      });
    }
    case 'echo':
      return sendReply(f.res, jsonReply(fault.status, echoBody(f), extra));
    case 'token-garbage': {
      let token = '';
      let expiresIn = f.options.tokenTtlSeconds;
      if (garbageHasToken(fault.variant)) {
        ({ token, expiresIn } = f.tokens.issue());
        f.counters.tokensIssued++;
      }
      const body = garbageTokenResponse(f.options.tokenStyle, fault.variant, token, expiresIn);
      return sendReply(f.res, jsonReply(200, body, extra));
    }
  }
}

/** An OAuth error whose description repeats the request, as some gateways do: method, path, credentials, body. */
function echoBody(f: FaultContext): { error: string; error_description: string } {
  const header = (name: string) => headerValue(f.req.headers, name) ?? '-';
  return {
    error: 'invalid_request',
    error_description: `Gateway refused ${f.req.method ?? ''} ${f.url.pathname}: authorization=${header('authorization')} body=${f.requestBody} content-type=${header('content-type')}`,
  };
}

function statusReply(fault: Extract<Fault, { kind: 'status' }>, f: FaultContext): Reply {
  const headers: Reply['headers'] = f.route === 'token' ? { ...tokenCacheHeaders } : {};
  if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
  const usedBasic = /^Basic\b/i.test(headerValue(f.req.headers, 'authorization') ?? '');
  if (fault.status === 401 && f.route !== 'token') {
    const bearer = invalidTokenReply('Injected fault: the access token was rejected');
    Object.assign(headers, bearer.headers);
    if (fault.body === undefined) return { ...bearer, headers };
  }
  if (fault.status === 401 && f.route === 'token' && usedBasic) headers['WWW-Authenticate'] = basicChallenge;
  if (typeof fault.body === 'string') {
    return {
      status: fault.status,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
      body: fault.body,
    };
  }
  const error = fault.status === 401 ? 'invalid_client' : (defaultErrors[fault.status] ?? `http_${fault.status}`);
  const body = fault.body ?? { error, error_description: `Injected fault: HTTP ${fault.status}` };
  return jsonReply(fault.status, body, headers);
}

async function truncated(f: FaultContext): Promise<void> {
  const normal = f.normal();
  let bytes = await collect(normal.body, truncateCollectLimit);
  if (bytes.length < 2) bytes = Buffer.from(JSON.stringify({ error: 'placeholder', padding: 'x'.repeat(64) }));
  const status = normal.status === 204 || normal.status === 304 ? 200 : normal.status;
  const headers = { ...normal.headers, 'Content-Type': jsonContentType, 'Content-Length': bytes.length };
  if (f.res.destroyed) return;
  f.res.writeHead(status, headers);
  await new Promise<void>((resolve) => {
    f.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
      f.res.socket?.end();
      resolve();
    });
  });
}

async function collect(body: Reply['body'], limit: number): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body()) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

function invalidJson(f: FaultContext): string {
  switch (f.route) {
    case 'token': {
      const { token, expiresIn } = f.tokens.issue();
      f.counters.tokensIssued++;
      return docLiteralTokenText(f.options.tokenStyle, token, expiresIn);
    }
    case 'list':
      return '{"data":[{"id":"mp-000001","name":"Core Balanced","riskLevel":"Moderate",}],"next":null,"total":1';
    case 'detail':
      return '{"id":"mp-000001","name":"Core Balanced" "riskLevel": Moderate, "holdings": [';
  }
}

/** A JSON-looking body of exactly `bytes` bytes: {"data":[],"padding":"xxx…"}, in 64 KiB chunks. */
function* oversizedChunks(bytes: number): Generator<Buffer> {
  const head = Buffer.from('{"data":[],"padding":"');
  const tail = Buffer.from('"}');
  if (bytes < head.length + tail.length) {
    yield Buffer.alloc(bytes, 'x');
    return;
  }
  yield head;
  const block = Buffer.alloc(64 * 1024, 'x');
  let left = bytes - head.length - tail.length;
  while (left > 0) {
    const size = Math.min(left, block.length);
    yield block.subarray(0, size);
    left -= size;
  }
  yield tail;
}
