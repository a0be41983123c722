import path from 'node:path';
import type { AtomicWriteIo } from '../../fs/atomic-file';
import type { SecretStore } from '../../keychain/secret-store';
import { readOrCreateCacheKey } from '../cache-key';
import type { CacheSetAsideReason } from '../cache-read-result';
import { runExclusive } from '../exclusive';
import { clearProfile, migrateSingleFile, removeLegacyFile, type LegacySource } from './legacy-migration';
import { readBatch } from './record-batch-reader';
import { writeCommit, type CommitContext } from './record-commit';
import { recordFolderName, segmentFileName, setAsideFolder, sweepFolder } from './record-files';
import { openBooks, openRecordSet, readRevision, type RecordSource } from './record-reader';
import { notSetAsideError, unreadable } from './record-errors';
import { emptyState, historyOf, listingOf, markDamaged, validatorsOf, type RecordState } from './record-state';
import type {
  CommitFigures,
  DetailRead,
  PortfolioBooks,
  PortfolioHistory,
  RecordCommit,
  RecordDamage,
  RecordListing,
  RecordOpenResult,
  StoredRevision,
  StoredValidators,
  VersionInfo,
} from './record-types';
import { defaultLayoutPolicy, type LayoutPolicy } from './segment-layout';

/** What a PortfolioRecordCache needs: the cache folder, the profile, the keychain, and optional policies. */
export interface PortfolioRecordCacheOptions {
  dir: string;
  profileId: string;
  secrets: SecretStore;
  now?: () => Date;
  /** Previous versions kept per portfolio (default 12). */
  maxVersions?: number;
  layout?: Partial<LayoutPolicy>;
  /** The file-system steps of the manifest's atomic replace (see main/fs/atomic-file.ts). */
  io?: AtomicWriteIo;
}

/**
 * One profile's encrypted offline cache as records: summaries opened without any detail, details and kept versions
 * decrypted on demand, commits that write only what changed and leave the old set or the new one after a crash.
 */
export class PortfolioRecordCache {
  /** The profile's records folder. */
  readonly folder: string;
  private readonly options: PortfolioRecordCacheOptions;
  private readonly now: () => Date;
  private readonly settings: Omit<CommitContext, 'key'>;
  private state: RecordState | null = null;
  private key: Buffer | null = null;
  private booksFailure: RecordDamage | null = null;

  constructor(options: PortfolioRecordCacheOptions) {
    if (options.profileId.length === 0) throw new Error('PortfolioRecordCache needs a profile id');
    this.options = options;
    this.folder = path.join(path.resolve(options.dir), recordFolderName(options.profileId));
    this.now = options.now ?? (() => new Date());
    const policy = { ...defaultLayoutPolicy, ...options.layout };
    this.settings = {
      folder: this.folder,
      profileId: options.profileId,
      maxVersions: options.maxVersions ?? 12,
      policy,
      io: options.io,
    };
  }

  /** Opens the cache reading the manifest and summaries only. Throws only when the keychain or the disk does not answer. */
  open(): Promise<RecordOpenResult> {
    return this.serial(() => this.openNow());
  }

  /** The listing as of the last open or commit, or null before open. */
  listing(): RecordListing | null {
    return this.state ? listingOf(this.state) : null;
  }

  /** The current detail of a portfolio, decrypted now; damage is reported (and the next sync refetches it). */
  async readDetail(id: string): Promise<DetailRead> {
    return this.readRevisionOf(id, (books) => books.current);
  }

  /** A portfolio's current revision and kept versions (newest first), from the bookkeeping; null when not cached. */
  async history(id: string): Promise<PortfolioHistory | null> {
    const books = await this.booksOf(id);
    return books && typeof books !== 'string' ? historyOf(books) : null;
  }

  /** One revision of a portfolio (current or kept), decrypted now; 'missing' when it has no such revision. */
  readVersion(id: string, revision: number): Promise<DetailRead> {
    return this.readRevisionOf(id, (books) => [books.current, ...books.versions].find((r) => r.revision === revision));
  }

  /** Every kept version of a portfolio (not the current one), newest first, each decrypted now. */
  async readVersions(id: string): Promise<Array<{ info: VersionInfo; read: DetailRead }>> {
    const history = await this.history(id);
    if (!history) return [];
    return Promise.all(
      history.versions.map(async (info) => ({ info, read: await this.readVersion(id, info.revision) })),
    );
  }

  /** Current details of many portfolios (default: every listed one, in list order) through one handle per segment. */
  async *readDetails(ids?: readonly string[]): AsyncGenerator<{ id: string; read: DetailRead }> {
    const state = await this.ready();
    const books = await this.loadBooks(state);
    const wanted = ids ?? state.manifest.order;
    const lost: DetailRead = { status: 'damaged', reason: 'index-damaged' };
    if (!books || !this.key)
      return yield* wanted.map((id) => ({ id, read: state.summaries.has(id) ? lost : { status: 'missing' as const } }));
    const items = wanted.map((id) => ({ id, revision: books.get(id)?.current ?? null }));
    for await (const item of readBatch(this.source(this.key), items)) {
      if (item.read.status === 'damaged') markDamaged(state, books.get(item.id)!);
      yield item;
    }
  }

