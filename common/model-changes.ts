import { matchHoldings } from './holding-match';
import type { Holding, Portfolio } from './portfolio';

/** How a holding changed between two versions of a portfolio. */
export type HoldingChangeKind = 'added' | 'removed' | 'reweighted';

/** The trade a holding change asks for: buy when its weight goes up, sell when it goes down. */
export type TradeAction = 'buy' | 'sell';

/** One line of a trade list: a holding added, removed or re-weighted between two versions. */
export interface HoldingChange {
  /** Stable identity of the security (see MatchedHolding.key), for React keys and joins. */
  key: string;
  kind: HoldingChangeKind;
  action: TradeAction;
  /** As the newer version writes it, or the older one when only it has a ticker ('' when neither has one). */
  ticker: string;
  name: string;
  assetClass: string | null;
  /** Weight before, a fraction of 1 like Holding.weight (0 when added). */
  oldWeight: number;
  /** Weight after, a fraction of 1 (0 when removed). */
  newWeight: number;
  /** newWeight − oldWeight in percentage points (+0.5 = half a percent more), float noise rounded away. */
  changePp: number;
}

/** The facts of a portfolio whose change is reported beside the trade list (see trackedFacts for why these). */
export type TrackedFact = 'name' | 'riskLevel' | 'strategy' | 'benchmark' | 'currency' | 'minimumInvestment';

/**
 * The facts compared between versions, in the order they are reported. Besides name, risk level, benchmark and
 * minimum investment: strategy (a change of mandate matters to the advisor's suitability check like a change of
 * risk level) and currency (it changes what the minimum and every weight mean). Left out: description (long
 * prose, reworded often, not a trade or suitability fact), updatedAt (it dates the version itself), and
 * weightSum/weightsOk (they follow from the holdings, which the trade list already shows).
 */
export const trackedFacts: readonly TrackedFact[] = [
  'name',
  'riskLevel',
  'strategy',
  'benchmark',
  'currency',
  'minimumInvestment',
];

/** One fact that differs between two versions. Text is compared trimmed, with inner white space collapsed. */
export interface FactChange {
  fact: TrackedFact;
  oldValue: string | number | null;
  newValue: string | number | null;
}

/** Counts and sizes of a set of changes; the sums cover the listed holding changes only. */
export interface ChangeSummary {
  added: number;
  removed: number;
  reweighted: number;
  buys: number;
  sells: number;
  facts: number;
  /** Sum of the buys, in percentage points. */
  buyPp: number;
  /** Sum of the sells, in percentage points (a positive number). */
  sellPp: number;
  /** One-way turnover: half the sum of every absolute change, in percentage points. */
  turnoverPp: number;
  /** True when any holding or tracked fact changed. */
  changed: boolean;
}

/** What changed in one portfolio between two versions: the trade list, the facts, and a summary. */
export interface ModelChanges {
  /** The newer version's id and name (the two portfolios may differ: a switch from one model to another). */
  portfolioId: string;
  name: string;
  fromUpdatedAt: string | null;
  toUpdatedAt: string | null;
  /** The tolerance the changes were computed with, in percentage points. */
  tolerancePp: number;
  /** Sells first, then buys; each by size (largest first), then ticker, name and key. */
  holdings: HoldingChange[];
  /** In trackedFacts order. */
  facts: FactChange[];
  summary: ChangeSummary;
}

/** Options of a change computation. */
export interface ChangeOptions {
  /** Re-weights smaller than this many percentage points are float noise and not listed; default 0.01. */
  tolerancePp?: number;
}

/** Default tolerance of a re-weight, in percentage points (one basis point). */
export const defaultChangeTolerancePp = 0.01;

/** Below this (in percentage points) a difference is float noise whatever the tolerance. */
const noisePp = 1e-9;

/**
 * The changes between two versions of a portfolio (before → after). Holdings are lined up by matchHoldings
 * (ticker case-insensitive and trimmed, a ticker-less holding by security name, duplicates in a version summed).
 * A holding held on one side only is added or removed whatever its weight: a change of membership is never noise.
 * A holding on both sides is re-weighted when |change| ≥ tolerancePp (a change of exactly the tolerance is listed;
 * the comparison allows 1e-9 pp of float error). Weights are fractions on both sides (the parser normalises
 * percents), so a fraction-vs-percent difference cannot show up here. A change of asset class alone is not a trade.
 */
