import type { Agent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import got, { type Method, type Response } from 'got';
import { AppError } from '../../common/result';
import { plainCause } from './plain-cause';

/** One HTTP exchange as the app needs it: no redirects followed, no retries, a capped body. */
export interface HttpRequest {
  url: string;
  method: Method;
  headers: Record<string, string>;
  body?: string;
  /** Whole-request timeout (connect to last byte). */
  timeoutMs: number;
  /** When the whole call must be over (performance.now() time): every exchange's timeout is cut to what is left. */
  deadline?: number;
  /** The body is aborted past this many bytes. */
  maxBytes: number;
  signal?: AbortSignal;
  /** How the exchange leaves the machine (proxy choice, proxy sign-in, extra CAs); direct when absent. */
  route?: HttpRoute;
}

/** One way out for an exchange: the agent to use (a proxy's, or one with extra CAs; none = got's default). */
export interface HttpPath {
  agent?: Agent;
  /** True through a proxy: a 407 is then the proxy's and is handed back at once, body unread. */
  proxied: boolean;
}

/** Picks the path of each exchange and sends it along (main/network/network-route.ts is the app's). */
export interface HttpRoute {
  send(request: HttpRequest, via: (path: HttpPath) => Promise<HttpResponse>): Promise<HttpResponse>;
  /** Which way the last exchange with this URL's origin went, in words ("directly"), or null. */
  describe?(url: string): string | null;
}

/** What came back: status, headers and the whole (capped) body. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  url: string;
}

/** Maps a transport failure to a coded error that carries nothing of the request (no headers, no body). */
export function classifyTransportError(error: unknown, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof AppError) return reason;
    return new AppError('TIMEOUT');
  }
  // A proxy agent's coded failure (PROXY_*) arrives wrapped by got: keep it.
  const coded = codedCause(error);
  if (coded) return coded;
  // got's timeouts say ETIMEDOUT; refused, reset, unresolved or cut-off connections are all "unreachable".
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && untrustedCertificate.test(code)) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      'The API’s certificate is not trusted on this computer. If your company inspects traffic, ask IT to install its root certificate.',
      { retryable: false, cause: plainCause(error) },
    );
  }
  return new AppError(code === 'ETIMEDOUT' ? 'TIMEOUT' : 'NETWORK_UNREACHABLE', undefined, {
    cause: plainCause(error),
  });
}

const untrustedCertificate = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function codedCause(error: unknown): AppError | undefined {
  let current = (error as { cause?: unknown } | null)?.cause;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    if (current instanceof AppError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const directPath: HttpPath = { proxied: false };

/** got with what every exchange shares set once (each request then merges only its own options). */
const exchange = got.extend({
  followRedirect: false,
  throwHttpErrors: false,
  retry: { limit: 0 },
  decompress: true,
});

/** Statuses that never carry a body (RFC 9110 §15.3.5, §15.4.5): nothing to buffer. */
const bodiless = new Set([204, 304]);
/** The body of a bodiless or refused answer (zero bytes, so one serves them all). */
const noBody = Buffer.alloc(0);

/** Sends one request with got and reads the body up to the cap; throws coded errors only. */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  try {
    const { route } = request;
    return route ? await route.send(request, (path) => sendAlong(request, path)) : await sendAlong(request, directPath);
  } catch (error) {
    throw classifyTransportError(error, request.signal);
  }
}

/** One exchange along one path; throws what got or the agent threw (sendHttpRequest codes it). */
async function sendAlong(request: HttpRequest, path: HttpPath): Promise<HttpResponse> {
  let stream: ReturnType<typeof got.stream> | undefined;
  const { deadline, timeoutMs } = request;
  // A proxy's sign-in or a second proxy may come after the first exchange: each exchange gets what is left.
  const left = deadline === undefined ? timeoutMs : Math.min(timeoutMs, Math.ceil(deadline - performance.now()));
  if (left <= 0) throw new AppError('TIMEOUT');
  try {
    stream = exchange.stream(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      timeout: { request: left },
      signal: request.signal,
      // The proxy agents (agent-base) serve both schemes; got types the https slot as https.Agent.
      ...(path.agent ? { agent: { http: path.agent, https: path.agent as HttpsAgent } } : {}),
    });
    const active = stream;
    const response = await new Promise<Response>((resolve, reject) => {
      active.once('response', resolve);
      active.once('error', reject);
    });
    if (path.proxied && response.statusCode === 407) {
      active.destroy();
      return { status: 407, headers: response.headers, body: noBody, url: request.url };
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > request.maxBytes) {
      active.destroy();
      throw new AppError('RESPONSE_TOO_LARGE');
    }
    if (bodiless.has(response.statusCode)) {
      // Drained, not buffered: the connection goes back to the pool as soon as the (empty) body ends.
      active.resume();
      return { status: response.statusCode, headers: response.headers, body: noBody, url: request.url };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of active as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > request.maxBytes) {
        active.destroy();
        throw new AppError('RESPONSE_TOO_LARGE');
      }
      chunks.push(chunk);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: Buffer.concat(chunks, size),
      url: request.url,
    };
  } catch (error) {
    stream?.destroy();
    throw error;
  }
}

/** Reads one header as a single string (first value when repeated). */
export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
