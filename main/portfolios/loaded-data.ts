import path from 'node:path';
import type { Portfolio } from '../../common/portfolio';
import type { Profile } from '../../common/profile';
import { AppError, toErrorData, type AppErrorData } from '../../common/result';
import { PortfolioRecordCache } from '../cache/records/portfolio-record-cache';
import type { DetailRead, RecordListing } from '../cache/records/record-types';
import type { Clock } from '../clock';
import type { AtomicWriteIo } from '../fs/atomic-file';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import type { StoredSync } from '../sync/sync-run';

/** The active profile's data as loaded: its records cache and the listing it opened (null when empty). */
export interface Loaded {
  profile: Profile;
  cache: PortfolioRecordCache;
  listing: RecordListing | null;
}

/** The records cache of one profile, in the app's cache folder. */
export function recordCacheOf(
  deps: { userDataDir: string; secrets: SecretStore; clock: Clock; fileIo: AtomicWriteIo },
  profileId: string,
): PortfolioRecordCache {
  return new PortfolioRecordCache({
    dir: path.join(deps.userDataDir, 'cache'),
    profileId,
    secrets: deps.secrets,
    now: () => new Date(deps.clock.now()),
    io: deps.fileIo,
  });
}

/**
 * Opens the profile's records cache (summaries only; a single-file cache from before is migrated),
 * with a problem to show when it could not be opened (never a throw for damage).
 */
export async function openCache(
  profile: Profile,
  cache: PortfolioRecordCache,
  logger: Logger,
): Promise<{ loaded: Loaded; notice: AppErrorData | null }> {
  let listing: RecordListing | null = null;
  let notice: AppErrorData | null = null;
  try {
    const opened = await cache.open();
    if (opened.status === 'ok') {
      listing = opened.listing;
      if (opened.migrated) logger.info('offline copy migrated to records', { profile: profile.id });
    }
    if (opened.status === 'set-aside') {
      notice = new AppError(
        'CACHE_UNREADABLE',
        `The offline copy could not be opened (${opened.reason.replace('-', ' ')}), so it was set aside as ${path.basename(opened.movedTo)}. Sync to rebuild it.`,
      ).toData();
      logger.warn('cache set aside', { profile: profile.id, reason: opened.reason });
    }
  } catch (error) {
    notice = toErrorData(error);
  }
  return { loaded: { profile, cache, listing }, notice };
}

/** One cached portfolio's current detail, decrypted now; a damaged record is a coded error that says to sync. */
export async function readPortfolio(cache: PortfolioRecordCache, id: string): Promise<Portfolio> {
  return detailOf(await cache.readDetail(id));
}

function detailOf(read: DetailRead): Portfolio {
  if (read.status === 'ok') return read.portfolio;
  if (read.status === 'missing')
    throw new AppError('NOT_FOUND', 'That portfolio is not in the data on hand. Sync to refresh the list.');
  throw new AppError(
    'CACHE_UNREADABLE',
    'The offline copy of this portfolio could not be read (it is damaged). Sync to fetch it again.',
  );
}

/** What the cache offers a sync to ask with: validators per page and detail, kept issues, stored details to merge. */
export async function storedSync(cache: PortfolioRecordCache): Promise<StoredSync | null> {
  const listing = cache.listing();
  if (!listing) return null;
  const { pages, details, listHashes } = await cache.validators();
  return {
    pages,
    issues: listing.issues,
    validators: (id) => details.get(id),
    listHash: (id) => listHashes.get(id),
    read: async (id) => {
      const read = await cache.readDetail(id);
      return read.status === 'ok' ? read.portfolio : null;
    },
  };
}

/**
 * The portfolios on hand with holdings, streamed from the cache in list order (all, or those of the
 * ids): NO_DATA when there are none, EXPORT_NOTHING_SELECTED when no id matches.
 */
export function streamPortfolios({ cache, listing }: Loaded, ids: 'all' | string[]): AsyncIterable<Portfolio> {
  const known = listing?.portfolios.map((portfolio) => portfolio.id) ?? [];
  if (known.length === 0) throw new AppError('NO_DATA');
  const chosen = ids === 'all' ? null : new Set(ids);
  const wanted = chosen ? known.filter((id) => chosen.has(id)) : known;
  if (wanted.length === 0) throw new AppError('EXPORT_NOTHING_SELECTED');
  return (async function* details() {
    for await (const { read } of cache.readDetails(wanted)) yield detailOf(read);
  })();
}
