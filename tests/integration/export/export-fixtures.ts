import type { Holding, Portfolio } from '../../../common/portfolio';

/** A portfolio with defaults for every optional field. */
export function portfolio(overrides: Partial<Portfolio> & Pick<Portfolio, 'id' | 'name'>): Portfolio {
  return {
    description: null,
    riskLevel: null,
    strategy: null,
    benchmark: null,
    currency: null,
    minimumInvestment: null,
    updatedAt: null,
    holdings: [],
    weightSum: 0,
    weightsOk: false,
    ...overrides,
  };
}

/** A holding with an optional asset class. */
export function holding(ticker: string, name: string, weight: number, assetClass: string | null = null): Holding {
  return { ticker, name, assetClass, weight };
}

/** Text that tests every quoting and neutralisation rule: unicode, delimiters, quotes, line breaks, formula triggers. */
export const trickyTexts = [
  'Plain Growth',
  'Café Ünïcødé — 成長ポートフォリオ 📈 שלום',
  'Income, Balanced',
  'The "Core" portfolio',
  '"quoted at both ends"',
  'Line one\nline two',
  'Windows\r\nline break',
  'Old Mac\rline break',
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A2)',
  '-2+3',
  '@SUM(1,2)',
  '\tTabbed',
  '\rCarriage first',
  '\uFF1DHYPERLINK("http://evil.example")',
  ' =leading space stays as is',
  "'already quoted",
  '',
];

/** The tricky portfolio set: one portfolio per tricky text (in name, description and a holding), plus edge numbers. */
export function trickyPortfolios(): Portfolio[] {
  return trickyTexts.map((text, i) =>
    portfolio({
      id: `id-${i}`,
      name: text,
      description: i % 2 === 0 ? `Description: ${text}` : text,
      riskLevel: i % 3 === 0 ? null : 'Moderate',
      strategy: text.startsWith('=') ? '=1+1' : 'Strategic',
      benchmark: 'MSCI ACWI, net',
      currency: 'EUR',
      minimumInvestment: [25000, -1.5, null, 0.1 + 0.2, 1234567.891][i % 5]!,
      updatedAt: i % 4 === 0 ? null : '2025-03-01T12:30:00.000Z',
      holdings: [holding(`T${i}`, text, 0.07, 'US Equity'), holding('-CASH', `Cash, ${i}`, 0.93)],
      weightSum: 1,
      weightsOk: i % 2 === 0,
    }),
  );
}
