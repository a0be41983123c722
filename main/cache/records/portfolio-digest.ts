import { hash as digest } from 'node:crypto';
import type { Holding, Portfolio } from '../../../common/portfolio';
import { summarise, tickerList as tickerListOf } from '../../../common/portfolio-summary';
import type { RecordSummary } from './record-types';

// One-shot SHA-256 of the UTF-8 text (the same digest as a Hash object's, at about half the cost per record).
const hash = (text: string): string => digest('sha256', text, 'base64url');

/** A portfolio with only the fields the cache stores, in a fixed order (extra keys a caller added are dropped). */
export function canonicalPortfolio(p: Portfolio): Portfolio {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    riskLevel: p.riskLevel,
    strategy: p.strategy,
    benchmark: p.benchmark,
    currency: p.currency,
    minimumInvestment: p.minimumInvestment,
    updatedAt: p.updatedAt,
    holdings: p.holdings.map((h) => ({ ticker: h.ticker, name: h.name, assetClass: h.assetClass, weight: h.weight })),
    weightSum: p.weightSum,
    weightsOk: p.weightsOk,
  };
}

/** A portfolio's record text (canonical JSON) and its content hash: unequal hashes mean the detail is rewritten. */
export function storedForm(portfolio: Portfolio): { canonical: Portfolio; text: string; contentHash: string } {
  const canonical = canonicalPortfolio(portfolio);
  const text = JSON.stringify(canonical);
  return { canonical, text, contentHash: hash(text) };
}

/** Hash of everything the cache stores of a portfolio, whatever the key order it came in. */
export function contentHash(portfolio: Portfolio): string {
  return storedForm(portfolio).contentHash;
}

function byHolding(a: Holding, b: Holding): number {
  if (a.ticker !== b.ticker) return a.ticker < b.ticker ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.assetClass !== b.assetClass) return (a.assetClass ?? '') < (b.assetClass ?? '') ? -1 : 1;
  return a.weight - b.weight;
}

/**
 * Hash of what an advisor acts on: the holdings (ticker, name, asset class, weight; in any order) and the key facts
 * name, risk level, strategy, benchmark, currency and minimum investment. Unequal means a change worth keeping the
 * previous version for; a new description or updatedAt alone is not one.
 */
export function materialHash(portfolio: Portfolio): string {
  const p = portfolio;
  const holdings = [...p.holdings].sort(byHolding).map((h) => [h.ticker, h.name, h.assetClass, h.weight]);
  return hash(
    JSON.stringify([p.name, p.riskLevel, p.strategy, p.benchmark, p.currency, p.minimumInvestment, holdings]),
  );
}

/** The list's view of a portfolio: no holdings, no description, tickers as one '\n'-joined string. */
export function recordSummaryOf(portfolio: Portfolio, lastChangedAt: string | null): RecordSummary {
  return summarise(portfolio, lastChangedAt);
}

/** A summary's tickers as a list (split on demand: splitting 10,000 at open would cost more than the open). */
export function tickerList(summary: RecordSummary): string[] {
  return tickerListOf(summary);
}
