import type { SyncIssue } from '../../../common/cache-snapshot';
import type { Portfolio } from '../../../common/portfolio';
import type { PortfolioSummary } from '../../../common/portfolio-summary';
import type { HttpValidators } from '../../api/conditional-request';
import type { CacheSetAsideReason } from '../cache-read-result';

/**
 * One portfolio as the browser lists it, read at open without decrypting any detail: the list's own type
 * (`tickerText`, one string per portfolio, keeps 10,000 summaries fast to open and to send).
 */
export type RecordSummary = PortfolioSummary;

/** The browser's data from the records cache: the profile's summaries in list order, as of a sync. */
export interface RecordListing {
  profileId: string;
  syncedAt: string | null;
  portfolios: RecordSummary[];
  issues: SyncIssue[];
}

/** What the sync keeps of one list page: its validators, where it led next, and which portfolios it listed. */
export interface PageValidators extends HttpValidators {
  url: string;
  /** The next page's URL as the page gave it (a 304 has no body to read it from), or null on the last page. */
  next: string | null;
  /** The ids the page listed, in order: a 304 for the page vouches for exactly these. */
  portfolioIds: string[];
}

/** Where a sealed record lies: segment file number, byte offset and length. */
export interface RecordLocation {
  segment: number;
  offset: number;
  length: number;
}

/** One stored revision of a portfolio's detail; its number is the generation of the commit that first stored it. */
export interface StoredRevision extends RecordLocation {
  revision: number;
  storedAt: string;
}

/** A previous revision kept for the model-changes feature: when a change of holdings or key facts superseded it. */
export interface KeptVersion extends StoredRevision {
  supersededAt: string;
}

/** The bookkeeping of one portfolio: validators for the next conditional request, hashes, current and kept revisions. */
export interface PortfolioBooks {
  id: string;
  validators: HttpValidators;
  /** Hash of everything stored (see portfolio-digest): a different one means the detail is rewritten. */
  contentHash: string;
  /** Hash of holdings and key facts only: a different one means a change worth keeping a version for. */
  materialHash: string;
  /** stableHash of the raw list item the record was merged with, when its holdings came from the detail route. */
  listHash?: string;
  current: StoredRevision;
  /** Newest first, at most maxVersions. */
  versions: KeptVersion[];
}

/** Byte range of a block inside a segment file. */
export interface RecordRange {
  offset: number;
  length: number;
}

/** One part of the index: a block of summaries and a block of bookkeeping written by one commit. */
export interface IndexPart {
  segment: number;
  summaries: RecordRange;
  books: RecordRange;
  /** True for a full index; later parts hold only the entries their commit changed. */
  base: boolean;
}

/** A segment file and its size, for the compaction policy. */
export interface SegmentInfo {
  segment: number;
  bytes: number;
}

/** The root of a profile's record set, replaced atomically by every commit. */
export interface Manifest {
  format: 1;
  profileId: string;
  /** The generation of the last commit; the next one writes segment generation + 1. */
  generation: number;
  syncedAt: string | null;
  issues: SyncIssue[];
  pages: PageValidators[];
  /** The ids of every cached portfolio, in list order: what is listed, and what exists. */
  order: string[];
  /** Base part first, then deltas, oldest to newest; a later entry for an id wins. */
  parts: IndexPart[];
  segments: SegmentInfo[];
}

/** One portfolio in a commit: kept as stored (a 304 or an unchanged hash), or fetched content to compare and store. */
export type PortfolioUpdate =
  | { kind: 'kept'; id: string; validators?: HttpValidators }
  | { kind: 'fetched'; portfolio: Portfolio; validators?: HttpValidators; listHash?: string };

/** What a sync hands the cache: the whole set after the sync, in list order (ids not listed are removed). */
export interface RecordCommit {
  syncedAt: string;
  issues: SyncIssue[];
  /** Replaces the stored list-page validators. */
  pages: PageValidators[];
  portfolios: PortfolioUpdate[];
}

/** What a commit did, for the caller, the tests and the benches. */
export interface CommitFigures {
  /** Every byte written to disk: new segment and manifest. */
  bytesWritten: number;
  /** Bytes of portfolio data written: detail records, relocated records and index blocks (manifest excluded). */
  portfolioBytesWritten: number;
  manifestBytesWritten: number;
  detailRecordsWritten: number;
  relocatedRecords: number;
  /** 'none': no index block written; 'delta': the changed entries; 'base': the whole index. */
  indexWrite: 'none' | 'delta' | 'base';
  segmentsDeleted: number;
  added: string[];
  removed: string[];
  /** Stored content differed: a new detail record was written. */
  updated: string[];
  /** Holdings or key facts changed: the previous revision was kept as a version. */
  changed: string[];
}

/** What opening found: nothing yet, the listing (perhaps just migrated from the single-file cache), or a set aside. */
export type RecordOpenResult =
  | { status: 'empty' }
  | { status: 'ok'; listing: RecordListing; migrated: boolean }
  | { status: 'set-aside'; reason: CacheSetAsideReason; movedTo: string };

/** Why a detail could not be read although the index lists it. */
export type RecordDamage =
  'decrypt-failed' | 'parse-failed' | 'unsupported-version' | 'record-missing' | 'index-damaged';

/** Reading one revision of a portfolio: its content, no such portfolio or revision, or damage (reported, never thrown). */
export type DetailRead =
  | { status: 'ok'; portfolio: Portfolio; revision: number; storedAt: string }
  | { status: 'missing' }
  | { status: 'damaged'; reason: RecordDamage };

/** One revision as the version picker lists it; supersededAt is null for the current one. */
export interface VersionInfo {
  revision: number;
  storedAt: string;
  supersededAt: string | null;
}

/** A portfolio's revisions: the current one and the kept versions, newest first. */
export interface PortfolioHistory {
  id: string;
  current: VersionInfo;
  versions: VersionInfo[];
}

/** The validators the sync sends back as conditions: per list page, and per portfolio detail. */
export interface StoredValidators {
  pages: PageValidators[];
  details: Map<string, HttpValidators>;
  /** Each detail-fed portfolio's list hash: an equal fresh list item and a 304 detail leave its record as stored. */
  listHashes: Map<string, string>;
}
