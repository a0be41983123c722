import { createHash } from 'node:crypto';
import type { Holding, Portfolio } from '../../../common/portfolio';
import type { PortfolioListing, PortfolioSummary } from '../../../common/portfolio-summary';
import type { RecordListing, RecordSummary } from './record-types';

const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url');

const holdingTuple = (holding: Holding): unknown[] => [
  holding.ticker,
  holding.name,
  holding.assetClass,
  holding.weight,
];

/** Hash of everything the cache stores of a portfolio, in a fixed field order: unequal means the detail is rewritten. */
export function contentHash(portfolio: Portfolio): string {
  const p = portfolio;
  return hash(
    JSON.stringify([
      p.id,
      p.name,
      p.description,
      p.riskLevel,
      p.strategy,
      p.benchmark,
      p.currency,
      p.minimumInvestment,
      p.updatedAt,
      p.weightSum,
      p.weightsOk,
      p.holdings.map(holdingTuple),
    ]),
  );
}

/**
 * Hash of what an advisor acts on: the holdings (ticker, name, asset class, weight; in any order) and the key facts
 * name, risk level, strategy, benchmark, currency and minimum investment. Unequal means a change worth keeping the
 * previous version for; a new description or updatedAt alone is not one.
 */
export function materialHash(portfolio: Portfolio): string {
  const p = portfolio;
  const holdings = p.holdings.map((holding) => JSON.stringify(holdingTuple(holding))).sort();
  return hash(
    JSON.stringify([p.name, p.riskLevel, p.strategy, p.benchmark, p.currency, p.minimumInvestment, holdings]),
  );
}

/** The list's view of a portfolio: no holdings, no description, tickers as one '\n'-joined string. */
export function recordSummaryOf(portfolio: Portfolio, lastChangedAt: string | null): RecordSummary {
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

/** A summary's tickers as a list (split on demand: splitting 10,000 at open would cost more than the open). */
export function tickerList(summary: RecordSummary): string[] {
  return summary.tickerText === '' ? [] : summary.tickerText.split('\n');
}

/** Today's list type from a record summary, for callers that still speak PortfolioSummary. */
export function toPortfolioSummary(summary: RecordSummary): PortfolioSummary {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { tickerText, lastChangedAt, ...rest } = summary;
  return { ...rest, tickers: tickerList(summary) };
}

/** Today's listing type from the records cache's listing. */
export function toPortfolioListing(listing: RecordListing): PortfolioListing {
  return { ...listing, portfolios: listing.portfolios.map(toPortfolioSummary) };
}
