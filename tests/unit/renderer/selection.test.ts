import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  pruneSelection,
  selectAll,
  selectOnly,
  selectRange,
  toggle,
} from '../../../renderer/state/selection';

const rows = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('selection', () => {
  it('selects one, then toggles others in and out', () => {
    let s = selectOnly('b');
    s = toggle(s, 'd');
    expect(ids(s)).toEqual(['b', 'd']);
    s = toggle(s, 'b');
    expect(ids(s)).toEqual(['d']);
    expect(s.anchor).toBe('b');
  });

  it('selects a range from the anchor in the shown order, either direction', () => {
    expect(ids(selectRange(selectOnly('b'), rows, 'd'))).toEqual(['b', 'c', 'd']);
    expect(ids(selectRange(selectOnly('d'), rows, 'a'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adds a range to the selection when asked', () => {
    const s = selectRange(toggle(selectOnly('a'), 'd'), rows, 'e', true);
    expect(ids(s)).toEqual(['a', 'd', 'e']);
  });

  it('starts a range at the clicked row when there is no anchor', () => {
    expect(ids(selectRange(emptySelection, rows, 'c'))).toEqual(['c']);
  });

  it('selects all shown rows, and drops ids that no longer exist', () => {
    expect(ids(selectAll(rows))).toEqual(rows);
    const pruned = pruneSelection(selectAll(rows), new Set(['a', 'c']));
    expect(ids(pruned)).toEqual(['a', 'c']);
    const same = selectOnly('a');
    expect(pruneSelection(same, new Set(['a']))).toBe(same);
  });
});
