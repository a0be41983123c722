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

/** The passes kept per data set: enough to walk back over a typed word with Backspace without searching again. */
export const recentPassLimit = 16;

const sameTerms = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((term, i) => term === b[i]);

/**
 * Filters the sorted order by a query, starting from recent passes (newest last). A query asked before (a letter
 * typed, then deleted) gets that pass back; a query that narrows a recent pass searches only the rows the
 * narrowest such pass kept; anything else (another filter, new data or sort) searches the whole order.
 */
export function filterPass(
  portfolios: readonly PortfolioSummary[],
  searchIndex: readonly string[],
  order: readonly number[],
  query: Omit<BrowserQuery, 'sort'>,
  marks: ChangeMarks,
  recent: readonly FilterPass[],
): FilterPass {
  const next = {
    terms: searchTerms(query.text),
    riskLevel: query.riskLevel,
    weightsIssuesOnly: query.weightsIssuesOnly,
    changed: query.changed,
    marks,
  };
  let from: FilterPass | null = null;
  for (const pass of recent) {
    if (!narrows(pass, searchIndex, order, next)) continue;
    if (sameTerms(pass.terms, next.terms)) return pass;
    if (!from || pass.positions.length < from.positions.length) from = pass;
  }
  const positions = matchingPositions(portfolios, searchIndex, from ? from.positions : order, next.terms, next, marks);
  const rows = positions.map((index) => portfolios[index]!);
  return { searchIndex, order, ...next, positions, rows };
}

const recentPasses = new WeakMap<readonly string[], FilterPass[]>();

/** `filterPass` from the recent passes over the same data set (kept while that data set lives, newest last). */
export function nextFilterPass(
  portfolios: readonly PortfolioSummary[],
  searchIndex: readonly string[],
  order: readonly number[],
  query: Omit<BrowserQuery, 'sort'>,
  marks: ChangeMarks,
): FilterPass {
  const recent = recentPasses.get(searchIndex) ?? [];
  const pass = filterPass(portfolios, searchIndex, order, query, marks, recent);
  const kept = [...recent.filter((earlier) => earlier !== pass), pass];
  recentPasses.set(searchIndex, kept.slice(-recentPassLimit));
  return pass;
}
