import type { Portfolio } from './portfolio';
import type { SyncIssue } from './cache-snapshot';

/** A portfolio as the browser lists it: everything but the holdings and the long description, plus tickers for search. */
export interface PortfolioSummary extends Omit<Portfolio, 'holdings' | 'description'> {
  holdingsCount: number;
  tickers: string[];
  /** Model changes (issue 15): when holdings or key facts last changed (ISO 8601); null or absent while none seen. */
  lastChangedAt?: string | null;
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
  // The description is read on the detail screen only; leaving it out keeps 10,000 summaries light.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { holdings, description, ...rest } = portfolio;
  return {
    ...rest,
    holdingsCount: holdings.length,
    tickers: holdings.map((holding) => holding.ticker),
    lastChangedAt: null,
  };
}
