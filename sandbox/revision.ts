import { type SandboxHolding, type SandboxPortfolio, type WeightStyle } from './data';
import { basisPointsInWhole } from './holdings';
import { type Random } from './random';
import { securities } from './securities';
import { benchmarkIndexes, minimumInvestments, riskLevels, type RiskLevel } from './vocabulary';

/** One holding of a revised portfolio, its weight in whole basis points so every revision keeps the sum exact. */
interface UnitHolding {
  ticker: string;
  name: string;
  assetClass: string;
  units: number;
  /** Undocumented fields the imperfect record carries on every holding (kept, and given to added holdings). */
  extra: Record<string, unknown>;
}

/** Where a portfolio stands after its latest revision: the served fields that revisions change. */
export interface RevisionState {
  /** 0 for the generated portfolio, then 1, 2, … */
  revision: number;
  updatedAtMs: number;
  riskLevel: RiskLevel;
  benchmark: string | undefined;
  minimumInvestment: number | undefined;
  currency: string;
  holdings: UnitHolding[];
}

/** A holding a revision added or removed, its weight a fraction of 1 (whatever weight style is served). */
export interface RevisedHolding {
  ticker: string;
  name: string;
  assetClass: string;
  weight: number;
}

/** A holding a revision re-weighted, weights as fractions of 1. */
export interface ReweightedHolding {
  ticker: string;
  name: string;
  assetClass: string;
  oldWeight: number;
  newWeight: number;
}

/** The facts a revision may change. */
export type RevisedFact = 'riskLevel' | 'benchmark' | 'minimumInvestment';

/** A fact a revision changed. */
export interface RevisedFactChange {
  fact: RevisedFact;
  oldValue: string | number;
  newValue: string | number;
}

/** Who published a revision: the `revisions` option at start, the `revisionIntervalMs` schedule, or a caller. */
export type RevisionCause = 'start' | 'schedule' | 'request';

/** The sandbox's own record of one revision: exactly what it changed, by ticker (sorted), for tests to compare. */
export interface RevisionRecord {
  /** 1-based order of publication across the whole sandbox. */
  sequence: number;
  id: string;
  /** This portfolio's revision number: 1 for its first revision. */
  revision: number;
  cause: RevisionCause;
  /** ISO 8601: the (sandbox clock or schedule) time it was published. */
  publishedAt: string;
  previousUpdatedAt: string;
  updatedAt: string;
  added: RevisedHolding[];
  removed: RevisedHolding[];
  reweighted: ReweightedHolding[];
  facts: RevisedFactChange[];
}

/** The revision state of a freshly generated portfolio (generated with fraction weights and holdings). */
export function initialState(base: SandboxPortfolio): RevisionState {
  return {
    revision: 0,
    updatedAtMs: Date.parse(base.updatedAt),
    riskLevel: base.riskLevel,
    benchmark: base.benchmark,
    minimumInvestment: base.minimumInvestment,
    currency: base.currency,
    holdings: (base.holdings ?? []).map(({ ticker, name, assetClass, weight, ...extra }) => ({
      ticker,
      name,
      assetClass,
      units: Math.round(weight * basisPointsInWhole),
      extra,
    })),
  };
}

/**
 * The next revision of a portfolio, drawn from `random` alone: 1–3 transfers of 10–150 basis points from some
 * holdings to others, sometimes (35 %) a holding removed (its weight goes to one of the receiving holdings),
 * sometimes (35 %) a security added (25–300 bp, taken from the largest holding that is not receiving), and for an
 * ordinary record sometimes (25 %) a fact changed: the risk level or the minimum investment moves one step, or the
 * benchmark's growth share moves by 5 points. A holding only ever gains or only ever loses in one revision, so
 * every holding touched shows up as a change; the total number of basis points never changes (a record short of
 * 100 % stays exactly as short). `updatedAt` becomes `atMs` (whole seconds), or 1 s after the previous one if that
 * is later, so it always moves forward.
 */
export function reviseState(
  state: RevisionState,
  random: Random,
  atMs: number,
  factsMayChange: boolean,
): { state: RevisionState; facts: RevisedFactChange[] } {
  const holdings = state.holdings.map((h) => ({ ...h }));
  const pool = shuffle(
    random,
    holdings.map((_, i) => i),
  );

  let removedIndex: number | undefined;
  if (holdings.length > 5 && random.chance(0.35)) removedIndex = pool.shift();

  const wanted = random.int(1, 3);
  const donors = pool.filter((i) => (holdings[i]?.units ?? 0) >= 30).slice(0, wanted);
  const receivers = pool.filter((i) => !donors.includes(i)).slice(0, wanted);
  const pairs = Math.min(donors.length, receivers.length);
  for (let p = 0; p < pairs; p++) {
    const donor = holdings[donors[p] ?? -1];
    const receiver = holdings[receivers[p] ?? -1];
    if (!donor || !receiver) continue;
    const amount = Math.min(5 * random.int(2, 30), donor.units - 10);
    donor.units -= amount;
    receiver.units += amount;
  }

  if (removedIndex !== undefined) {
    const removed = holdings[removedIndex];
    const receiver = holdings[receivers[0] ?? -1];
    if (removed && receiver) {
      receiver.units += removed.units;
      removed.units = 0;
    }
  }
  let kept = holdings.filter((h) => h.units > 0);

  if (kept.length < 60 && random.chance(0.35)) {
    const held = new Set(holdings.map((h) => h.ticker));
    const candidates = securities.filter((s) => !held.has(s.ticker));
    const receiving = new Set(receivers.map((i) => holdings[i]?.ticker));
    const source = kept
      .filter((h) => !receiving.has(h.ticker))
      .reduce<UnitHolding | undefined>((best, h) => (!best || h.units > best.units ? h : best), undefined);
    if (candidates.length > 0 && source) {
      const security = random.pick(candidates);
      const units = Math.min(5 * random.int(5, 60), source.units - 10);
      if (units >= 5) {
        source.units -= units;
        kept = [...kept, { ...security, units, extra: { ...(kept[0]?.extra ?? {}) } }];
      }
    }
  }

  const next: RevisionState = {
    ...state,
    revision: state.revision + 1,
    updatedAtMs: Math.max(Math.floor(atMs / 1000) * 1000, state.updatedAtMs + 1000),
    holdings: kept.sort((a, b) => b.units - a.units || a.ticker.localeCompare(b.ticker)),
  };
  const facts = factsMayChange && random.chance(0.25) ? changeFact(next, random) : [];
  return { state: next, facts };
}

