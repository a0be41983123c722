import { byNameThenId, nameCollator } from '../../common/first-screen';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import { anyChange, matchesChange, type ChangeFilter, type ChangeMarks } from './change-filter';

/** The portfolio browser's sortable columns. */
export type SortKey =
  | 'name'
  | 'id'
  | 'riskLevel'
  | 'benchmark'
  | 'currency'
  | 'minimumInvestment'
  | 'holdingsCount'
  | 'updatedAt'
  | 'weightSum'
  | 'lastChangedAt';

/** Which column the list is sorted by, and which way. */
export interface SortState {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/** Everything that decides which portfolios the browser shows, in which order. */
export interface BrowserQuery {
  text: string;
  /** null: every risk level. */
  riskLevel: string | null;
  /** Only portfolios whose weights do not sum to 100 %. */
  weightsIssuesOnly: boolean;
  /** Model changes (issue 15): only portfolios changed since the last look, or in the last N days. */
  changed: ChangeFilter;
  sort: SortState;
}

/** The browser's starting query: everything, by name. */
export const initialQuery: BrowserQuery = {
  text: '',
  riskLevel: null,
  weightsIssuesOnly: false,
  changed: anyChange,
  sort: { key: 'name', direction: 'ascending' },
};

/** The usual order of risk levels, least to most equity; others sort after these, by name. */
export const riskOrder = [
  'Conservative',
  'Moderately Conservative',
  'Moderate',
  'Moderately Aggressive',
  'Aggressive',
] as const;

const riskRank = new Map<string, number>(riskOrder.map((level, index) => [level.toLowerCase(), index]));

/**
 * One portfolio's search key, computed once per data set: name, id, benchmark and holding tickers, lower-cased,
 * one per line. Search terms never hold whitespace, so a term cannot match across two fields or two tickers.
 */
export function searchKey(p: PortfolioSummary): string {
  return `${p.name}\n${p.id}\n${p.benchmark ?? ''}\n${p.tickerText}`.toLocaleLowerCase();
}

/** The search keys of a data set, by position. */
export function buildSearchIndex(portfolios: readonly PortfolioSummary[]): string[] {
  return portfolios.map(searchKey);
}

/** The words of a search, lower-cased: a portfolio matches when its key contains every one. */
export function searchTerms(text: string): string[] {
  return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** The risk levels present, in the usual order. */
export function riskLevelsOf(portfolios: readonly PortfolioSummary[]): string[] {
  const levels = new Set<string>();
  for (const p of portfolios) if (p.riskLevel) levels.add(p.riskLevel);
  return [...levels].sort(compareRisk);
}

function compareRisk(a: string, b: string): number {
  const ra = riskRank.get(a.toLowerCase()) ?? riskOrder.length;
  const rb = riskRank.get(b.toLowerCase()) ?? riskOrder.length;
  return ra - rb || nameCollator.compare(a, b);
}

type Comparable = string | number | null;

function sortValue(p: PortfolioSummary, key: SortKey): Comparable {
  switch (key) {
    case 'updatedAt':
      return p.updatedAt ? Date.parse(p.updatedAt) : null;
    case 'lastChangedAt':
      return p.lastChangedAt ? Date.parse(p.lastChangedAt) : null;
    default:
      return p[key];
  }
}

function compareValues(a: Comparable, b: Comparable, key: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (key === 'riskLevel') return compareRisk(String(a), String(b));
  return nameCollator.compare(String(a), String(b));
}

/**
 * The order of the portfolios for a sort, as positions: empty values always last, ties by name then id, so the
 * order is the same whatever order the data came in (a stable, total order). Computed once per data set and sort.
 */
export function sortOrder(portfolios: readonly PortfolioSummary[], sort: SortState): number[] {
  const { key, direction } = sort;
  const values = portfolios.map((p) => sortValue(p, key));
  const sign = direction === 'ascending' ? 1 : -1;
  const order = portfolios.map((_, index) => index);
  order.sort((i, j) => {
    const x = values[i]!;
    const y = values[j]!;
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const byKey = compareValues(x, y, key);
      if (byKey !== 0) return sign * byKey;
    }
    return byNameThenId(portfolios[i]!, portfolios[j]!);
  });
  return order;
}

/**
 * The positions, taken from `candidates` in their order, of the portfolios that match the terms, the risk level,
 * the weights flag and the change filter (read against `marks`). `candidates` is a sort order, or the result of a looser filter over it.
 */
export function matchingPositions(
  portfolios: readonly PortfolioSummary[],
  searchIndex: readonly string[],
  candidates: readonly number[],
  terms: readonly string[],
  query: Pick<BrowserQuery, 'riskLevel' | 'weightsIssuesOnly' | 'changed'>,
  marks: ChangeMarks,
): number[] {
  const risk = query.riskLevel;
  const byChange = query.changed.kind !== 'any';
  const kept: number[] = [];
  for (const index of candidates) {
    if (risk !== null && portfolios[index]!.riskLevel !== risk) continue;
    if (query.weightsIssuesOnly && portfolios[index]!.weightsOk) continue;
    if (byChange && !matchesChange(portfolios[index]!, query.changed, marks)) continue;
    if (terms.length > 0) {
      const key = searchIndex[index]!;
      let all = true;
      for (const term of terms) {
        if (!key.includes(term)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
    }
    kept.push(index);
  }
  return kept;
}

/** Keeps the portfolios, in a precomputed order, that match the query's text, risk level, weights flag and change filter. */
export function filterInOrder(
  portfolios: readonly PortfolioSummary[],
  searchIndex: readonly string[],
  order: readonly number[],
  query: Omit<BrowserQuery, 'sort'>,
  marks: ChangeMarks = { unseen: new Set(), now: 0 },
): PortfolioSummary[] {
  return matchingPositions(portfolios, searchIndex, order, searchTerms(query.text), query, marks).map(
    (index) => portfolios[index]!,
  );
}

/** Clicking a column: the same column flips direction, another starts ascending (newest first for dates). */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'updatedAt' || key === 'lastChangedAt' ? 'descending' : 'ascending' };
}
