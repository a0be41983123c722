import { byNameThenId, type FirstScreen } from '../../common/first-screen';
import type { PortfolioListing, PortfolioSummary } from '../../common/portfolio-summary';

/**
 * The first `limit` portfolios in the browser's starting order, without sorting the whole list: one pass that
 * keeps the best rows so far in order (about one comparison per portfolio once the rows are filled).
 */
export function firstRows(portfolios: readonly PortfolioSummary[], limit: number): PortfolioSummary[] {
  const best: PortfolioSummary[] = [];
  if (limit <= 0) return best;
  for (const portfolio of portfolios) {
    if (best.length === limit && byNameThenId(portfolio, best[limit - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byNameThenId(best[middle]!, portfolio) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, portfolio);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** The browser's first screen of a profile's listing (an empty one when nothing is cached yet). */
export function firstScreenOf(
  { profile, listing }: { profile: { id: string }; listing: PortfolioListing | null },
  limit: number,
): FirstScreen {
  if (!listing) return { profileId: profile.id, syncedAt: null, total: 0, portfolios: [] };
  return {
    profileId: profile.id,
    syncedAt: listing.syncedAt,
    total: listing.portfolios.length,
    portfolios: firstRows(listing.portfolios, limit),
  };
}
