/** The HTTP-date (IMF-fixdate, RFC 9110 §5.6.7) of the latest of some ISO instants, for Last-Modified; null for none. */
export function lastModifiedOf(updatedAts: Iterable<string>): string | null {
  let latest: number | null = null;
  for (const updatedAt of updatedAts) {
    const ms = Date.parse(updatedAt);
    if (Number.isFinite(ms) && (latest === null || ms > latest)) latest = ms;
  }
  return latest === null ? null : new Date(latest).toUTCString();
}

/**
 * Whether If-Modified-Since says the client's copy is current: the header is a valid HTTP-date no earlier than the
 * representation's Last-Modified (RFC 9110 §13.1.3; whole seconds). A date that does not parse is ignored.
 */
export function notModifiedSince(header: string | undefined, lastModified: string | null): boolean {
  if (!header || lastModified === null) return false;
  const since = Date.parse(header);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}
