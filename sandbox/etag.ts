import { createHash } from 'node:crypto';

/** A strong ETag naming a representation by what produces it (seed, options, count, page), not by hashing the body. */
export function computeEtag(parts: Record<string, unknown>): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27);
  return `"mp1-${digest}"`;
}

/** Whether an If-None-Match header matches an ETag (weak comparison, as RFC 9110 §13.1.2 asks; `*` matches all). */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
