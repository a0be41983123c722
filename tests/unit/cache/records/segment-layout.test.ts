import { describe, expect, it } from 'vitest';
import type { IndexPart, PortfolioBooks } from '../../../../main/cache/records/record-types';
import {
  defaultLayoutPolicy,
  liveBytes,
  needsBase,
  segmentsToEmpty,
} from '../../../../main/cache/records/segment-layout';

const at = (segment: number, length: number, revision = segment) => ({
  segment,
  offset: 0,
  length,
  revision,
  storedAt: '2025-01-01T00:00:00.000Z',
});
const books = (
  id: string,
  current: ReturnType<typeof at>,
  versions: Array<ReturnType<typeof at>> = [],
): PortfolioBooks => ({
  id,
  validators: { etag: null, lastModified: null, bodyHash: null },
  contentHash: 'c',
  materialHash: 'm',
  current,
  versions: versions.map((v) => ({ ...v, supersededAt: '2025-01-02T00:00:00.000Z' })),
});
const part = (segment: number, bytes: number, base = false): IndexPart => ({
  segment,
  summaries: { offset: 0, length: bytes / 2 },
  books: { offset: bytes / 2, length: bytes / 2 },
  base,
});

describe('segment layout', () => {
  it('counts live bytes of listed portfolios (current and kept) and of index parts', () => {
    const map = new Map([
      ['a', books('a', at(2, 100), [at(1, 90)])],
      ['b', books('b', at(1, 50))],
      ['gone', books('gone', at(1, 1000))],
    ]);
    expect(liveBytes(['a', 'b'], map, [part(1, 20, true), part(2, 10)])).toEqual(
      new Map([
        [2, 110],
        [1, 160],
      ]),
    );
  });

  it('empties dead and sparse segments, and the least live ones when there are too many', () => {
    const policy = { ...defaultLayoutPolicy, maxSegments: 4 };
    const live = new Map([
      [1, 900],
      [2, 100],
      [3, 0],
      [4, 800],
    ]);
    const segments = [1, 2, 3, 4].map((segment) => ({ segment, bytes: 1000 }));
    expect(segmentsToEmpty(segments, live, policy)).toEqual(new Set([2, 3]));
    const many = [1, 4, 5, 6].map((segment) => ({ segment, bytes: 1000 }));
    const full = new Map([
      [1, 1000],
      [4, 900],
      [5, 700],
      [6, 800],
    ]);
    // 4 segments + the new one is over 4: keep maxSegments/2 = 2, so the 3 least live go.
    expect(segmentsToEmpty(many, full, policy)).toEqual(new Set([5, 6, 4]));
  });

  it('writes a base without one, when a part is emptied, past maxParts, or when deltas outgrow their share', () => {
    const policy = { ...defaultLayoutPolicy, maxParts: 3, deltaShare: 0.25 };
    expect(needsBase([], new Set(), 10, policy)).toBe(true);
    expect(needsBase([part(1, 1000, true)], new Set([1]), 10, policy)).toBe(true);
    expect(needsBase([part(1, 1000, true), part(2, 10), part(3, 10)], new Set(), 10, policy)).toBe(true);
    expect(needsBase([part(1, 1000, true), part(2, 200)], new Set(), 60, policy)).toBe(true);
    expect(needsBase([part(1, 1000, true), part(2, 100)], new Set(), 100, policy)).toBe(false);
  });
});
