import type { Portfolio } from './portfolio';
import type { SyncIssue } from './cache-snapshot';

/** A portfolio as the browser lists it: everything but the holdings, plus their tickers for search. */
export interface PortfolioSummary extends Omit<Portfolio, 'holdings'> {
  holdingsCount: number;
  tickers: string[];
}

/** The browser's data: the active profile's portfolios as of a sync. */
export interface PortfolioListing {
  profileId: string;
  syncedAt: string | null;
  portfolios: PortfolioSummary[];
  issues: SyncIssue[];
}

/** Strips a portfolio down to what the list needs. */
export function summarise(portfolio: Portfolio): PortfolioSummary {
  const { holdings, ...rest } = portfolio;
  return { ...rest, holdingsCount: holdings.length, tickers: holdings.map((holding) => holding.ticker) };
}
