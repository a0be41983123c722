import type { PortfolioSummary } from '../../common/portfolio-summary';
import { matchingPositions, searchTerms, type BrowserQuery } from './browser-query';
import type { ChangeFilter, ChangeMarks } from './change-filter';

/** One filter of the browser's rows: what it was asked, over which data and order, and what it kept. */
export interface FilterPass {
  searchIndex: readonly string[];
  order: readonly number[];
  terms: readonly string[];
  riskLevel: string | null;
  weightsIssuesOnly: boolean;
  changed: ChangeFilter;
  /** The unseen marks and the time the change filter was read against (memoised by the caller). */
  marks: ChangeMarks;
  /** The positions kept, in sort order. */
  positions: readonly number[];
  rows: readonly PortfolioSummary[];
}

/**
 * True when every match of `next` is a match of `previous`: the same data, order and filters, and each earlier
 * word is part of a new word (typing on: "ba" → "bal", or a word added). Then only the earlier rows need a look.
 */
export function narrows(
  previous: FilterPass,
  searchIndex: readonly string[],
  order: readonly number[],
  next: {
    terms: readonly string[];
    riskLevel: string | null;
    weightsIssuesOnly: boolean;
    changed: ChangeFilter;
    marks: ChangeMarks;
  },
): boolean {
  return (
    previous.searchIndex === searchIndex &&
    previous.order === order &&
    previous.riskLevel === next.riskLevel &&
    previous.weightsIssuesOnly === next.weightsIssuesOnly &&
    sameChangeFilter(previous.changed, next.changed) &&
    previous.marks === next.marks &&
    previous.terms.every((old) => next.terms.some((term) => term.includes(old)))
  );
}

function sameChangeFilter(a: ChangeFilter, b: ChangeFilter): boolean {
  return a.kind === b.kind && (a.kind !== 'days' || (b.kind === 'days' && a.days === b.days));
}

/**
 * Filters the sorted order by a query. A keystroke that narrows the previous pass searches only the rows that
 * pass kept; anything else (a deleted letter, another filter, new data or sort) searches the whole order.
 */
export function filterPass(
  portfolios: readonly PortfolioSummary[],
  searchIndex: readonly string[],
  order: readonly number[],
  query: Omit<BrowserQuery, 'sort'>,
  marks: ChangeMarks,
  previous: FilterPass | null,
): FilterPass {
  const next = {
    terms: searchTerms(query.text),
    riskLevel: query.riskLevel,
    weightsIssuesOnly: query.weightsIssuesOnly,
    changed: query.changed,
    marks,
  };
  if (
    previous &&
    previous.terms.length === next.terms.length &&
    previous.terms.every((term, i) => term === next.terms[i]) &&
    narrows(previous, searchIndex, order, next)
  )
    return previous;
  const candidates = previous && narrows(previous, searchIndex, order, next) ? previous.positions : order;
  const positions = matchingPositions(portfolios, searchIndex, candidates, next.terms, next, marks);
  const rows = positions.map((index) => portfolios[index]!);
  return { searchIndex, order, ...next, positions, rows };
}

const lastPasses = new WeakMap<readonly string[], FilterPass>();

/** `filterPass`, narrowing from the last pass over the same data set (kept while that data set lives). */
export function nextFilterPass(
  portfolios: readonly PortfolioSummary[],
  searchIndex: readonly string[],
  order: readonly number[],
  query: Omit<BrowserQuery, 'sort'>,
  marks: ChangeMarks,
): FilterPass {
  const pass = filterPass(portfolios, searchIndex, order, query, marks, lastPasses.get(searchIndex) ?? null);
  lastPasses.set(searchIndex, pass);
  return pass;
}
