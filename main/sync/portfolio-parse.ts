import { z } from 'zod';
import { weightSumTolerance, type Holding, type Portfolio } from '../../common/portfolio';

/** A raw portfolio turned into the app's shape, with what was wrong with it in plain words. */
export type ParsedPortfolio =
  | { ok: true; portfolio: Portfolio; hasHoldings: boolean; notes: string[] }
  | { ok: false; id: string | null; reason: string };

const aliases: Record<string, string[]> = {
  id: ['id', 'portfolioId', 'portfolio_id', 'modelId', 'model_id'],
  name: ['name', 'portfolioName', 'portfolio_name', 'title'],
  description: ['description', 'summary'],
  riskLevel: ['riskLevel', 'risk_level', 'risk', 'riskProfile', 'risk_profile'],
  strategy: ['strategy', 'objective'],
  benchmark: ['benchmark', 'benchmarkName', 'benchmark_name'],
  currency: ['currency', 'baseCurrency', 'base_currency'],
  minimumInvestment: ['minimumInvestment', 'minimum_investment', 'minInvestment', 'min_investment'],
  updatedAt: ['updatedAt', 'updated_at', 'lastUpdated', 'last_updated', 'asOf', 'as_of'],
  holdings: ['holdings', 'positions', 'constituents', 'allocations'],
};

const holdingAliases: Record<string, string[]> = {
  ticker: ['ticker', 'symbol', 'securityId', 'security_id'],
  name: ['name', 'securityName', 'security_name', 'description'],
  assetClass: ['assetClass', 'asset_class', 'class', 'category'],
  weight: ['weight', 'allocation', 'percentage', 'percent', 'targetWeight', 'target_weight'],
};

function pick(record: Record<string, unknown>, table: Record<string, string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [canonical, names] of Object.entries(table)) {
    for (const name of names) {
      if (Object.hasOwn(record, name) && record[name] !== undefined && record[name] !== null) {
        out[canonical] = record[name];
        break;
      }
    }
  }
  return out;
}

const optionalText = z
  .unknown()
  .optional()
  .transform((value) =>
    typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null,
  );

const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*%?\s*$/)
    .transform((s) => Number(s.replace('%', ''))),
]);

const optionalNumber = z
  .unknown()
  .optional()
  .transform((value) => {
    const parsed = numeric.safeParse(value);
    return parsed.success && Number.isFinite(parsed.data) ? parsed.data : null;
  });

const optionalDate = z
  .unknown()
  .optional()
  .transform((value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    const time = new Date(value).getTime();
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  });

const rawHoldingSchema = z.object({
  ticker: z.union([z.string().trim().min(1), z.number().transform(String)]),
  name: optionalText,
  assetClass: optionalText,
  weight: numeric.refine(Number.isFinite, 'weight is not a number'),
});

const rawPortfolioSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number().transform(String)]),
  name: z.string().refine((name) => name.trim() !== '', 'name is empty'),
  description: optionalText,
  riskLevel: optionalText,
  strategy: optionalText,
  benchmark: optionalText,
  currency: optionalText,
  minimumInvestment: optionalNumber,
  updatedAt: optionalDate,
  holdings: z.array(z.unknown()).optional(),
});

/** Decides whether raw weights are fractions (sum ≈ 1) or percents (sum ≈ 100) and returns fractions. */
export function normaliseWeights(raw: number[]): number[] {
  const sum = raw.reduce((total, weight) => total + weight, 0);
  const looksLikePercent = sum > 1.5 || raw.some((weight) => weight > 1);
  return looksLikePercent ? raw.map((weight) => weight / 100) : raw;
}

/** The holdings' weights as a fraction, and whether they make 100 % within the tolerance. */
export function weightCheck(holdings: readonly Holding[]): { weightSum: number; weightsOk: boolean } {
  const weightSum = holdings.reduce((total, holding) => total + holding.weight, 0);
  return { weightSum, weightsOk: holdings.length > 0 && Math.abs(weightSum - 1) <= weightSumTolerance };
}