/** Changes one fact of `state` in place and says which. */
function changeFact(state: RevisionState, random: Random): RevisedFactChange[] {
  const fact = random.pick(['riskLevel', 'benchmark', 'minimumInvestment'] as const);
  if (fact === 'riskLevel') {
    const at = riskLevels.indexOf(state.riskLevel);
    const step = at === 0 ? 1 : at === riskLevels.length - 1 ? -1 : random.chance(0.5) ? 1 : -1;
    const newValue = riskLevels[at + step] ?? state.riskLevel;
    const change = { fact, oldValue: state.riskLevel, newValue };
    state.riskLevel = newValue;
    return [change];
  }
  if (fact === 'benchmark' && state.benchmark !== undefined) {
    const growth = state.benchmark.endsWith(' Index') ? 100 : Number(/^(\d+)%/.exec(state.benchmark)?.[1] ?? 60);
    const next = growth >= 100 ? 95 : growth <= 5 ? 10 : growth + (random.chance(0.5) ? 5 : -5);
    const [equity, bonds] = benchmarkIndexes[state.currency] ?? ['MSCI ACWI', 'Bloomberg Global Aggregate'];
    const newValue = next >= 100 ? `${equity} Index` : `${next}% ${equity} / ${100 - next}% ${bonds}`;
    const change = { fact, oldValue: state.benchmark, newValue };
    state.benchmark = newValue;
    return [change];
  }
  if (fact === 'minimumInvestment' && state.minimumInvestment !== undefined) {
    const at = minimumInvestments.findIndex((m) => m === state.minimumInvestment);
    const step = at <= 0 ? 1 : at >= minimumInvestments.length - 1 ? -1 : random.chance(0.5) ? 1 : -1;
    const newValue = minimumInvestments[Math.max(0, at) + step] ?? minimumInvestments[0];
    const change = { fact, oldValue: state.minimumInvestment, newValue };
    state.minimumInvestment = newValue;
    return [change];
  }
  return [];
}

/** What changed in the holdings between two states, by ticker (sorted), weights as fractions of 1. */
export function holdingDifferences(
  before: RevisionState,
  after: RevisionState,
): Pick<RevisionRecord, 'added' | 'removed' | 'reweighted'> {
  const old = new Map(before.holdings.map((h) => [h.ticker, h]));
  const now = new Map(after.holdings.map((h) => [h.ticker, h]));
  const fraction = (units: number): number => units / basisPointsInWhole;
  const byTicker = <T extends { ticker: string }>(a: T, b: T): number => a.ticker.localeCompare(b.ticker);
  const plain = (h: UnitHolding): RevisedHolding => ({
    ticker: h.ticker,
    name: h.name,
    assetClass: h.assetClass,
    weight: fraction(h.units),
  });
  return {
    added: after.holdings
      .filter((h) => !old.has(h.ticker))
      .map(plain)
      .sort(byTicker),
    removed: before.holdings
      .filter((h) => !now.has(h.ticker))
      .map(plain)
      .sort(byTicker),
    reweighted: after.holdings
      .flatMap((h) => {
        const was = old.get(h.ticker);
        return was && was.units !== h.units
          ? [
              {
                ticker: h.ticker,
                name: h.name,
                assetClass: h.assetClass,
                oldWeight: fraction(was.units),
                newWeight: fraction(h.units),
              },
            ]
          : [];
      })
      .sort(byTicker),
  };
}

/** The served form of a revised portfolio: the generated one (same key order) with the revised fields put in. */
export function servedPortfolio(base: SandboxPortfolio, state: RevisionState, style: WeightStyle): SandboxPortfolio {
  const served: SandboxPortfolio = { ...base, riskLevel: state.riskLevel };
  if ('benchmark' in base && state.benchmark !== undefined) served.benchmark = state.benchmark;
  if ('minimumInvestment' in base && state.minimumInvestment !== undefined) {
    served.minimumInvestment = state.minimumInvestment;
  }
  served.updatedAt = new Date(state.updatedAtMs).toISOString().replace('.000Z', 'Z');
  if ('holdings' in base) {
    served.holdings = state.holdings.map((h): SandboxHolding => ({
      ticker: h.ticker,
      name: h.name,
      assetClass: h.assetClass,
      weight: style === 'percent' ? h.units / 100 : h.units / basisPointsInWhole,
      ...h.extra,
    }));
  }
  return served;
}

/** A shuffled copy (Fisher–Yates). */
function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const a = copy[i];
    const b = copy[j];
    if (a === undefined || b === undefined) continue;
    copy[i] = b;
    copy[j] = a;
  }
  return copy;
}
