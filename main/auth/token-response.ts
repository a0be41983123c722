import { AppError } from '../../common/result';

/** A token response after tolerant parsing. */
export interface ParsedToken {
  accessToken: string;
  /** Lifetime in seconds as the server stated it, or the assumed default. */
  expiresInSeconds: number;
  /** True when the server gave no lifetime and 24 h was assumed. */
  lifetimeAssumed: boolean;
}

/** The lifetime the partner doc promises, used when a response gives none. */
export const defaultTokenLifetimeSeconds = 86_400;

/** The longest lifetime the app believes (one year): a larger one is clamped, so expiry stays a real date. */
export const maxTokenLifetimeSeconds = 365 * 86_400;

function firstPresent(body: Record<string, unknown>, names: string[]): unknown {
  for (const name of names)
    if (Object.hasOwn(body, name) && body[name] !== undefined && body[name] !== null) return body[name];
  return undefined;
}

function invalid(detail: string): AppError {
  return new AppError(
    'TOKEN_RESPONSE_INVALID',
    `The API answered the sign-in with something the app could not use (${detail}). Try again later.`,
  );
}

/**
 * Reads a token response the way DESIGN.md lists: `accessTtoken` (the doc's spelling) | `accessToken`
 * | `access_token`; `expiresIn` | `expires_in` as a number or numeric string; `tokenType` | `token_type`
 * case-insensitively "bearer". Garbage is a coded error that never quotes the body.
 */
export function parseTokenResponse(body: unknown): ParsedToken {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('not a JSON object');
  const record = body as Record<string, unknown>;
  const token = firstPresent(record, ['accessTtoken', 'accessToken', 'access_token']);
  if (typeof token !== 'string' || token.trim() === '') throw invalid('no access token');
  if (/[\s"]/.test(token) || token.length > 16_384)
    throw invalid('the access token has characters a bearer token cannot have');

  const type = firstPresent(record, ['tokenType', 'token_type']);
  if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer'))
    throw invalid('the token is not a bearer token');

  const rawLifetime = firstPresent(record, ['expiresIn', 'expires_in']);
  if (rawLifetime === undefined) {
    return { accessToken: token, expiresInSeconds: defaultTokenLifetimeSeconds, lifetimeAssumed: true };
  }
  const lifetime =
    typeof rawLifetime === 'number'
      ? rawLifetime
      : typeof rawLifetime === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(rawLifetime)
        ? Number(rawLifetime)
        : NaN;
  if (!Number.isFinite(lifetime)) throw invalid('the token lifetime is not a number');
  if (lifetime <= 0) throw invalid('the token lifetime is not positive');
  return {
    accessToken: token,
    expiresInSeconds: Math.min(lifetime, maxTokenLifetimeSeconds),
    lifetimeAssumed: false,
  };
}
