import { createHash } from 'node:crypto';

const safeId = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;

/** The cache file's name for a profile: the id itself when it is file-name safe, else a hash of it. */
export function cacheFileName(profileId: string): string {
  const stem = safeId.test(profileId)
    ? profileId
    : `h-${createHash('sha256').update(profileId, 'utf8').digest('hex').slice(0, 40)}`;
  return `portfolios-${stem}.cache`;
}

/** The name a set-aside copy gets: the cache file name plus the moment it was set aside, safe on every platform. */
export function setAsideName(fileName: string, at: Date, attempt: number): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `${fileName}.corrupt-${stamp}${attempt > 0 ? `-${attempt}` : ''}`;
}
