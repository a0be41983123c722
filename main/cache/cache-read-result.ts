import type { CacheSnapshot } from '../../common/cache-snapshot';

/** Why a cache file could not be used and was set aside. */
export type CacheSetAsideReason = 'key-missing' | 'decrypt-failed' | 'parse-failed' | 'unsupported-version';

/** What opening a profile's cache found: nothing yet, a usable snapshot, or an unusable file moved out of the way. */
export type CacheReadResult =
  | { status: 'empty' }
  | { status: 'ok'; snapshot: CacheSnapshot }
  | { status: 'set-aside'; reason: CacheSetAsideReason; movedTo: string };
