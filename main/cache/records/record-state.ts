import type { Manifest, PortfolioBooks, RecordListing, RecordSummary } from './record-types';

/** A profile's record set as this process holds it: the manifest, every summary, and the bookkeeping once loaded. */
export interface RecordState {
  manifest: Manifest;
  summaries: Map<string, RecordSummary>;
  /** Loaded on first need (a detail read, the validators, a commit): opening the list does not decrypt it. */
  books: Map<string, PortfolioBooks> | null;
  /** Portfolios whose current detail failed to open: the next commit rewrites them. */
  damaged: Set<string>;
}

/** The manifest of a profile with nothing cached yet. */
export function emptyManifest(profileId: string): Manifest {
  return {
    format: 1,
    profileId,
    generation: 0,
    syncedAt: null,
    issues: [],
    pages: [],
    order: [],
    parts: [],
    segments: [],
  };
}

/** A state with nothing cached yet. */
export function emptyState(profileId: string): RecordState {
  return { manifest: emptyManifest(profileId), summaries: new Map(), books: new Map(), damaged: new Set() };
}

/**
 * Folds index blocks (base first, then deltas) into one entry per listed id, a later block winning; entries of ids
 * no longer listed are dropped. Null when a listed id has no entry (an index that does not match its manifest).
 */
export function mergeBlocks<T extends { id: string }>(
  blocks: readonly T[][],
  order: readonly string[],
): Map<string, T> | null {
  const merged = new Map<string, T>();
  for (const block of blocks) for (const entry of block) merged.set(entry.id, entry);
  if (merged.size !== order.length) {
    const listed = new Set(order);
    for (const id of merged.keys()) if (!listed.has(id)) merged.delete(id);
  }
  return merged.size === order.length && order.every((id) => merged.has(id)) ? merged : null;
}

/** The listing the browser shows, from the state. */
export function listingOf(state: RecordState): RecordListing {
  const { manifest, summaries } = state;
  return {
    profileId: manifest.profileId,
    syncedAt: manifest.syncedAt,
    issues: manifest.issues,
    portfolios: manifest.order.map((id) => summaries.get(id)!),
  };
}
