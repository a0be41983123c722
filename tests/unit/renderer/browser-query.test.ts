import { describe, expect, it } from 'vitest';
import type { PortfolioSummary } from '../../../common/portfolio-summary';
import {
  buildSearchIndex,
  filterInOrder,
  initialQuery,
  nextSort,
  riskLevelsOf,
  sortOrder,
  type BrowserQuery,
} from '../../../renderer/state/browser-query';
import { manySummaries, summary } from './support/fake-main';

const data = [
  summary({
    id: 'mp-000001',
    name: 'Core Balanced',
    riskLevel: 'Moderate',
    benchmark: 'MSCI ACWI',
    tickers: ['VTI', 'BND'],
    minimumInvestment: 5000,
  }),
  summary({
    id: 'mp-000002',
    name: 'Atlas Income',
    riskLevel: 'Conservative',
    benchmark: 'Bloomberg Agg',
    tickers: ['AGG'],
    minimumInvestment: null,
    weightsOk: false,
    weightSum: 0.997,
  }),
  summary({
    id: 'mp-000003',
    name: 'Summit Growth',
    riskLevel: 'Aggressive',
    benchmark: null,
    tickers: ['QQQ', 'VTI'],
    minimumInvestment: 100000,
    updatedAt: null,
  }),
  summary({
    id: 'mp-000010',
    name: 'beacon Yield',
    riskLevel: 'Moderately Conservative',
    benchmark: 'Custom',
    tickers: ['LQD'],
    minimumInvestment: 250,
  }),
];
/** What the browser shows for a query: the sorted order (once per column), then the filter over it, as useBrowser does. */
function shown(portfolios: readonly PortfolioSummary[], index: readonly string[], query: BrowserQuery) {
  return filterInOrder(portfolios, index, sortOrder(portfolios, query.sort), query);
}
const index = buildSearchIndex(data);
const run = (patch: Partial<BrowserQuery>) => shown(data, index, { ...initialQuery, ...patch }).map((p) => p.id);

describe('portfolio search', () => {
  it('matches name, id, benchmark and holding tickers, case-insensitively', () => {
    expect(run({ text: 'summit' })).toEqual(['mp-000003']);
    expect(run({ text: 'MP-000010' })).toEqual(['mp-000010']);
    expect(run({ text: 'bloomberg' })).toEqual(['mp-000002']);
    expect(run({ text: 'vti' })).toEqual(['mp-000001', 'mp-000003']);
  });

  it('needs every word to match', () => {
    expect(run({ text: 'vti growth' })).toEqual(['mp-000003']);
    expect(run({ text: 'vti nothing' })).toEqual([]);
  });

  it('filters by risk level and by the weights flag', () => {
    expect(run({ riskLevel: 'Conservative' })).toEqual(['mp-000002']);
    expect(run({ weightsIssuesOnly: true })).toEqual(['mp-000002']);
  });
});

describe('portfolio sort', () => {
  it('sorts names with a locale collator, ignoring case', () => {
    expect(run({})).toEqual(['mp-000002', 'mp-000010', 'mp-000001', 'mp-000003']);
    expect(run({ sort: { key: 'name', direction: 'descending' } })).toEqual([
      'mp-000003',
      'mp-000001',
      'mp-000010',
      'mp-000002',
    ]);
  });

  it('sorts risk levels in their usual order, not alphabetically', () => {
    expect(run({ sort: { key: 'riskLevel', direction: 'ascending' } })).toEqual([
      'mp-000002',
      'mp-000010',
      'mp-000001',
      'mp-000003',
    ]);
  });

  it('puts empty values last whichever way numbers sort', () => {
    expect(run({ sort: { key: 'minimumInvestment', direction: 'ascending' } })).toEqual([
      'mp-000010',
      'mp-000001',
      'mp-000003',
      'mp-000002',
    ]);
    expect(run({ sort: { key: 'minimumInvestment', direction: 'descending' } })).toEqual([
      'mp-000003',
      'mp-000001',
      'mp-000010',
      'mp-000002',
    ]);
    expect(run({ sort: { key: 'updatedAt', direction: 'descending' } }).at(-1)).toBe('mp-000003');
    expect(run({ sort: { key: 'benchmark', direction: 'descending' } }).at(-1)).toBe('mp-000003');
  });

  it('sorts ids numerically', () => {
    expect(run({ sort: { key: 'id', direction: 'descending' } })).toEqual([
      'mp-000010',
      'mp-000003',
      'mp-000002',
      'mp-000001',
    ]);
  });

  it('flips a column, and starts a new one ascending (dates newest first)', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'id')).toEqual({ key: 'id', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'updatedAt')).toEqual({
      key: 'updatedAt',
      direction: 'descending',
    });
  });
});

describe('risk levels', () => {
  it('lists the levels present in their usual order', () => {
    expect(riskLevelsOf([...data, summary({ riskLevel: 'Speculative' })])).toEqual([
      'Conservative',
      'Moderately Conservative',
      'Moderate',
      'Aggressive',
      'Speculative',
    ]);
  });
});

describe('filtering a sorted order', () => {
  it('keeps the order of one sort through any filter, so a keystroke never sorts again', () => {
    const order = sortOrder(data, { key: 'minimumInvestment', direction: 'descending' });
    const filtered = filterInOrder(data, index, order, { ...initialQuery, text: 'vti' }).map((p) => p.id);
    expect(filtered).toEqual(['mp-000003', 'mp-000001']);
  });
});

describe('on 10,000 portfolios', () => {
  it('filters and sorts the whole set', () => {
    const many = manySummaries(10_000);
    const manyIndex = buildSearchIndex(many);
    const found = shown(many, manyIndex, { ...initialQuery, text: 't9999' });
    expect(found.map((p) => p.id)).toEqual(['mp-010000']);
    const sorted = shown(many, manyIndex, { ...initialQuery, sort: { key: 'id', direction: 'descending' } });
    expect(sorted[0]!.id).toBe('mp-010000');
    expect(sorted).toHaveLength(10_000);
  });
});
