import type { SyncIssue } from '../../../common/cache-snapshot';
import type { HttpValidators } from '../../api/conditional-request';
import type {
  IndexPart,
  KeptVersion,
  Manifest,
  PageValidators,
  PortfolioBooks,
  RecordRange,
  RecordSummary,
  SegmentInfo,
  StoredRevision,
} from './record-types';

// Hand-written checks for what the cache reads back: the records are authenticated, so these guard against a bug
// or an older layout, and must cost little (a zod pass over 10,000 summaries took longer than parsing them).
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown): v is number | null => v === null || isNum(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const everyOf = <T>(v: unknown, check: (item: unknown) => item is T): v is T[] => Array.isArray(v) && v.every(check);

const isRange = (v: unknown): v is RecordRange => isObj(v) && isCount(v.offset) && isCount(v.length);

const isValidators = (v: unknown): v is HttpValidators =>
  isObj(v) && isStrOrNull(v.etag) && isStrOrNull(v.lastModified) && isStrOrNull(v.bodyHash);

const isIssue = (v: unknown): v is SyncIssue => isObj(v) && isStrOrNull(v.portfolioId) && isStr(v.message);

const isPage = (v: unknown): v is PageValidators =>
  isObj(v) && isValidators(v) && isStr(v.url) && isStrOrNull(v.next) && everyOf(v.portfolioIds, isStr);

const isPart = (v: unknown): v is IndexPart =>
  isObj(v) && isCount(v.segment) && isRange(v.summaries) && isRange(v.books) && typeof v.base === 'boolean';

const isSegment = (v: unknown): v is SegmentInfo => isObj(v) && isCount(v.segment) && isCount(v.bytes);

const isRevision = (v: unknown): v is StoredRevision =>
  isObj(v) && isRange(v) && isCount(v.segment) && isCount(v.revision) && isStr(v.storedAt);

const isKept = (v: unknown): v is KeptVersion => isObj(v) && isRevision(v) && isStr(v.supersededAt);

const isSummary = (v: unknown): v is RecordSummary =>
  isObj(v) &&
  isStr(v.id) &&
  isStr(v.name) &&
  isStrOrNull(v.riskLevel) &&
  isStrOrNull(v.strategy) &&
  isStrOrNull(v.benchmark) &&
  isStrOrNull(v.currency) &&
  isNumOrNull(v.minimumInvestment) &&
  isStrOrNull(v.updatedAt) &&
  isNum(v.weightSum) &&
  typeof v.weightsOk === 'boolean' &&
  isCount(v.holdingsCount) &&
  isStr(v.tickerText) &&
  isStrOrNull(v.lastChangedAt);

const isBooks = (v: unknown): v is PortfolioBooks =>
  isObj(v) &&
  isStr(v.id) &&
  isValidators(v.validators) &&
  isStr(v.contentHash) &&
  isStr(v.materialHash) &&
  (v.listHash === undefined || isStr(v.listHash)) &&
  isRevision(v.current) &&
  everyOf(v.versions, isKept);

/** The manifest when the parsed payload is one of this profile's, in the format this build writes; else null. */
export function checkManifest(value: unknown, profileId: string): Manifest | null {
  if (!isObj(value) || value.format !== 1 || value.profileId !== profileId) return null;
  const ok =
    isCount(value.generation) &&
    isStrOrNull(value.syncedAt) &&
    everyOf(value.issues, isIssue) &&
    everyOf(value.pages, isPage) &&
    everyOf(value.order, isStr) &&
    everyOf(value.parts, isPart) &&
    everyOf(value.segments, isSegment);
  return ok ? (value as unknown as Manifest) : null;
}

/** The format number a parsed manifest claims, to tell a newer layout (unsupported) from damage. */
export function manifestFormat(value: unknown): unknown {
  return isObj(value) ? value.format : undefined;
}

/** The entries of a summaries block, or null when the payload is not one. */
export function checkSummaries(value: unknown): RecordSummary[] | null {
  return isObj(value) && everyOf(value.entries, isSummary) ? value.entries : null;
}

/** The entries of a bookkeeping block, or null when the payload is not one. */
export function checkBooks(value: unknown): PortfolioBooks[] | null {
  return isObj(value) && everyOf(value.entries, isBooks) ? value.entries : null;
}
