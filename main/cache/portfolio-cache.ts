import { lstat, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CacheSnapshot } from '../../common/cache-snapshot';
import { AppError } from '../../common/result';
import { errorCatalog } from '../../common/error-codes';
import type { SecretStore } from '../keychain/secret-store';
import { removeStaleTempFiles, writeFileAtomic } from '../fs/atomic-file';
import { cacheFileName, setAsideName } from './cache-file-name';
import { openCache, sealCache } from './cache-file-format';
import { deleteCacheKey, readCacheKey, readOrCreateCacheKey } from './cache-key';
import { upgradeSnapshot } from './cache-migrations';
import type { CacheReadResult, CacheSetAsideReason } from './cache-read-result';
import { cacheSchemaVersion, cacheSnapshotSchema } from './cache-schema';
import { runExclusive } from './exclusive';
import { describeFileError } from '../fs/file-error-words';

/** What a PortfolioCache needs: the user-data cache folder, the profile it serves, the keychain and a clock. */
export interface PortfolioCacheOptions {
  dir: string;
  profileId: string;
  secrets: SecretStore;
  now?: () => Date;
}

function writeFailed(reason: string): AppError {
  return new AppError('CACHE_WRITE_FAILED', `${errorCatalog.CACHE_WRITE_FAILED.message} (${reason})`);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** One profile's encrypted offline cache: the last good portfolio set, written atomically, read without ever throwing on damage. */
export class PortfolioCache {
  private readonly dir: string;
  private readonly file: string;
  private readonly profileId: string;
  private readonly secrets: SecretStore;
  private readonly now: () => Date;

  constructor(options: PortfolioCacheOptions) {
    if (options.profileId.length === 0) throw new Error('PortfolioCache needs a profile id');
    this.dir = path.resolve(options.dir);
    this.profileId = options.profileId;
    this.file = path.join(this.dir, cacheFileName(options.profileId));
    this.secrets = options.secrets;
    this.now = options.now ?? (() => new Date());
  }

  /** The cache file's absolute path. */
  get path(): string {
    return this.file;
  }

  /** Opens the cache: empty, a snapshot, or an unusable file set aside and reported. Throws only when the keychain does not answer. */
  read(): Promise<CacheReadResult> {
    return this.serial(() => this.readNow());
  }

  /** Replaces the cache with this snapshot atomically; on failure the previous cache stays as it was. */
  write(snapshot: CacheSnapshot): Promise<void> {
    return this.serial(() => this.writeNow(snapshot));
  }

  /** Deletes the cache file, its leftovers and set-aside copies, and its key in the keychain (when the profile is deleted). */
  clear(): Promise<void> {
    return this.serial(() => this.clearNow());
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    return runExclusive(this.file, task);
  }

  private async readNow(): Promise<CacheReadResult> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if (isMissing(error)) return { status: 'empty' };
      throw new AppError(
        'CACHE_UNREADABLE',
        `The offline copy could not be read (${describeFileError(error)}). Sync to rebuild it.`,
      );
    }
    // A keychain that does not answer throws here, before anything is set aside: the key may come back.
    const key = await readCacheKey(this.secrets, this.profileId);
    if (!key) return this.setAside('key-missing');
    const opened = openCache(bytes, key, this.profileId);
    if (!opened.ok) return this.setAside(opened.reason);
    let payload: unknown;
    try {
      payload = JSON.parse(opened.plaintext.toString('utf8'));
    } catch {
      return this.setAside('parse-failed');
    }
    const upgraded = upgradeSnapshot(payload);
    if (!upgraded.ok) return this.setAside(upgraded.reason);
    if (upgraded.snapshot.profileId !== this.profileId) return this.setAside('parse-failed');
    return { status: 'ok', snapshot: upgraded.snapshot };
  }

  private async setAside(reason: CacheSetAsideReason): Promise<CacheReadResult> {
    const base = path.basename(this.file);
    const at = this.now();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const movedTo = path.join(this.dir, setAsideName(base, at, attempt));
      if (
        await lstat(movedTo).then(
          () => true,
          () => false,
        )
      )
        continue;
      try {
        await rename(this.file, movedTo);
      } catch (error) {
        throw new AppError(
          'CACHE_UNREADABLE',
          `The offline copy could not be opened, nor set aside (${describeFileError(error)}). Close other programs using it, then sync to rebuild it.`,
        );
      }
      return { status: 'set-aside', reason, movedTo };
    }
    throw new AppError('CACHE_UNREADABLE');
  }

  private async writeNow(snapshot: CacheSnapshot): Promise<void> {
    if (snapshot.profileId !== this.profileId) throw writeFailed('the data belongs to another connection profile');
    const checked = cacheSnapshotSchema.safeParse({ ...snapshot, schemaVersion: cacheSchemaVersion });
    if (!checked.success) throw writeFailed('the data did not pass the cache schema');
    let plaintext: Buffer;
    try {
      plaintext = Buffer.from(JSON.stringify(checked.data), 'utf8');
    } catch {
      throw writeFailed('the data is too large to save');
    }
    // A keychain that does not answer throws KEYCHAIN_UNAVAILABLE here, before the disk is touched.
    const key = await readOrCreateCacheKey(this.secrets, this.profileId);
    const chunks = sealCache(plaintext, key, this.profileId);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await removeStaleTempFiles(this.file);
      await writeFileAtomic(this.file, chunks);
    } catch (error) {
      throw writeFailed(describeFileError(error));
    }
  }

  private async clearNow(): Promise<void> {
    const base = path.basename(this.file);
    try {
      await rm(this.file, { force: true });
      await removeStaleTempFiles(this.file);
      const names = await readdir(this.dir).catch((error: unknown) => {
        if (isMissing(error)) return [];
        throw error;
      });
      await Promise.all(
        names
          .filter((name) => name.startsWith(`${base}.corrupt-`))
          .map((name) => rm(path.join(this.dir, name), { force: true })),
      );
    } catch (error) {
      throw new AppError(
        'CACHE_WRITE_FAILED',
        `The offline copy could not be deleted (${describeFileError(error)}). Close other programs using it and try again.`,
      );
    }
    await deleteCacheKey(this.secrets, this.profileId);
  }
}
