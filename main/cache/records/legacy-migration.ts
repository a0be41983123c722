import { rm } from 'node:fs/promises';
import type { CacheSnapshot } from '../../../common/cache-snapshot';
import { removeStaleTempFiles } from '../../fs/atomic-file';
import type { SecretStore } from '../../keychain/secret-store';
import { deleteCacheKey } from '../cache-key';
import type { CacheSetAsideReason } from '../cache-read-result';
import { PortfolioCache } from '../portfolio-cache';
import { notDeletedError } from './record-errors';
import { removeRecordFolders } from './record-files';
import type { PageValidators, RecordCommit } from './record-types';

/** What became of a profile's single-file cache on the records cache's first open. */
export type LegacyOutcome =
  | { status: 'none' }
  | { status: 'migrated'; portfolios: number }
  | { status: 'set-aside'; reason: CacheSetAsideReason; movedTo: string };

/** Where the single-file cache is and how to open it. */
export interface LegacySource {
  dir: string;
  profileId: string;
  secrets: SecretStore;
  now: () => Date;
}

/** A commit that stores a whole snapshot: every portfolio as fetched, so the cache's hashes find what changed. */
export function commitFromSnapshot(snapshot: CacheSnapshot, pages: PageValidators[] = []): RecordCommit {
  return {
    syncedAt: snapshot.syncedAt,
    issues: snapshot.issues,
    pages,
    portfolios: snapshot.portfolios.map((portfolio) => ({ kind: 'fetched', portfolio })),
  };
}

/** The single-file cache's path for a profile (PortfolioCache's own naming). */
export function legacyCachePath(source: LegacySource): string {
  return new PortfolioCache(source).path;
}

/**
 * Converts the single-file cache (v1 or v2 payload, read and migrated by PortfolioCache) into records through
 * `store`, keeping every portfolio, then deletes the old file. Nothing there: 'none', without asking the keychain.
 * A damaged old file is set aside by PortfolioCache as before. If `store` fails, the old file stays for next time.
 */
export async function migrateSingleFile(
  source: LegacySource,
  store: (commit: RecordCommit) => Promise<unknown>,
): Promise<LegacyOutcome> {
  const legacy = new PortfolioCache(source);
  const read = await legacy.read();
  if (read.status === 'empty') return { status: 'none' };
  if (read.status === 'set-aside') return read;
  await store(commitFromSnapshot(read.snapshot));
  await removeLegacyFile(source);
  return { status: 'migrated', portfolios: read.snapshot.portfolios.length };
}

/** Deletes the single-file cache and its temp leftovers (after a migration, or one a crash interrupted). */
export async function removeLegacyFile(source: LegacySource): Promise<void> {
  const file = legacyCachePath(source);
  await rm(file, { force: true });
  await removeStaleTempFiles(file);
}

/** Deletes everything of a profile in the cache folder (records, set-aside copies, the single file and its leftovers) and its key. */
export async function clearProfile(folder: string, source: LegacySource): Promise<void> {
  await removeRecordFolders(folder).catch((error: unknown) => {
    throw notDeletedError(error);
  });
  await new PortfolioCache(source).clear();
  await deleteCacheKey(source.secrets, source.profileId);
}
