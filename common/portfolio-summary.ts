import type { Portfolio } from './portfolio';
import type { SyncIssue } from './cache-snapshot';

/** A portfolio as the browser lists it: everything but the holdings and the long description, plus what search needs. */
export interface PortfolioSummary extends Omit<Portfolio, 'holdings' | 'description'> {
  holdingsCount: number;
  /**
   * The holdings' tickers in holding order, joined by '\n' (a '\n' inside a ticker becomes a space): one string
   * per portfolio instead of an array keeps 10,000 summaries cheap to open, to send and to index for search.
   */
  tickerText: string;
  /** When the holdings or key facts last changed (ISO 8601), null while no change has been seen. */
  lastChangedAt: string | null;
}

/** The browser's data: the active profile's portfolios as of a sync. */
export interface PortfolioListing {
  profileId: string;
  syncedAt: string | null;
  portfolios: PortfolioSummary[];
  issues: SyncIssue[];
}

/** Strips a portfolio down to what the list needs, with the fields in a fixed order (extra keys are dropped). */
export function summarise(portfolio: Portfolio, lastChangedAt: string | null = null): PortfolioSummary {
  return {
    id: portfolio.id,
    name: portfolio.name,
    riskLevel: portfolio.riskLevel,
    strategy: portfolio.strategy,
    benchmark: portfolio.benchmark,
    currency: portfolio.currency,
    minimumInvestment: portfolio.minimumInvestment,
    updatedAt: portfolio.updatedAt,
    weightSum: portfolio.weightSum,
    weightsOk: portfolio.weightsOk,
    holdingsCount: portfolio.holdings.length,
    tickerText: portfolio.holdings.map((holding) => holding.ticker.replace(/\n/g, ' ')).join('\n'),
    lastChangedAt,
  };
}

/** A summary's tickers as a list (split on demand: nothing needs all 10,000 lists at once). */
export function tickerList(summary: Pick<PortfolioSummary, 'tickerText'>): string[] {
  return summary.tickerText === '' ? [] : summary.tickerText.split('\n');
}