  /** What the sync needs for conditional requests. */
  async validators(): Promise<StoredValidators> {
    const state = await this.ready();
    const books = await this.loadBooks(state);
    return validatorsOf(state.manifest, books);
  }

  /** Stores a sync's result, writing only what changed; throws CACHE_WRITE_FAILED and leaves the set as it was on failure. */
  commit(change: RecordCommit): Promise<CommitFigures> {
    return this.serial(async () => {
      if (!this.state) await this.openNow();
      return this.commitNow(change);
    });
  }

  /** Deletes everything of the profile: records, leftovers, set-aside copies, the single-file cache, and the key. */
  clear(): Promise<void> {
    return this.serial(async () => {
      await clearProfile(this.folder, this.legacySource());
      this.state = null;
      this.key = null;
      this.booksFailure = null;
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    return runExclusive(this.folder, task);
  }

  private legacySource(): LegacySource {
    const { dir, profileId, secrets } = this.options;
    return { dir, profileId, secrets, now: this.now };
  }

  private source(key: Buffer): RecordSource {
    return { folder: this.folder, profileId: this.options.profileId, key };
  }

  private async openNow(): Promise<RecordOpenResult> {
    this.state = null;
    this.booksFailure = null;
    const found = await openRecordSet(this.folder, this.options.profileId, this.options.secrets);
    if (found.kind === 'none') return this.openWithoutRecords();
    if (found.kind === 'damaged') return this.setAside(found.reason);
    const { key, manifest, summaries } = found;
    this.key = key;
    this.state = { manifest, summaries, books: null, damaged: new Set() };
    await sweepFolder(this.folder, new Set(manifest.segments.map(({ segment }) => segmentFileName(segment))));
    await removeLegacyFile(this.legacySource()).catch(() => undefined);
    return { status: 'ok', listing: listingOf(this.state), migrated: false };
  }

  private async openWithoutRecords(): Promise<RecordOpenResult> {
    this.state = emptyState(this.options.profileId);
    const legacy = await migrateSingleFile(this.legacySource(), (commit) => this.commitNow(commit));
    if (legacy.status === 'none') return { status: 'empty' };
    if (legacy.status === 'set-aside') return legacy;
    return { status: 'ok', listing: listingOf(this.state), migrated: true };
  }

  private async commitNow(change: RecordCommit): Promise<CommitFigures> {
    let state = this.state ?? emptyState(this.options.profileId);
    if (state.manifest.generation > 0 && !(await this.loadBooks(state))) {
      // Summaries opened but the bookkeeping is damaged: set the set aside and write the sync's set in full.
      await this.setAside(this.booksFailure === 'unsupported-version' ? 'unsupported-version' : 'parse-failed');
      state = this.state!;
    }
    this.key ??= await readOrCreateCacheKey(this.options.secrets, this.options.profileId);
    const result = await writeCommit({ ...this.settings, key: this.key }, state, change);
    this.state = result.state;
    return result.figures;
  }

  private async setAside(reason: CacheSetAsideReason): Promise<RecordOpenResult> {
    const movedTo = await setAsideFolder(this.folder, this.now()).catch((error: unknown) => {
      throw notSetAsideError(error);
    });
    this.state = emptyState(this.options.profileId);
    this.booksFailure = null;
    if (reason === 'key-missing') this.key = null;
    return { status: 'set-aside', reason, movedTo };
  }

  private async ready(): Promise<RecordState> {
    if (!this.state) await this.open();
    return this.state ?? emptyState(this.options.profileId);
  }

  private async loadBooks(state: RecordState): Promise<Map<string, PortfolioBooks> | null> {
    if (state.books) return state.books;
    if (this.booksFailure || !this.key) return null;
    const books = await unreadable(openBooks(this.source(this.key), state.manifest));
    if (!books.ok) this.booksFailure = books.reason;
    else state.books ??= books.value;
    return state.books;
  }

  private async booksOf(id: string): Promise<PortfolioBooks | RecordDamage | null> {
    const state = await this.ready();
    if (!state.summaries.has(id)) return null;
    const books = await this.loadBooks(state);
    return books ? (books.get(id) ?? null) : 'index-damaged';
  }

  private async readRevisionOf(
    id: string,
    pick: (books: PortfolioBooks) => StoredRevision | undefined,
  ): Promise<DetailRead> {
    for (let attempt = 0; ; attempt += 1) {
      const state = await this.ready();
      const books = await this.booksOf(id);
      if (books === null) return { status: 'missing' };
      if (typeof books === 'string') return { status: 'damaged', reason: books };
      const revision = pick(books);
      if (!revision) return { status: 'missing' };
      const read = await unreadable(readRevision(this.source(this.key!), id, revision));
      // A commit may have moved the record and deleted its old segment meanwhile: look it up again once.
      if (read.status === 'damaged' && read.reason === 'record-missing' && this.state !== state && attempt === 0)
        continue;
      if (read.status === 'damaged' && revision === books.current) markDamaged(state, books);
      return read;
    }
  }
}
