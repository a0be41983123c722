import type { IndexPart, PortfolioBooks, SegmentInfo, StoredRevision } from './record-types';

/** When the cache folds deltas into a new base index and copies live records out of sparse segments. */
export interface LayoutPolicy {
  /** Most index parts (base + deltas) a commit may leave; one more and it writes a new base. */
  maxParts: number;
  /** Deltas may add up to this share of the base's bytes before a new base is written. */
  deltaShare: number;
  /** A segment whose live bytes fall under this share of its size has its live records copied on and is deleted. */
  minLiveShare: number;
  /** More segment files than this and the ones with the fewest live bytes are merged into the new segment. */
  maxSegments: number;
}

/** The defaults: an open reads at most 8 index parts, deltas stay under a quarter of the base, segments over half live. */
export const defaultLayoutPolicy: LayoutPolicy = { maxParts: 8, deltaShare: 0.25, minLiveShare: 0.5, maxSegments: 32 };

/** Every stored revision of one portfolio: the current one and its kept versions. */
export function revisionsOf(books: PortfolioBooks): StoredRevision[] {
  return [books.current, ...books.versions];
}

/** Bytes of each segment still referenced by a listed portfolio's revisions or by an index part. */
export function liveBytes(
  order: readonly string[],
  books: ReadonlyMap<string, PortfolioBooks>,
  parts: readonly IndexPart[],
): Map<number, number> {
  const live = new Map<number, number>();
  const add = (segment: number, bytes: number): void => void live.set(segment, (live.get(segment) ?? 0) + bytes);
  for (const id of order) {
    const entry = books.get(id);
    if (entry) for (const revision of revisionsOf(entry)) add(revision.segment, revision.length);
  }
  for (const part of parts) add(part.segment, part.summaries.length + part.books.length);
  return live;
}

/**
 * The segments this commit empties: those no longer referenced, those under the live share, and, while there are
 * more than maxSegments, the ones with the fewest live bytes (their live records are copied into the new segment).
 */
export function segmentsToEmpty(
  segments: readonly SegmentInfo[],
  live: ReadonlyMap<number, number>,
  policy: LayoutPolicy,
): Set<number> {
  const chosen = new Set<number>();
  for (const { segment, bytes } of segments) {
    const used = live.get(segment) ?? 0;
    if (used === 0 || used < bytes * policy.minLiveShare) chosen.add(segment);
  }
  const remaining = segments.filter(({ segment }) => !chosen.has(segment));
  if (remaining.length + 1 > policy.maxSegments) {
    const fewestLive = [...remaining].sort((a, b) => (live.get(a.segment) ?? 0) - (live.get(b.segment) ?? 0));
    const excess = remaining.length + 1 - Math.floor(policy.maxSegments / 2);
    for (const { segment } of fewestLive.slice(0, excess)) chosen.add(segment);
  }
  return chosen;
}

/** Whether this commit must write a full index rather than a delta of the entries it changed. */
export function needsBase(
  parts: readonly IndexPart[],
  emptied: ReadonlySet<number>,
  deltaBytes: number,
  policy: LayoutPolicy,
): boolean {
  const base = parts[0];
  if (!base?.base) return true;
  if (parts.some((part) => emptied.has(part.segment))) return true;
  if (parts.length + 1 > policy.maxParts) return true;
  const partBytes = (part: IndexPart): number => part.summaries.length + part.books.length;
  const deltas = parts.slice(1).reduce((sum, part) => sum + partBytes(part), 0);
  return deltas + deltaBytes > partBytes(base) * policy.deltaShare;
}
