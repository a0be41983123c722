import { errorReply, type Reply } from './reply';
import { headerValue, type RequestContext } from './request-context';
import { type ServerMode } from './options';

/** A token request's client credentials and grant type, however they were sent. */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  grantType: string;
  /** True when the credentials came as HTTP Basic (an invalid_client answer then carries WWW-Authenticate). */
  usedBasic: boolean;
}

/** Either the parsed request or the error answer to send. */
export type ParsedTokenRequest = { ok: true; request: TokenRequest } | { ok: false; reply: Reply };

/** The realm of the Basic challenge sent with invalid_client. */
export const basicChallenge = 'Basic realm="model-portfolios", charset="UTF-8"';

/**
 * Reads a token request: the doc's JSON body (mode 'doc' only) or the RFC 6749 form, with the client credentials in
 * the body or as HTTP Basic (not both). Malformed requests get invalid_request, missing credentials invalid_client.
 */
export function parseTokenRequest(ctx: RequestContext, mode: ServerMode): ParsedTokenRequest {
  const mediaType = (headerValue(ctx.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const basic = parseBasic(headerValue(ctx.headers, 'authorization'));

  let params: Map<string, string>;
  if (mediaType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(ctx.body);
    params = new Map();
    for (const [key, value] of form) {
      if (params.has(key)) return invalidRequest(`Parameter ${key} is repeated`);
      params.set(key, value);
    }
  } else if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    if (mode === 'rfc') {
      return invalidRequest('This server follows RFC 6749: send application/x-www-form-urlencoded, not JSON');
    }
    const parsed = parseJsonObject(ctx.body);
    if (!parsed.ok) return invalidRequest(parsed.reason);
    params = new Map();
    for (const key of ['client_id', 'client_secret', 'grant_type']) {
      const value = parsed.value[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') return invalidRequest(`${key} must be a string`);
      params.set(key, value);
    }
  } else if (mediaType === '' && ctx.body.trim() === '') {
    params = new Map();
  } else {
    const accepted =
      mode === 'rfc' ? 'application/x-www-form-urlencoded' : 'application/json or application/x-www-form-urlencoded';
    return invalidRequest(`Unsupported Content-Type ${mediaType || '(none)'}: send ${accepted}`);
  }

  const grantType = params.get('grant_type');
  if (!grantType) return invalidRequest('grant_type is required');

  if (basic === 'malformed') {
    return {
      ok: false,
      reply: errorReply(401, 'invalid_client', 'Malformed HTTP Basic credentials', {
        'WWW-Authenticate': basicChallenge,
      }),
    };
  }
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');
  if (basic) {
    if (bodySecret !== undefined)
      return invalidRequest('Send the client credentials once: HTTP Basic or the body, not both');
    if (bodyId !== undefined && bodyId !== basic.clientId)
      return invalidRequest('client_id differs from the Basic credentials');
    return { ok: true, request: { ...basic, grantType, usedBasic: true } };
  }
  if (!bodyId || !bodySecret) {
    return {
      ok: false,
      reply: errorReply(401, 'invalid_client', 'Client authentication is required: client_id and client_secret'),
    };
  }
  return { ok: true, request: { clientId: bodyId, clientSecret: bodySecret, grantType, usedBasic: false } };
}

function invalidRequest(description: string): { ok: false; reply: Reply } {
  return { ok: false, reply: errorReply(400, 'invalid_request', description) };
}

function parseJsonObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The body is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'The body must be a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Reads `Authorization: Basic …` (id and secret form-urlencoded, RFC 6749 §2.3.1); other schemes are ignored. */
function parseBasic(header: string | undefined): { clientId: string; clientSecret: string } | 'malformed' | undefined {
  if (!header) return undefined;
  const match = /^Basic(?: +(.*))?$/i.exec(header.trim());
  if (!match) return undefined;
  const encoded = match[1]?.trim() ?? '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return 'malformed';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
