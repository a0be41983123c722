import { describe, expect, it } from 'vitest';
import { readListPage } from '../../../main/sync/list-page';

describe('readListPage', () => {
  it('reads a bare array, with a Link header for the next page', () => {
    expect(readListPage([{ id: 1 }], '<https://x/p?page=2>; rel="next", <https://x/p?page=9>; rel="last"')).toEqual({
      items: [{ id: 1 }],
      next: 'https://x/p?page=2',
      nextCursor: null,
      total: null,
    });
  });

  it.each(['data', 'items', 'results', 'modelPortfolios'])('reads an envelope whose array is %s', (key) => {
    expect(readListPage({ [key]: [1, 2], next: '/p?page=2', total: 9 }, null)).toEqual({
      items: [1, 2],
      next: '/p?page=2',
      nextCursor: null,
      total: 9,
    });
  });

  it('reads next as {href}, links.next, and cursors', () => {
    expect(readListPage({ data: [], next: { href: 'u2' } }, null)?.next).toBe('u2');
    expect(readListPage({ data: [], links: { next: 'u3' } }, null)?.next).toBe('u3');
    expect(readListPage({ items: [], nextCursor: 'c1' }, null)?.nextCursor).toBe('c1');
    expect(readListPage({ items: [], next_cursor: 'c2' }, null)?.nextCursor).toBe('c2');
  });

  it('ends at a null or empty next', () => {
    expect(readListPage({ data: [], next: null }, null)).toMatchObject({ next: null, nextCursor: null });
    expect(readListPage({ data: [], next: '' }, null)).toMatchObject({ next: null });
  });

  it('is null for something that is not a list', () => {
    expect(readListPage({ error: 'x' }, null)).toBeNull();
    expect(readListPage('text', null)).toBeNull();
    expect(readListPage(null, null)).toBeNull();
  });
});
