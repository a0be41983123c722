/** One page of the portfolio list, whatever envelope the API used. */
export interface ListPage {
  items: unknown[];
  /** The next page: an absolute or relative URL, or null at the end. */
  next: string | null;
  /** A cursor to pass as ?cursor= when the API pages by cursor, or null. */
  nextCursor: string | null;
  /** The whole count when the API says it. */
  total: number | null;
}

const arrayKeys = ['data', 'items', 'results', 'modelPortfolios'] as const;

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function nextFromLinkHeader(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? '')) return match[1] ?? null;
  }
  return null;
}

/**
 * Reads a list page tolerantly: a bare array, or an envelope whose array is `data`, `items`,
 * `results` or `modelPortfolios`; the next page from a `next` link in the body (a string or
 * `{href}`), a `links.next`, a cursor (`nextCursor`/`next_cursor`/`cursor`), or a `Link: rel="next"` header.
 * Returns null when the body is not a list at all.
 */
export function readListPage(body: unknown, linkHeader: string | null): ListPage | null {
  if (Array.isArray(body)) return { items: body, next: nextFromLinkHeader(linkHeader), nextCursor: null, total: null };
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const key = arrayKeys.find((name) => Array.isArray(record[name]));
  if (!key) return null;
  const items = record[key] as unknown[];
  const links =
    typeof record.links === 'object' && record.links !== null ? (record.links as Record<string, unknown>) : {};
  const nextValue = record.next ?? links.next;
  const next =
    stringOrNull(nextValue) ??
    (typeof nextValue === 'object' && nextValue !== null
      ? stringOrNull((nextValue as Record<string, unknown>).href)
      : null) ??
    nextFromLinkHeader(linkHeader);
  const nextCursor = stringOrNull(record.nextCursor) ?? stringOrNull(record.next_cursor) ?? stringOrNull(record.cursor);
  const rawTotal = record.total ?? record.totalCount ?? record.count;
  const total = typeof rawTotal === 'number' && Number.isInteger(rawTotal) && rawTotal >= 0 ? rawTotal : null;
  return { items, next, nextCursor: next ? null : nextCursor, total };
}