function describeIssue(error: z.ZodError, record: Record<string, unknown>): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not valid';
  const field = issue.path.join('.') || 'the record';
  const key = issue.path[0];
  const missing = typeof key === 'string' && (record[key] === undefined || record[key] === null);
  return missing ? `it has no ${field}` : `its ${field} is not valid`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The common case without the schema machinery: canonical keys, a string ticker, a finite number weight. */
function quickHolding(
  item: unknown,
): { ticker: string; name: string; assetClass: string | null; weight: number } | null {
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  const { ticker, weight } = record;
  if (typeof ticker !== 'string' || typeof weight !== 'number' || !Number.isFinite(weight)) return null;
  const trimmed = ticker.trim();
  if (trimmed === '') return null;
  return { ticker: trimmed, name: text(record.name) ?? trimmed, assetClass: text(record.assetClass), weight };
}

/** Parses holdings tolerantly: a bad holding is dropped and noted, the rest kept and normalised. */
export function parseHoldings(items: readonly unknown[]): { holdings: Holding[]; notes: string[] } {
  const notes: string[] = [];
  const kept: Array<{ ticker: string; name: string; assetClass: string | null; weight: number }> = [];
  items.forEach((item, index) => {
    const quick = quickHolding(item);
    if (quick) {
      kept.push(quick);
      return;
    }
    const record =
      typeof item === 'object' && item !== null ? pick(item as Record<string, unknown>, holdingAliases) : {};
    const parsed = rawHoldingSchema.safeParse(record);
    if (!parsed.success) {
      notes.push(`Holding ${index + 1} was skipped: ${describeIssue(parsed.error, record)}.`);
      return;
    }
    const { ticker, name, assetClass, weight } = parsed.data;
    kept.push({ ticker, name: name ?? ticker, assetClass, weight });
  });
  const fractions = normaliseWeights(kept.map((holding) => holding.weight));
  // The kept objects are fresh (built above), so the normalised weight can go in place.
  kept.forEach((holding, index) => {
    holding.weight = fractions[index] ?? 0;
  });
  return { holdings: kept, notes };
}

/** Parses one raw portfolio: needs id and name; everything else optional; holdings may come later from the detail route. */
export function parsePortfolio(item: unknown): ParsedPortfolio {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return { ok: false, id: null, reason: 'it is not an object' };
  const record = pick(item as Record<string, unknown>, aliases);
  const parsed = rawPortfolioSchema.safeParse(record);
  if (!parsed.success) {
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : null;
    return { ok: false, id, reason: describeIssue(parsed.error, record) };
  }
  const raw = parsed.data;
  const hasHoldings = raw.holdings !== undefined;
  const { holdings, notes } = parseHoldings(raw.holdings ?? []);
  const portfolio: Portfolio = {
    id: raw.id,
    name: raw.name,
    description: raw.description,
    riskLevel: raw.riskLevel,
    strategy: raw.strategy,
    benchmark: raw.benchmark,
    currency: raw.currency,
    minimumInvestment: raw.minimumInvestment,
    updatedAt: raw.updatedAt,
    holdings,
    ...weightCheck(holdings),
  };
  return { ok: true, portfolio, hasHoldings, notes };
}

/** Adds holdings from the detail route to a portfolio the list gave without them. */
export function withHoldings(portfolio: Portfolio, detail: unknown): { portfolio: Portfolio; notes: string[] } | null {
  const body =
    typeof detail === 'object' && detail !== null && !Array.isArray(detail)
      ? (detail as Record<string, unknown>)
      : null;
  if (!body) return null;
  const inner =
    typeof body.data === 'object' && body.data !== null && !Array.isArray(body.data)
      ? (body.data as Record<string, unknown>)
      : body;
  const parsed = parsePortfolio(inner);
  if (!parsed.ok) return null;
  const merged: Portfolio = {
    ...portfolio,
    ...Object.fromEntries(Object.entries(parsed.portfolio).filter(([, value]) => value !== null)),
    id: portfolio.id,
    holdings: parsed.portfolio.holdings,
    weightSum: parsed.portfolio.weightSum,
    weightsOk: parsed.portfolio.weightsOk,
  };
  return { portfolio: merged, notes: parsed.notes };
}
