import { describe, expect, it } from 'vitest';
import type { PortfolioSummary } from '../../../common/portfolio-summary';
import {
  buildSearchIndex,
  filterInOrder,
  initialQuery,
  nextSort,
  riskLevelsOf,
  searchKey,
  searchTerms,
  sortOrder,
  type BrowserQuery,
  type SortKey,
} from '../../../renderer/state/browser-query';
import { manySummaries, summary } from './support/fake-main';

const data = [
  summary({
    id: 'mp-000001',
    name: 'Core Balanced',
    riskLevel: 'Moderate',
    benchmark: 'MSCI ACWI',
    tickerText: 'VTI\nBND',
    minimumInvestment: 5000,
  }),
  summary({
    id: 'mp-000002',
    name: 'Atlas Income',
    riskLevel: 'Conservative',
    benchmark: 'Bloomberg Agg',
    tickerText: 'AGG',
    minimumInvestment: null,
    weightsOk: false,
    weightSum: 0.997,
  }),
  summary({
    id: 'mp-000003',
    name: 'Summit Growth',
    riskLevel: 'Aggressive',
    benchmark: null,
    tickerText: 'QQQ\nVTI',
    minimumInvestment: 100000,
    updatedAt: null,
  }),
  summary({
    id: 'mp-000010',
    name: 'beacon Yield',
    riskLevel: 'Moderately Conservative',
    benchmark: 'Custom',
    tickerText: 'LQD',
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

describe('search keys', () => {
  it('hold name, id, benchmark and every ticker, lower-cased, one field per line', () => {
    const key = searchKey(data[0]!);
    expect(key).toBe('core balanced\nmp-000001\nmsci acwi\nvti\nbnd');
    expect(searchKey(data[2]!)).toBe('summit growth\nmp-000003\n\nqqq\nvti');
  });

  it('never let a word match across two fields or two tickers', () => {
    expect(run({ text: 'balancedmp' })).toEqual([]);
    expect(run({ text: 'vtibnd' })).toEqual([]);
    expect(run({ text: 'acwivti' })).toEqual([]);
    expect(run({ text: 'bnd' })).toEqual(['mp-000001']);
  });

  it('split a search into lower-cased words', () => {
    expect(searchTerms('  VTI\tGrowth  ')).toEqual(['vti', 'growth']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('are computed once per data set: the index is one key per portfolio, by position', () => {
    const many = manySummaries(50);
    expect(buildSearchIndex(many)).toEqual(many.map(searchKey));
  });
});

describe('a stable sort', () => {
  const keys: SortKey[] = ['name', 'id', 'riskLevel', 'benchmark', 'minimumInvestment', 'updatedAt', 'weightSum'];
  // Ties on purpose: few distinct risk levels, minimums and names, some equal names under different ids.
  const tied = manySummaries(60).map((p, i) => ({
    ...p,
    name: `Model ${i % 7}`,
    minimumInvestment: i % 3 === 0 ? null : 1000 * (i % 4),
    benchmark: i % 5 === 0 ? null : `Index ${i % 2}`,
  }));
  const idsInOrder = (portfolios: typeof tied, key: SortKey, direction: 'ascending' | 'descending') =>
    sortOrder(portfolios, { key, direction }).map((i) => portfolios[i]!.id);

  it('gives the same order whatever order the data came in', () => {
    const shuffled = [...tied].sort((a, b) =>
      a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1,
    );
    for (const key of keys)
      for (const direction of ['ascending', 'descending'] as const)
        expect(idsInOrder(shuffled, key, direction)).toEqual(idsInOrder(tied, key, direction));
  });

  it('breaks ties by name, then id, in both directions', () => {
    for (const direction of ['ascending', 'descending'] as const) {
      const order = sortOrder(tied, { key: 'riskLevel', direction }).map((i) => tied[i]!);
      for (let i = 1; i < order.length; i += 1) {
        const [a, b] = [order[i - 1]!, order[i]!];
        if (a.riskLevel !== b.riskLevel) continue;
        expect(a.name < b.name || (a.name === b.name && a.id < b.id), `${a.id} before ${b.id}`).toBe(true);
      }
    }
  });

  it('keeps the sorted order through a filter: filtering the sorted rows is sorting the filtered rows', () => {
    const index = buildSearchIndex(tied);
    for (const key of keys) {
      const sort = { key, direction: 'descending' as const };
      const query = { ...initialQuery, text: 'model 3', riskLevel: 'Moderate' };
      const filteredThenSorted = (() => {
        const kept = filterInOrder(
          tied,
          index,
          tied.map((_, i) => i),
          query,
        );
        return sortOrder(kept, sort).map((i) => kept[i]!.id);
      })();
      expect(filterInOrder(tied, index, sortOrder(tied, sort), query).map((p) => p.id)).toEqual(filteredThenSorted);
    }
  });
});
