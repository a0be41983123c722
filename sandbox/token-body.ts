import { type TokenGarbageVariant } from './faults';
import { type TokenStyle } from './options';

/** The three token response field names in a style, and the token type it writes. */
export interface TokenFieldNames {
  token: string;
  expiresIn: string;
  tokenType: string;
  bearer: string;
}

/** Field names per style: the doc misspells `accessTtoken`; RFC 6749 uses snake case and (as RFC 6750) "Bearer". */
export const tokenFieldNames: Readonly<Record<TokenStyle, TokenFieldNames>> = {
  doc: { token: 'accessTtoken', expiresIn: 'expiresIn', tokenType: 'tokenType', bearer: 'bearer' },
  camel: { token: 'accessToken', expiresIn: 'expiresIn', tokenType: 'tokenType', bearer: 'bearer' },
  rfc: { token: 'access_token', expiresIn: 'expires_in', tokenType: 'token_type', bearer: 'Bearer' },
};

/** A successful token response body in a style (RFC order for 'rfc', the doc's order otherwise). */
export function tokenResponse(style: TokenStyle, token: string, expiresIn: number): Record<string, unknown> {
  const f = tokenFieldNames[style];
  return style === 'rfc'
    ? { [f.token]: token, [f.tokenType]: f.bearer, [f.expiresIn]: expiresIn }
    : { [f.token]: token, [f.expiresIn]: expiresIn, [f.tokenType]: f.bearer };
}

/** Whether a garbage variant still carries a usable token (the sandbox then really issues one). */
export function garbageHasToken(variant: TokenGarbageVariant): boolean {
  return variant !== 'missing-token' && variant !== 'empty-token' && variant !== 'not-an-object';
}

/** A 200 token response body that is wrong in the way `variant` says (token may be empty for token-less variants). */
export function garbageTokenResponse(
  style: TokenStyle,
  variant: TokenGarbageVariant,
  token: string,
  expiresIn: number,
): unknown {
  const f = tokenFieldNames[style];
  const body = tokenResponse(style, token, expiresIn);
  switch (variant) {
    case 'missing-token':
      delete body[f.token];
      return body;
    case 'empty-token':
      return { ...body, [f.token]: '' };
    case 'missing-expiry':
      delete body[f.expiresIn];
      return body;
    case 'non-numeric-expiry':
      return { ...body, [f.expiresIn]: 'a day or so' };
    case 'zero-expiry':
      return { ...body, [f.expiresIn]: 0 };
    case 'negative-expiry':
      return { ...body, [f.expiresIn]: -3600 };
    case 'wrong-token-type':
      return { ...body, [f.tokenType]: 'mac' };
    case 'not-an-object':
      return 'token issued';
  }
}

/** The doc's example token response written literally, trailing comma and all: not valid JSON. */
export function docLiteralTokenText(style: TokenStyle, token: string, expiresIn: number): string {
  const f = tokenFieldNames[style];
  return `{ \n  "${f.token}": "${token}",\n  "${f.expiresIn}": ${expiresIn}, \n  "${f.tokenType}": "${f.bearer}", \n}\n`;
}
