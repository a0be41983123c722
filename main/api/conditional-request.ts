import { stableHash } from './stable-hash';

/** What the app keeps of a response to ask next time "has it changed?": its ETag, Last-Modified and body hash. */
export interface HttpValidators {
  /** The ETag exactly as the server sent it (weak `W/"…"` included), or null. */
  etag: string | null;
  /** The Last-Modified HTTP-date exactly as the server sent it, or null. */
  lastModified: string | null;
  /** stableHash of the parsed body, or null when it was not computed (the server sent a validator). */
  bodyHash: string | null;
}

/** Validators of a resource never fetched: the request goes out unconditional. */
export const noValidators: HttpValidators = Object.freeze({ etag: null, lastModified: null, bodyHash: null });

/** What the sync saw in a response: its status, its validators' headers and (for a 200) the parsed body. */
export interface ConditionalResponse {
  status: number;
  etag: string | null | undefined;
  lastModified: string | null | undefined;
  body?: unknown;
}

/** What a response means for the stored copy, with the validators to store from now on. */
export type ConditionalOutcome =
  /** A 304 to our condition: the stored copy is current; keep it and skip the write. */
  | { outcome: 'not-modified'; validators: HttpValidators }
  /** A 200 whose parsed body hashes as the stored one's: nothing to write but the validators. */
  | { outcome: 'same-body'; validators: HttpValidators }
  /** A 200 with new or possibly new content: parse it and hand it to the cache. */
  | { outcome: 'changed'; validators: HttpValidators }
  /** A 304 to a request that carried no condition: there is nothing it can refer to, so it is not usable. */
  | { outcome: 'unexpected-304' };

/** When to hash a 200's parsed body: only when the server sent no validator (default), or always. */
export type BodyHashing = 'without-validators' | 'always';

// An entity-tag is quoted visible ASCII (RFC 9110 §8.8.3; obs-text left out, as header values here are ASCII);
// anything else (CR, LF, controls) is never echoed back.
const entityTag = /^(W\/)?"[\x21\x23-\x7e]*"$/;
const headerSafe = /^[\x20-\x7e]+$/;

/** The ETag when it is one the app may send back in If-None-Match, else null. */
export function usableEtag(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && entityTag.test(trimmed) ? trimmed : null;
}

/** The Last-Modified value when it is a date the app may send back in If-Modified-Since, else null. */
export function usableLastModified(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && headerSafe.test(trimmed) && Number.isFinite(Date.parse(trimmed)) ? trimmed : null;
}

/**
 * Headers that make a GET conditional on the stored validators: If-None-Match with the ETag and If-Modified-Since
 * with the Last-Modified date, both when both are known (RFC 9110 §8.8.1; a server that knows ETags then decides by
 * the ETag alone, §13.1.3). Empty when nothing usable is stored: the request goes out unconditional.
 */
export function conditionalHeaders(stored: HttpValidators | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const etag = usableEtag(stored?.etag);
  const lastModified = usableLastModified(stored?.lastModified);
  if (etag) headers['If-None-Match'] = etag;
  if (lastModified) headers['If-Modified-Since'] = lastModified;
  return headers;
}

/**
 * Classifies a response to a (possibly) conditional GET against what was stored: 304 means unchanged; a 200 whose
 * parsed body has the stored body hash is unchanged too (for servers that send neither ETag nor Last-Modified);
 * anything else changed. A 304 refreshes the validators it carries (RFC 9110 §15.4.5) and keeps the rest.
 */
export function classifyResponse(
  stored: HttpValidators | null | undefined,
  response: ConditionalResponse,
  hashing: BodyHashing = 'without-validators',
): ConditionalOutcome {
  const etag = usableEtag(response.etag);
  const lastModified = usableLastModified(response.lastModified);
  if (response.status === 304) {
    if (!stored || (usableEtag(stored.etag) === null && usableLastModified(stored.lastModified) === null))
      return { outcome: 'unexpected-304' };
    return {
      outcome: 'not-modified',
      validators: {
        etag: etag ?? stored.etag,
        lastModified: lastModified ?? stored.lastModified,
        bodyHash: stored.bodyHash,
      },
    };
  }
  const hashIt = hashing === 'always' || (etag === null && lastModified === null);
  const bodyHash = hashIt ? stableHash(response.body) : null;
  const validators: HttpValidators = { etag, lastModified, bodyHash };
  const same = bodyHash !== null && stored?.bodyHash === bodyHash;
  return { outcome: same ? 'same-body' : 'changed', validators };
}
