import type { Holding, Portfolio } from '../../../common/portfolio';

/** A holding from a ticker and a weight in percent (0.25 → 25 %), with a name and an asset class derived from it. */
export function h(ticker: string, percent: number, extra: Partial<Holding> = {}): Holding {
  return { ticker, name: `${ticker} Corp`, assetClass: 'US Equity', weight: percent / 100, ...extra };
}

/** A normalised portfolio with the given holdings and ordinary facts; override anything through `facts`. */
export function portfolio(holdings: Holding[], facts: Partial<Portfolio> = {}): Portfolio {
  const weightSum = holdings.reduce((sum, holding) => sum + holding.weight, 0);
  return {
    id: 'mp-000001',
    name: 'Core Balanced',
    description: 'A balanced model.',
    riskLevel: 'Moderate',
    strategy: 'Strategic Asset Allocation',
    benchmark: '60% S&P 500 / 40% Bloomberg US Aggregate',
    currency: 'USD',
    minimumInvestment: 25000,
    updatedAt: '2025-03-01T12:00:00.000Z',
    holdings,
    weightSum,
    weightsOk: Math.abs(weightSum - 1) <= 0.0005,
    ...facts,
  };
}
