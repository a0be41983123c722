import { errorReply, type Reply } from './reply';
import { type TokenStatus, type TokenStore } from './token-store';

const reasons: Record<Exclude<TokenStatus, 'valid'>, string> = {
  unknown: 'The access token is not one this server issued',
  expired: 'The access token expired',
  revoked: 'The access token was revoked',
};

/** The 401 an API route sends for a missing or bad token, with `WWW-Authenticate: Bearer error="invalid_token"`. */
export function invalidTokenReply(description: string): Reply {
  return errorReply(401, 'invalid_token', description, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });
}

/**
 * Checks `Authorization: Bearer <token>` (scheme case-insensitive; the token exactly as issued, so the doc's literal
 * quotes around it are refused); returns the 401 to send, or null when the token is valid now.
 */
export function checkBearer(header: string | undefined, tokens: TokenStore): Reply | null {
  if (!header) return invalidTokenReply('No access token: send Authorization: Bearer <token>');
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match?.[1]) return invalidTokenReply('Malformed Authorization header: expected Bearer <token>');
  const status = tokens.check(match[1]);
  return status === 'valid' ? null : invalidTokenReply(reasons[status]);
}
