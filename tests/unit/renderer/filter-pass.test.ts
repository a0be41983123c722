import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, filterInOrder, initialQuery, sortOrder } from '../../../renderer/state/browser-query';
import { anyChange, type ChangeFilter, type ChangeMarks } from '../../../renderer/state/change-filter';
import {
  filterPass,
  narrows,
  nextFilterPass,
  recentPassLimit,
  type FilterPass,
} from '../../../renderer/state/filter-pass';
import { manySummaries } from './support/fake-main';

const data = manySummaries(400).map((p, i) => ({ ...p, name: `${['Atlas', 'Beacon', 'Core'][i % 3]} ${p.name}` }));
const index = buildSearchIndex(data);
const order = sortOrder(data, initialQuery.sort);
const query = (text: string, riskLevel: string | null = null, changed: ChangeFilter = anyChange) => ({
  text,
  riskLevel,
  weightsIssuesOnly: false,
  changed,
});
const marks: ChangeMarks = { unseen: new Set(data.filter((_, i) => i % 5 === 0).map((p) => p.id)), now: 0 };
const loose = { riskLevel: null, weightsIssuesOnly: false, changed: anyChange, marks };
const ids = (pass: FilterPass) => pass.rows.map((p) => p.id);

describe('filter passes', () => {
  it('narrow when a word grows or a word is added, with the same data, order and filters', () => {
    const first = filterPass(data, index, order, query('co'), marks, []);
    expect(narrows(first, index, order, { ...loose, terms: ['cor'] })).toBe(true);
    expect(narrows(first, index, order, { ...loose, terms: ['co', 't1'] })).toBe(true);
    expect(narrows(first, index, order, { ...loose, terms: ['c'] })).toBe(false);
    expect(narrows(first, index, order, { ...loose, terms: ['cor'], riskLevel: 'Moderate' })).toBe(false);
    expect(narrows(first, [...index], order, { ...loose, terms: ['cor'] })).toBe(false);
  });

  it('do not narrow across a change of the change filter or of the marks it reads', () => {
    const first = filterPass(data, index, order, query('co'), marks, []);
    expect(narrows(first, index, order, { ...loose, terms: ['cor'], changed: { kind: 'unseen' } })).toBe(false);
    expect(narrows(first, index, order, { ...loose, terms: ['cor'], marks: { ...marks } })).toBe(false);
    const unseenOnly = filterPass(data, index, order, query('co', null, { kind: 'unseen' }), marks, [first]);
    expect(unseenOnly.rows.length).toBeGreaterThan(0);
    expect(unseenOnly.rows.every((p) => marks.unseen.has(p.id))).toBe(true);
    const back = filterPass(data, index, order, query('cor'), marks, [unseenOnly]);
    expect(back.rows.length).toBeGreaterThan(unseenOnly.rows.length);
  });

  it('search only the rows the previous pass kept when the query narrows it', () => {
    const first = filterPass(data, index, order, query('core'), marks, []);
    // Index entries the first pass dropped are blanked: a narrowing pass must not look at them.
    const blanked = index.map((key, i) => (first.positions.includes(i) ? key : ''));
    const narrowed = filterPass(data, index, order, query('core 00'), marks, [first]);
    const fromScratch = filterPass(data, blanked, order, query('core 00'), marks, []);
    expect(ids(narrowed)).toEqual(ids(fromScratch));
    expect(narrowed.rows.length).toBeGreaterThan(0);
  });

  it('give the same pass back for the same query, so nothing renders again', () => {
    const first = filterPass(data, index, order, query('beacon  '), marks, []);
    expect(filterPass(data, index, order, query(' Beacon'), marks, [first])).toBe(first);
  });

  it('always show what a search from scratch shows, whatever is typed or deleted', () => {
    const keystroke = fc.oneof(
      fc.constantFrom('a', 'c', 'o', 'r', 'e', 't', '1', '0', ' ', 'x'),
      fc.constant('Backspace'),
      fc.constantFrom('risk:Moderate', 'risk:none'),
      fc.constantFrom('changed:unseen', 'changed:any'),
    );
    fc.assert(
      fc.property(fc.array(keystroke, { maxLength: 25 }), (keys) => {
        let text = '';
        let riskLevel: string | null = null;
        let changed: ChangeFilter = anyChange;
        let recent: FilterPass[] = [];
        for (const key of keys) {
          if (key === 'Backspace') text = text.slice(0, -1);
          else if (key.startsWith('risk:')) riskLevel = key === 'risk:none' ? null : key.slice(5);
          else if (key.startsWith('changed:')) changed = key === 'changed:unseen' ? { kind: 'unseen' } : anyChange;
          else text += key;
          const pass: FilterPass = filterPass(data, index, order, query(text, riskLevel, changed), marks, recent);
          const expected = filterInOrder(data, index, order, query(text, riskLevel, changed), marks).map((p) => p.id);
          expect(ids(pass)).toEqual(expected);
          recent = [...recent.filter((earlier) => earlier !== pass), pass].slice(-recentPassLimit);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('give back the pass a deleted letter returns to, and narrow from the narrowest recent pass', () => {
    const co = filterPass(data, index, order, query('co'), marks, []);
    const cor = filterPass(data, index, order, query('cor'), marks, [co]);
    // Backspace from "cor": the earlier pass for "co" is the answer, not a new search.
    expect(filterPass(data, index, order, query('co'), marks, [co, cor])).toBe(co);
    // "core" narrows both; it searches only what "cor" kept (entries "cor" dropped are blanked out).
    const blanked = index.map((key, i) => (cor.positions.includes(i) ? key : ''));
    const fromCor = filterPass(data, blanked, order, query('core'), marks, []);
    const core = filterPass(data, index, order, query('core'), marks, [cor, co]);
    expect(ids(core)).toEqual(ids(fromCor));
    // A different filter is never taken from a pass with another one.
    const moderate = filterPass(data, index, order, query('co', 'Moderate'), marks, [co, cor]);
    expect(moderate).not.toBe(co);
    expect(moderate.rows.length).toBeGreaterThan(0);
    expect(ids(moderate)).toEqual(filterInOrder(data, index, order, query('co', 'Moderate'), marks).map((p) => p.id));
  });

  it('keep the recent passes per data set, so typing a word and deleting it searches each query once', () => {
    const typed = ['b', 'be', 'bea', 'beac'].map((text) => nextFilterPass(data, index, order, query(text), marks));
    const deleted = ['bea', 'be', 'b'].map((text) => nextFilterPass(data, index, order, query(text), marks));
    expect(deleted).toEqual([typed[2], typed[1], typed[0]]);
    deleted.forEach((pass, i) => expect(pass).toBe(typed[2 - i]));
  });

  it('start from the last pass over the same data set, and afresh for a new one', () => {
    const first = nextFilterPass(data, index, order, query('atlas'), marks);
    expect(nextFilterPass(data, index, order, query('atlas'), marks)).toBe(first);
    const otherIndex = buildSearchIndex(data);
    expect(nextFilterPass(data, otherIndex, order, query('atlas'), marks)).not.toBe(first);
  });
});
