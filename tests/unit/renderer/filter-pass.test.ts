import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, filterInOrder, initialQuery, sortOrder } from '../../../renderer/state/browser-query';
import { filterPass, narrows, nextFilterPass, type FilterPass } from '../../../renderer/state/filter-pass';
import { manySummaries } from './support/fake-main';

const data = manySummaries(400).map((p, i) => ({ ...p, name: `${['Atlas', 'Beacon', 'Core'][i % 3]} ${p.name}` }));
const index = buildSearchIndex(data);
const order = sortOrder(data, initialQuery.sort);
const query = (text: string, riskLevel: string | null = null) => ({ text, riskLevel, weightsIssuesOnly: false });
const ids = (pass: FilterPass) => pass.rows.map((p) => p.id);

describe('filter passes', () => {
  it('narrow when a word grows or a word is added, with the same data, order and filters', () => {
    const first = filterPass(data, index, order, query('co'), null);
    expect(narrows(first, index, order, { terms: ['cor'], riskLevel: null, weightsIssuesOnly: false })).toBe(true);
    expect(narrows(first, index, order, { terms: ['co', 't1'], riskLevel: null, weightsIssuesOnly: false })).toBe(true);
    expect(narrows(first, index, order, { terms: ['c'], riskLevel: null, weightsIssuesOnly: false })).toBe(false);
    expect(narrows(first, index, order, { terms: ['cor'], riskLevel: 'Moderate', weightsIssuesOnly: false })).toBe(
      false,
    );
    expect(narrows(first, [...index], order, { terms: ['cor'], riskLevel: null, weightsIssuesOnly: false })).toBe(
      false,
    );
  });

  it('search only the rows the previous pass kept when the query narrows it', () => {
    const first = filterPass(data, index, order, query('core'), null);
    // Index entries the first pass dropped are blanked: a narrowing pass must not look at them.
    const blanked = index.map((key, i) => (first.positions.includes(i) ? key : ''));
    const narrowed = filterPass(data, index, order, query('core 00'), first);
    const fromScratch = filterPass(data, blanked, order, query('core 00'), null);
    expect(ids(narrowed)).toEqual(ids(fromScratch));
    expect(narrowed.rows.length).toBeGreaterThan(0);
  });

  it('give the same pass back for the same query, so nothing renders again', () => {
    const first = filterPass(data, index, order, query('beacon  '), null);
    expect(filterPass(data, index, order, query(' Beacon'), first)).toBe(first);
  });

  it('always show what a search from scratch shows, whatever is typed or deleted', () => {
    const keystroke = fc.oneof(
      fc.constantFrom('a', 'c', 'o', 'r', 'e', 't', '1', '0', ' ', 'x'),
      fc.constant('Backspace'),
      fc.constantFrom('risk:Moderate', 'risk:none'),
    );
    fc.assert(
      fc.property(fc.array(keystroke, { maxLength: 25 }), (keys) => {
        let text = '';
        let riskLevel: string | null = null;
        let previous: FilterPass | null = null;
        for (const key of keys) {
          if (key === 'Backspace') text = text.slice(0, -1);
          else if (key.startsWith('risk:')) riskLevel = key === 'risk:none' ? null : key.slice(5);
          else text += key;
          const pass: FilterPass = filterPass(data, index, order, query(text, riskLevel), previous);
          const expected = filterInOrder(data, index, order, query(text, riskLevel)).map((p) => p.id);
          expect(ids(pass)).toEqual(expected);
          previous = pass;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('start from the last pass over the same data set, and afresh for a new one', () => {
    const first = nextFilterPass(data, index, order, query('atlas'));
    expect(nextFilterPass(data, index, order, query('atlas'))).toBe(first);
    const otherIndex = buildSearchIndex(data);
    expect(nextFilterPass(data, otherIndex, order, query('atlas'))).not.toBe(first);
  });
});
