import { generatePortfolio } from './data';
import { type ResolvedOptions } from './options';

/** The HTTP-date (IMF-fixdate, RFC 9110 §5.6.7) of an instant, for Last-Modified. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The latest `updatedAt` of the portfolios at positions [from, to), in ms (whole seconds); null when there are none. */
export function lastModifiedOf(options: ResolvedOptions, from: number, to: number): number | null {
  let latest: number | null = null;
  for (let index = from; index < to; index++) {
    // Without holdings: updatedAt comes from the portfolio's own random stream, the holdings from another.
    const { updatedAt } = generatePortfolio(options.seed, index, { holdings: false, imperfect: options.imperfect });
    const ms = Math.floor(Date.parse(updatedAt) / 1000) * 1000;
    if (Number.isFinite(ms) && (latest === null || ms > latest)) latest = ms;
  }
  return latest;
}

/**
 * Whether If-Modified-Since says the client's copy is current: the header is a valid HTTP-date no earlier than the
 * representation's last modification (RFC 9110 §13.1.3). A date that does not parse is ignored, as the RFC asks.
 */
export function notModifiedSince(header: string | undefined, lastModifiedMs: number): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return Number.isFinite(since) && lastModifiedMs <= since;
}
