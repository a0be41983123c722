/** One position of a model portfolio, normalised: weight is a fraction of 1. */
export interface Holding {
  ticker: string;
  name: string;
  /** e.g. "US Equity", "Fixed Income"; null when the API did not say. */
  assetClass: string | null;
  /** Fraction of the portfolio (0.25 = 25 %), whatever form the API used. */
  weight: number;
}

/** A model portfolio as the app keeps it, after parsing and normalisation. */
export interface Portfolio {
  id: string;
  name: string;
  description: string | null;
  riskLevel: string | null;
  strategy: string | null;
  benchmark: string | null;
  /** ISO 4217 code, e.g. "USD". */
  currency: string | null;
  minimumInvestment: number | null;
  /** ISO 8601 instant, or null when the API did not say. */
  updatedAt: string | null;
  holdings: Holding[];
  /** Sum of the holdings' weights as a fraction (1 = 100 %). */
  weightSum: number;
  /** False when the weights do not sum to 100 % within the tolerance. */
  weightsOk: boolean;
}

/** How far from 100 % a weight sum may be and still count as complete (0.05 percentage points). */
export const weightSumTolerance = 0.0005;
