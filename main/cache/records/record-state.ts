import { noValidators, type HttpValidators } from '../../api/conditional-request';
import type {
  Manifest,
  PortfolioBooks,
  PortfolioHistory,
  RecordListing,
  RecordSummary,
  StoredRevision,
  StoredValidators,
  VersionInfo,
} from './record-types';

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

/** A portfolio's revisions as the version picker lists them, from its bookkeeping. */
export function historyOf(books: PortfolioBooks): PortfolioHistory {
  const info = (revision: StoredRevision, supersededAt: string | null): VersionInfo => ({
    revision: revision.revision,
    storedAt: revision.storedAt,
    supersededAt,
  });
  return {
    id: books.id,
    current: info(books.current, null),
    versions: books.versions.map((version) => info(version, version.supersededAt)),
  };
}

/** A damaged current detail: rewritten by the next commit, its validators and its pages' forgotten so the sync refetches it. */
export function markDamaged(state: RecordState, books: PortfolioBooks): void {
  state.damaged.add(books.id);
  state.books?.set(books.id, { ...books, validators: noValidators });
  const pages = state.manifest.pages.map((page) =>
    page.portfolioIds.includes(books.id) ? { ...page, ...noValidators } : page,
  );
  state.manifest = { ...state.manifest, pages };
}

/** What the sync asks with, from the manifest and the bookkeeping (none of the details' when it could not be read). */
export function validatorsOf(manifest: Manifest, books: ReadonlyMap<string, PortfolioBooks> | null): StoredValidators {
  const details = new Map<string, HttpValidators>();
  const listHashes = new Map<string, string>();
  for (const [id, entry] of books ?? []) {
    details.set(id, entry.validators);
    if (entry.listHash) listHashes.set(id, entry.listHash);
  }
  return { pages: manifest.pages, details, listHashes };
}
