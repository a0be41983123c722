import type { Profile } from '../../common/profile';
import { AppError } from '../../common/result';
import { versionedAccept } from '../api/api-version';
import { sendHttpRequest, type HttpRoute } from '../api/http-request';
import type { Clock } from '../clock';
import { oauthError } from './oauth-error';
import { parseTokenResponse } from './token-response';

/** A token as the token manager keeps it: absolute times, computed from when the request was sent. */
export interface IssuedToken {
  accessToken: string;
  /** When the request that got it was sent (epoch ms). */
  obtainedAt: number;
  /** obtainedAt + the stated lifetime (epoch ms). */
  expiresAt: number;
  lifetimeAssumed: boolean;
}

/** Fetches a new token for a profile: the one network call of the token lifecycle. */
export type TokenFetcher = (profile: Profile, secret: string, signal?: AbortSignal) => Promise<IssuedToken>;

/** Token responses are small: anything past 64 KiB is aborted. */
export const maxTokenResponseBytes = 64 * 1024;

/** Joins the base URL and a path, keeping any path prefix the base URL has. */
export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The HTTP Basic credentials of RFC 6749 §2.3.1: each part form-urlencoded, then base64. */
function basicCredentials(clientId: string, secret: string): string {
  return Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
}

/**
 * Every form in which a token request carries the secret (as it is, JSON-escaped, form-encoded, the
 * Basic value with and without padding), so a server that echoes the request back can be redacted.
 */
export function sentCredentialForms(clientId: string, secret: string): string[] {
  const basic = basicCredentials(clientId, secret);
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    new URLSearchParams({ v: secret }).toString().slice(2),
    encodeURIComponent(secret),
    basic,
    basic.replace(/=+$/, ''),
    `${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`,
  ];
}

function tokenRequestBody(profile: Profile, secret: string): { headers: Record<string, string>; body: string } {
  if (profile.tokenStyle === 'json') {
    return {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: profile.clientId, client_secret: secret, grant_type: 'client_credentials' }),
    };
  }
  if (profile.tokenStyle === 'form-body') {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: profile.clientId,
      client_secret: secret,
    });
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  const basic = basicCredentials(profile.clientId, secret);
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Builds the fetcher that POSTs to `$BASE_URL/oauth/token`, never following a redirect (through `route` when given). */
export function createTokenFetcher(
  clock: Clock,
  options: { timeoutMs?: number; route?: HttpRoute } = {},
): TokenFetcher {
  return async (profile, secret, signal) => {
    const { headers, body } = tokenRequestBody(profile, secret);
    const sentAt = clock.now();
    const response = await sendHttpRequest({
      url: apiUrl(profile.baseUrl, 'oauth/token'),
      method: 'POST',
      headers: { accept: versionedAccept, ...headers },
      body,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBytes: maxTokenResponseBytes,
      signal,
      route: options.route,
    });
    const { status } = response;
    if (status >= 300 && status < 400) throw new AppError('REDIRECT_REFUSED');
    const json = parseJson(response.body);
    if (status >= 200 && status < 300) {
      const parsed = parseTokenResponse(json);
      return {
        accessToken: parsed.accessToken,
        obtainedAt: sentAt,
        expiresAt: sentAt + parsed.expiresInSeconds * 1000,
        lifetimeAssumed: parsed.lifetimeAssumed,
      };
    }
    const classified = oauthError(status, json, sentCredentialForms(profile.clientId, secret));
    if (classified) throw classified;
    if (status === 406) throw new AppError('UNSUPPORTED_API_VERSION');
    if (status === 429) throw new AppError('RATE_LIMITED');
    if (status === 408) throw new AppError('TIMEOUT');
    if (status >= 500) throw new AppError('SERVER_ERROR');
    if (status === 403) throw new AppError('FORBIDDEN');
    if (status === 404) {
      throw new AppError(
        'NOT_FOUND',
        'The API has no sign-in address at this base URL (/oauth/token answered 404). Check the base URL in Settings.',
      );
    }
    throw new AppError('TOKEN_RESPONSE_INVALID');
  };
}
