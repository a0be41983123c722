/** The risk levels a sandbox portfolio can have, from least to most equity. */
export const riskLevels = [
  'Conservative',
  'Moderately Conservative',
  'Moderate',
  'Moderately Aggressive',
  'Aggressive',
] as const;

/** One of the five risk levels. */
export type RiskLevel = (typeof riskLevels)[number];

/** Growth-asset share (percent, a multiple of 5) that each risk level allows, lowest and highest. */
export const growthShareRange: Readonly<Record<RiskLevel, readonly [number, number]>> = {
  Conservative: [15, 35],
  'Moderately Conservative': [35, 50],
  Moderate: [50, 65],
  'Moderately Aggressive': [65, 80],
  Aggressive: [80, 100],
};

/** First words of portfolio names (a family brand). */
export const namePrefixes = [
  'Core',
  'Strategic',
  'Tactical',
  'Horizon',
  'Summit',
  'Keystone',
  'Meridian',
  'Cornerstone',
  'Evergreen',
  'Pinnacle',
  'Harbor',
  'Atlas',
  'Beacon',
  'Compass',
  'Sterling',
  'Granite',
  'Northstar',
  'Bluewater',
  'Heritage',
  'Legacy',
  'Vantage',
  'Foundation',
  'Clearview',
  'Ridgeline',
] as const;

/** Middle words of portfolio names, matching each risk level. */
export const nameThemes: Readonly<Record<RiskLevel, readonly string[]>> = {
  Conservative: [
    'Capital Preservation',
    'Conservative Income',
    'Stable Income',
    'Defensive Yield',
    'Short Duration Income',
  ],
  'Moderately Conservative': ['Income & Growth', 'Conservative Balanced', 'Moderate Income', 'Dividend Income'],
  Moderate: ['Balanced', 'Balanced Growth', 'Global Balanced', 'Multi-Asset', 'Core Allocation'],
  'Moderately Aggressive': ['Growth', 'Growth & Income', 'Global Growth', 'Dividend Growth'],
  Aggressive: ['Aggressive Growth', 'Equity Growth', 'All-Equity', 'Global Opportunities', 'Maximum Growth'],
};

/** Optional last words of portfolio names. */
export const nameSuffixes = ['ESG', 'Tax-Aware', 'Portfolio', 'Model', 'Plus', 'II', 'Select'] as const;

/** Investment strategies a portfolio can follow. */
export const strategies = [
  'Strategic Asset Allocation',
  'Tactical Asset Allocation',
  'Core-Satellite',
  'Passive Index',
  'Factor-Based',
  'Dividend Growth',
  'Income-Focused',
  'ESG / Sustainable',
  'Risk Parity',
  'Target Volatility',
] as const;

/** Who each risk level is meant for, for descriptions. */
export const audiences: Readonly<Record<RiskLevel, string>> = {
  Conservative: 'investors who put capital preservation and steady income first',
  'Moderately Conservative': 'investors seeking income with some long-term growth',
  Moderate: 'investors with a medium time horizon who accept moderate swings',
  'Moderately Aggressive': 'long-term investors who accept sizeable swings for growth',
  Aggressive: 'long-horizon investors who accept large drawdowns for maximum growth',
};

/** How often a portfolio is rebalanced, for descriptions. */
export const rebalanceFrequencies = ['monthly', 'quarterly', 'semi-annually', 'annually'] as const;

/** Currencies (ISO 4217) with how often they occur (out of the sum of weights). */
export const currencies: ReadonlyArray<readonly [string, number]> = [
  ['USD', 60],
  ['CAD', 12],
  ['EUR', 10],
  ['GBP', 8],
  ['CHF', 4],
  ['AUD', 4],
  ['JPY', 2],
];

/** The equity and bond indexes a composite benchmark uses in each currency. */
export const benchmarkIndexes: Readonly<Record<string, readonly [string, string]>> = {
  USD: ['S&P 500', 'Bloomberg US Aggregate'],
  CAD: ['S&P/TSX Composite', 'FTSE Canada Universe Bond'],
  EUR: ['MSCI Europe', 'Bloomberg Euro Aggregate'],
  GBP: ['FTSE All-Share', 'FTSE Actuaries UK Gilts All Stocks'],
  CHF: ['SPI', 'SBI AAA-BBB'],
  AUD: ['S&P/ASX 200', 'Bloomberg AusBond Composite'],
  JPY: ['TOPIX', 'NOMURA-BPI'],
};

/** Minimum investments (in the portfolio's currency) a portfolio can ask for. */
export const minimumInvestments = [0, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000] as const;