export function computeModelChanges(before: Portfolio, after: Portfolio, options: ChangeOptions = {}): ModelChanges {
  const tolerancePp = options.tolerancePp ?? defaultChangeTolerancePp;
  if (!Number.isFinite(tolerancePp) || tolerancePp < 0) {
    throw new RangeError(`tolerancePp must be a finite number ≥ 0, got ${tolerancePp}`);
  }
  const holdings = sameHoldings(before.holdings, after.holdings) ? [] : holdingChanges(before, after, tolerancePp);
  const facts = factChanges(before, after);
  return {
    portfolioId: after.id,
    name: after.name,
    fromUpdatedAt: before.updatedAt,
    toUpdatedAt: after.updatedAt,
    tolerancePp,
    holdings,
    facts,
    summary: summarise(holdings, facts.length),
  };
}

/**
 * Whether a newer copy of a portfolio is a new version worth keeping: any holding added, removed or re-weighted
 * (beyond float noise, whatever the display tolerance) or any tracked fact changed.
 */
export function isNewVersion(before: Portfolio, after: Portfolio): boolean {
  return computeModelChanges(before, after, { tolerancePp: 0 }).summary.changed;
}

/** Fast path: the same holdings in the same order with the same weights cannot have changed. */
function sameHoldings(a: readonly Holding[], b: readonly Holding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || x.ticker !== y.ticker || x.weight !== y.weight) return false;
    if (x.name !== y.name && x.ticker.trim() === '') return false;
  }
  return true;
}

function holdingChanges(before: Portfolio, after: Portfolio, tolerancePp: number): HoldingChange[] {
  const changes: HoldingChange[] = [];
  for (const row of matchHoldings([before.holdings, after.holdings])) {
    const old = row.weights[0] ?? null;
    const now = row.weights[1] ?? null;
    const oldWeight = old ?? 0;
    const newWeight = now ?? 0;
    const changePp = roundNoise((newWeight - oldWeight) * 100);
    let kind: HoldingChangeKind;
    if (old === null) kind = 'added';
    else if (now === null) kind = 'removed';
    else if (Math.abs(changePp) > noisePp && Math.abs(changePp) >= tolerancePp - noisePp) kind = 'reweighted';
    else continue;
    changes.push({
      key: row.key,
      kind,
      action: changePp > 0 || (changePp === 0 && kind === 'added') ? 'buy' : 'sell',
      ticker: row.ticker,
      name: row.name,
      assetClass: row.assetClass,
      oldWeight,
      newWeight,
      changePp,
    });
  }
  return changes.sort(tradeOrder);
}

/** Rounds away float noise (1e-10 pp) so 0.0358 − 0.0357 reads as 0.01 pp, not 0.010000000000000009. */
function roundNoise(pp: number): number {
  const rounded = Math.round(pp * 1e10) / 1e10;
  return rounded === 0 ? 0 : rounded;
}

/** The order of a trade list: sells before buys, larger trades first, then ticker, name and key (code-unit order). */
export function tradeOrder(a: HoldingChange, b: HoldingChange): number {
  if (a.action !== b.action) return a.action === 'sell' ? -1 : 1;
  const size = Math.abs(b.changePp) - Math.abs(a.changePp);
  if (size !== 0) return size;
  return compareText(a.ticker, b.ticker) || compareText(a.name, b.name) || compareText(a.key, b.key);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function factChanges(before: Portfolio, after: Portfolio): FactChange[] {
  const changes: FactChange[] = [];
  for (const fact of trackedFacts) {
    const oldValue = before[fact];
    const newValue = after[fact];
    if (!sameFact(oldValue, newValue)) changes.push({ fact, oldValue, newValue });
  }
  return changes;
}

function sameFact(a: string | number | null, b: string | number | null): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return normaliseText(a) === normaliseText(b);
  return a === b;
}

function normaliseText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function summarise(holdings: readonly HoldingChange[], facts: number): ChangeSummary {
  const summary: ChangeSummary = {
    added: 0,
    removed: 0,
    reweighted: 0,
    buys: 0,
    sells: 0,
    facts,
    buyPp: 0,
    sellPp: 0,
    turnoverPp: 0,
    changed: holdings.length > 0 || facts > 0,
  };
  for (const change of holdings) {
    summary[change.kind] += 1;
    if (change.action === 'buy') {
      summary.buys += 1;
      summary.buyPp += change.changePp;
    } else {
      summary.sells += 1;
      summary.sellPp -= change.changePp;
    }
  }
  summary.buyPp = roundNoise(summary.buyPp);
  summary.sellPp = roundNoise(summary.sellPp);
  summary.turnoverPp = roundNoise((summary.buyPp + summary.sellPp) / 2);
  return summary;
}
