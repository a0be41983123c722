import { AppError } from '../../common/result';
import { sleep as defaultSleep, systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logging/logger';
import { apiUrl } from '../auth/token-client';
import { versionedAccept } from './api-version';
import { conditionalHeaders, type HttpValidators } from './conditional-request';
import {
  foreign401,
  notModifiedResponse,
  parseJsonBody,
  sameOrigin,
  statusError,
  type ApiResponse,
  type GetJsonOptions,
} from './api-responses';
import {
  classifyTransportError,
  headerValue,
  sendHttpRequest,
  type HttpResponse,
  type HttpRoute,
} from './http-request';
import { defaultRetryPolicy, isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy';

export type { ApiResponse, GetJsonOptions } from './api-responses';

/** Where the API client gets its bearer token, and tells it a token was refused. */
export interface TokenProvider {
  /** A bearer token; the caller's signal stops the wait (SYNC_CANCELLED). */
  getToken(signal?: AbortSignal): Promise<string>;
  invalidate(accessToken: string): Promise<void>;
}

/** Tunables of the API client; the defaults suit a laptop on an office or hotel network. */
export interface ApiClientOptions {
  /** One attempt, connect to last byte (default 30 s). */
  requestTimeoutMs?: number;
  /** One call, all retries included (default 2 minutes). */
  deadlineMs?: number;
  /** Largest response body accepted (default 100 MB). */
  maxBodyBytes?: number;
  retry?: RetryPolicy;
  /** Redirects followed per call (default 5). */
  maxRedirects?: number;
  clock?: Clock;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  logger?: Logger;
  /** The way out (proxy choice, proxy sign-in, extra CAs): main/network's HttpRouter.routeFor(setting). Direct when absent. */
  route?: HttpRoute;
}

/**
 * GETs from the partner API: the versioned Accept header and the bearer token on every request,
 * timeouts and an overall deadline, retries with backoff on network errors, 408, 429 and 5xx,
 * one token refresh and replay on a 401, and no Authorization header across origins.
 */
export class ApiClient {
  private readonly requestTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly maxBodyBytes: number;
  private readonly retry: RetryPolicy;
  private readonly maxRedirects: number;
  private readonly clock: Clock;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly route: HttpRoute | undefined;
  /** The base URL parsed once (every request and redirect compares origins with it); null when it does not parse. */
  private readonly origin: URL | null;
  /** `scheme://host[:port]/` of the base URL: a URL string that starts with it is on the API's origin, unparsed. */
  private readonly originPrefix: string | null;

  constructor(
    private readonly baseUrl: string,
    private readonly tokens: TokenProvider,
    options: ApiClientOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.deadlineMs = options.deadlineMs ?? 120_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 100 * 1024 * 1024;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.route = options.route;
    this.origin = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
    this.originPrefix = this.origin && /^https?:$/.test(this.origin.protocol) ? `${this.origin.origin}/` : null;
  }

  /** Whether a URL is on the API's own origin (scheme, host and port of the base URL). */
  isApiOrigin(url: string): boolean {
    if (this.originPrefix && url.startsWith(this.originPrefix)) return true;
    if (!this.origin || !URL.canParse(url)) return false;
    return sameOrigin(new URL(url), this.origin);
  }

  /** Resolves a path (or an absolute next-page link) against the base URL. */
  resolve(pathOrUrl: string): string {
    return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : apiUrl(this.baseUrl, pathOrUrl);
  }

  /**
   * GETs JSON. Stored validators (or a bare `etag`) make it conditional with If-None-Match and
   * If-Modified-Since, sent to the API's own origin only; a 304 answers with body null. Throws coded errors only.
   */
  async getJson(pathOrUrl: string, options: GetJsonOptions = {}): Promise<ApiResponse> {
    const stored: HttpValidators | null =
      options.validators ?? (options.etag ? { etag: options.etag, lastModified: null, bodyHash: null } : null);
    const conditions = conditionalHeaders(stored);
    const url = this.resolve(pathOrUrl);
    const { signal } = options;
    // The call's deadline (real time, not a signal per call): each exchange's timeout is cut to what is left.
    const deadline = performance.now() + this.deadlineMs;
    const started = this.clock.now();
    let attempt = 0;
    let replayedAfter401 = false;

    for (;;) {
      const token = await this.tokens.getToken(signal);
      let response: HttpResponse;
      try {
        response = await this.followRedirects(url, token, conditions, signal, deadline);
      } catch (error) {
        if (signal?.aborted) throw new AppError('SYNC_CANCELLED');
        const coded = classifyTransportError(error);
        if (
          coded.retryable &&
          (coded.code === 'NETWORK_UNREACHABLE' || coded.code === 'TIMEOUT' || coded.code === 'PROXY_UNREACHABLE') &&
          attempt < this.retry.retries
        ) {
          attempt += 1;
          await this.wait(retryDelayMs(this.retry, attempt, null, this.random), deadline, coded, signal);
          continue;
        }
        throw coded;
      }

      const { status } = response;
      if (status === 401) {
        // Only the API's own origin can refuse its token: a 401 from elsewhere (after a redirect) never
        // costs the token or a new token request.
        if (!this.isApiOrigin(response.url)) throw foreign401();
        if (replayedAfter401) throw new AppError('AUTH_REJECTED');
        replayedAfter401 = true;
        this.logger.info('the API refused the token (401); fetching a new one and replaying once', { url });
        await this.tokens.invalidate(token);
        continue;
      }
      if (isRetryableStatus(status) && attempt < this.retry.retries) {
        attempt += 1;
        const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'), this.clock.now());
        const delay = retryDelayMs(this.retry, attempt, retryAfter, this.random);
        this.logger.info('retrying GET', { url, status, attempt, delayMs: delay });
        await this.wait(delay, deadline, statusError(status), signal);
        continue;
      }
      if (status === 304) {
        options.onReceived?.();
        return notModifiedResponse(response, stored);
      }
      if (status < 200 || status >= 300) throw statusError(status);
      options.onReceived?.();
      const body = parseJsonBody(response);
      this.logger.debug('GET done', {
        url: response.url,
        status,
        ms: this.clock.now() - started,
        attempts: attempt + 1,
      });
      return {
        status,
        url: response.url,
        body,
        etag: headerValue(response.headers, 'etag') ?? null,
        lastModified: headerValue(response.headers, 'last-modified') ?? null,
        link: headerValue(response.headers, 'link') ?? null,
        bytes: response.body.length,
      };
    }
  }

  /** Waits before a retry unless the deadline would pass first, in which case the last error stands. */
  private async wait(ms: number, deadline: number, lastError: AppError, caller?: AbortSignal): Promise<void> {
    if (performance.now() + ms >= deadline) throw lastError;
    try {
      await this.sleep(ms, caller);
    } catch {
      throw caller?.aborted ? new AppError('SYNC_CANCELLED') : lastError;
    }
  }

  private static readonly redirectStatuses = new Set([301, 302, 303, 307, 308]);

  /** One GET, following redirects by hand: the Authorization header goes to the base URL's origin only. */
  private async followRedirects(
    url: string,
    token: string,
    conditions: Record<string, string>,
    signal: AbortSignal | undefined,
    deadline: number,
  ): Promise<HttpResponse> {
    const origin = this.origin ?? new URL(this.baseUrl);
    let current = new URL(url);
    for (let hop = 0; ; hop += 1) {
      const headers: Record<string, string> = { accept: versionedAccept };
      // The token and the conditions (they name the API's own representation) go to the API's origin only.
      if (sameOrigin(current, origin)) Object.assign(headers, { authorization: `Bearer ${token}` }, conditions);
      const response = await sendHttpRequest({
        url: current.toString(),
        method: 'GET',
        headers,
        timeoutMs: this.requestTimeoutMs,
        deadline,
        maxBytes: this.maxBodyBytes,
        signal,
        route: this.route,
      });
      const location = headerValue(response.headers, 'location');
      if (!ApiClient.redirectStatuses.has(response.status) || !location) return response;
      if (hop >= this.maxRedirects)
        throw new AppError('REDIRECT_REFUSED', 'The API redirected too many times. Try again later.');
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new AppError('REDIRECT_REFUSED');
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new AppError('REDIRECT_REFUSED');
      if (current.protocol === 'https:' && next.protocol === 'http:') throw new AppError('REDIRECT_REFUSED');
      if (!sameOrigin(next, origin) && sameOrigin(current, origin))
        this.logger.warn('API redirected to another origin; the Authorization header is dropped', {
          from: current.origin,
          to: next.origin,
        });
      current = next;
    }
  }
}
