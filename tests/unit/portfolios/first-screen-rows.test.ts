import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byNameThenId } from '../../../common/first-screen';
import { firstRows, firstScreenOf } from '../../../main/portfolios/first-screen-rows';
import { manySummaries } from '../renderer/support/fake-main';

describe('the first screen', () => {
  it('is the first rows of the whole list sorted by name then id, whatever the list order', () => {
    const names = fc.constantFrom('Atlas', 'atlas', 'Model 9', 'Model 10', 'Émile', 'emile', 'Zeta', '');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(names, fc.integer({ min: 1, max: 60 })), { maxLength: 80 }),
        fc.integer({ min: 1, max: 30 }),
        (entries, limit) => {
          const seen = new Set<string>();
          const portfolios = manySummaries(entries.length)
            .map((p, i) => ({ ...p, name: entries[i]![0], id: `mp-${entries[i]![1]}-${i}` }))
            .filter((p) => !seen.has(p.id) && seen.add(p.id));
          const expected = [...portfolios].sort(byNameThenId).slice(0, limit);
          expect(firstRows(portfolios, limit).map((p) => p.id)).toEqual(expected.map((p) => p.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders names as the browser does: numbers by value, case and accents aside, then by id', () => {
    const portfolios = manySummaries(4).map((p, i) => ({ ...p, name: ['Model 10', 'model 9', 'Émile', 'emile'][i]! }));
    expect(firstRows(portfolios, 4).map((p) => p.name)).toEqual(['Émile', 'emile', 'model 9', 'Model 10']);
  });

  it('says how many portfolios there are in all, and is empty before the first sync', () => {
    const listing = { profileId: 'p-1', syncedAt: '2025-06-30T15:00:00Z', portfolios: manySummaries(250), issues: [] };
    const screen = firstScreenOf({ profile: { id: 'p-1' }, listing }, 100);
    expect(screen).toMatchObject({ profileId: 'p-1', syncedAt: '2025-06-30T15:00:00Z', total: 250 });
    expect(screen.portfolios.map((p) => p.id)).toEqual(listing.portfolios.slice(0, 100).map((p) => p.id));
    expect(firstScreenOf({ profile: { id: 'p-2' }, listing: null }, 100)).toEqual({
      profileId: 'p-2',
      syncedAt: null,
      total: 0,
      portfolios: [],
    });
  });
});
