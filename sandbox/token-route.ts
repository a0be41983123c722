import { timingSafeEqual, createHash } from 'node:crypto';
import { checkAccept } from './accept';
import { type Counters } from './counters';
import { type ResolvedOptions } from './options';
import { errorReply, jsonReply, methodNotAllowedReply, type Reply } from './reply';
import { headerValue, type RequestContext } from './request-context';
import { tokenResponse } from './token-body';
import { basicChallenge, parseTokenRequest } from './token-request';
import { type TokenStore } from './token-store';

/** What the token route reads and changes. */
export interface TokenRouteDeps {
  options: ResolvedOptions;
  tokens: TokenStore;
  counters: Counters;
}

/** Headers every token endpoint answer carries (RFC 6749 §5.1). */
export const tokenCacheHeaders = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** Answers POST /oauth/token: a new token for the right client credentials and grant type, else an RFC 6749 error. */
export function handleTokenRoute(ctx: RequestContext, deps: TokenRouteDeps): Reply {
  const reply = tokenRouteReply(ctx, deps);
  return { ...reply, headers: { ...reply.headers, ...tokenCacheHeaders } };
}

function tokenRouteReply(ctx: RequestContext, { options, tokens, counters }: TokenRouteDeps): Reply {
  if (ctx.method !== 'POST') return methodNotAllowedReply('POST');
  const notAcceptable = checkAccept(headerValue(ctx.headers, 'accept'));
  if (notAcceptable) return notAcceptable;
  const parsed = parseTokenRequest(ctx, options.mode);
  if (!parsed.ok) return parsed.reply;
  const { request } = parsed;
  const { clientId, clientSecret } = options.credentials;
  if (!sameSecret(request.clientId, clientId) || !sameSecret(request.clientSecret, clientSecret)) {
    return errorReply(
      401,
      'invalid_client',
      'Unknown client or wrong client secret',
      request.usedBasic ? { 'WWW-Authenticate': basicChallenge } : {},
    );
  }
  if (request.grantType !== 'client_credentials') {
    return errorReply(400, 'unsupported_grant_type', `Only client_credentials is supported, not ${request.grantType}`);
  }
  const { token, expiresIn } = tokens.issue();
  counters.tokensIssued++;
  return jsonReply(200, tokenResponse(options.tokenStyle, token, expiresIn));
}

/** Compares two strings in constant time (by their SHA-256, so lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
