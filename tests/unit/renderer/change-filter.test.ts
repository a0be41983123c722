import { describe, expect, it } from 'vitest';
import {
  anyChange,
  changeFilterFrom,
  changeFilterValue,
  matchesChange,
  type ChangeFilter,
} from '../../../renderer/state/change-filter';
import { filterInOrder, initialQuery, nextSort, sortOrder } from '../../../renderer/state/browser-query';
import { isFiltered } from '../../../renderer/state/browser-state';
import { summary } from './support/fake-main';

const now = Date.parse('2025-07-10T12:00:00Z');
const day = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

const portfolios = [
  summary({ id: 'a', name: 'Alpha', lastChangedAt: at(now - 2 * 3600_000) }),
  summary({ id: 'b', name: 'Beta', lastChangedAt: at(now - 3 * day) }),
  summary({ id: 'c', name: 'Gamma', lastChangedAt: null }),
  summary({ id: 'd', name: 'Delta', lastChangedAt: at(now - 40 * day) }),
  summary({ id: 'e', name: 'Epsilon' }),
];
const marks = { unseen: new Set(['b', 'd']), now };

function shown(filter: ChangeFilter): string[] {
  return portfolios.filter((p) => matchesChange(p, filter, marks)).map((p) => p.id);
}

describe('the browser’s Changed filter', () => {
  it('keeps everything with no filter, the unseen ones since my last look, and the last N days by change date', () => {
    expect(shown(anyChange)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shown({ kind: 'unseen' })).toEqual(['b', 'd']);
    expect(shown({ kind: 'days', days: 1 })).toEqual(['a']);
    expect(shown({ kind: 'days', days: 7 })).toEqual(['a', 'b']);
    expect(shown({ kind: 'days', days: 90 })).toEqual(['a', 'b', 'd']);
  });

  it('round-trips through the select’s value, anything unknown being no filter', () => {
    for (const filter of [anyChange, { kind: 'unseen' }, { kind: 'days', days: 30 }] as ChangeFilter[])
      expect(changeFilterFrom(changeFilterValue(filter))).toEqual(filter);
    expect(changeFilterFrom('days-x')).toEqual(anyChange);
    expect(changeFilterFrom('__proto__')).toEqual(anyChange);
  });

  it('narrows the list with the other filters and counts as a filter', () => {
    const index = portfolios.map((p) => p.name.toLowerCase());
    const order = sortOrder(portfolios, initialQuery.sort);
    const query = { ...initialQuery, changed: { kind: 'unseen' } as ChangeFilter };
    expect(filterInOrder(portfolios, index, order, query, marks).map((p) => p.id)).toEqual(['b', 'd']);
    expect(filterInOrder(portfolios, index, order, { ...query, text: 'delta' }, marks).map((p) => p.id)).toEqual(['d']);
    expect(isFiltered(initialQuery)).toBe(false);
    expect(isFiltered(query)).toBe(true);
  });

  it('sorts by the Changed column newest first, never-changed last either way', () => {
    const sort = nextSort(initialQuery.sort, 'lastChangedAt');
    expect(sort).toEqual({ key: 'lastChangedAt', direction: 'descending' });
    const ids = (s: typeof sort) => sortOrder(portfolios, s).map((i) => portfolios[i]!.id);
    expect(ids(sort)).toEqual(['a', 'b', 'd', 'e', 'c']);
    expect(ids(nextSort(sort, 'lastChangedAt'))).toEqual(['d', 'b', 'a', 'e', 'c']);
  });
});
