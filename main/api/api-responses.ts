import { AppError } from '../../common/result';
import type { HttpValidators } from './conditional-request';
import { headerValue, type HttpResponse } from './http-request';

/** A successful GET: the parsed JSON (null on 304) and what pagination and caching need. */
export interface ApiResponse {
  status: number;
  /** The URL that finally answered (after redirects). */
  url: string;
  body: unknown;
  /** The response's ETag (on a 304: the one sent, or the stored one). */
  etag: string | null;
  /** The response's Last-Modified (on a 304: the one sent, or the stored one). */
  lastModified: string | null;
  link: string | null;
  /** Bytes of the body as received (0 on 304), for caps across many responses. */
  bytes: number;
}

/** How one GET is asked: validators (or a bare ETag) make it conditional. */
export interface GetJsonOptions {
  etag?: string | null;
  validators?: HttpValidators | null;
  signal?: AbortSignal;
  /** Runs once the final answer is in hand (a 304, or a 2xx body fully received), before its body is parsed. */
  onReceived?: () => void;
}

/** Whether two URLs share an origin (scheme, host and port). */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

/** The coded error for an API status the app does not accept. */
export function statusError(status: number): AppError {
  if (status === 401) return new AppError('AUTH_REJECTED');
  if (status === 403) return new AppError('FORBIDDEN');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status === 406) return new AppError('UNSUPPORTED_API_VERSION');
  if (status === 408) return new AppError('TIMEOUT');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status >= 500) return new AppError('SERVER_ERROR');
  return new AppError(
    'RESPONSE_INVALID',
    `The API answered with HTTP ${status}, which the app did not expect. Try again later.`,
  );
}

/** A 401 from an origin other than the API's own (after a redirect): refused, the token kept. */
export function foreign401(): AppError {
  return new AppError(
    'REDIRECT_REFUSED',
    'The API sent the app to another server, which asked for a sign-in (HTTP 401). The app’s credentials only ever go to the API itself, so the request was stopped.',
  );
}

/** The JSON body of a good response; a web page or garbage is RESPONSE_INVALID. */
export function parseJsonBody(response: HttpResponse): unknown {
  const type = headerValue(response.headers, 'content-type') ?? '';
  if (type && !/json/i.test(type)) {
    throw new AppError(
      'RESPONSE_INVALID',
      'The API sent a web page instead of data (a proxy or sign-in page may be in the way). Try again later.',
    );
  }
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new AppError('RESPONSE_INVALID');
  }
}

/** A 304 as the API client answers it: no body, and the validators it carries (else the ones sent). */
export function notModifiedResponse(response: HttpResponse, stored: HttpValidators | null): ApiResponse {
  return {
    status: 304,
    url: response.url,
    body: null,
    etag: headerValue(response.headers, 'etag') ?? stored?.etag ?? null,
    lastModified: headerValue(response.headers, 'last-modified') ?? stored?.lastModified ?? null,
    link: null,
    bytes: 0,
  };
}
