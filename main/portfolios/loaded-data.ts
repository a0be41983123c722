import path from 'node:path';
import type { CacheSnapshot } from '../../common/cache-snapshot';
import type { Portfolio } from '../../common/portfolio';
import type { Profile } from '../../common/profile';
import { AppError, toErrorData, type AppErrorData } from '../../common/result';
import type { PortfolioCache } from '../cache/portfolio-cache';
import type { Logger } from '../logging/logger';

/** The active profile's data as loaded: its cache (or nothing yet), indexed by id. */
export interface Loaded {
  profile: Profile;
  snapshot: CacheSnapshot | null;
  byId: Map<string, Portfolio>;
}

/** The profile's data from its cache, and a problem to show when the cache could not be opened (never a throw). */
export async function openCache(
  profile: Profile,
  cache: PortfolioCache,
  logger: Logger,
): Promise<{ loaded: Loaded; notice: AppErrorData | null }> {
  let snapshot: CacheSnapshot | null = null;
  let notice: AppErrorData | null = null;
  try {
    const read = await cache.read();
    if (read.status === 'ok') snapshot = read.snapshot;
    if (read.status === 'set-aside') {
      notice = new AppError(
        'CACHE_UNREADABLE',
        `The offline copy could not be opened (${read.reason.replace('-', ' ')}), so it was set aside as ${path.basename(read.movedTo)}. Sync to rebuild it.`,
      ).toData();
      logger.warn('cache set aside', { profile: profile.id, reason: read.reason });
    }
  } catch (error) {
    notice = toErrorData(error);
  }
  return { loaded: toLoaded(profile, snapshot), notice };
}

/** Indexes a profile's snapshot by portfolio id. */
export function toLoaded(profile: Profile, snapshot: CacheSnapshot | null): Loaded {
  return {
    profile,
    snapshot,
    byId: new Map((snapshot?.portfolios ?? []).map((portfolio) => [portfolio.id, portfolio])),
  };
}
