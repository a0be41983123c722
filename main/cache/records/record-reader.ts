import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Portfolio } from '../../../common/portfolio';
import { portfolioSchema } from '../cache-schema';
import type { SecretStore } from '../../keychain/secret-store';
import { readCacheKey } from '../cache-key';
import type { CacheSetAsideReason } from '../cache-read-result';
import { unreadable } from './record-errors';
import { checkBooks, checkManifest, checkSummaries, manifestFormat } from './record-checks';
import { isMissing, manifestFileName, readRange, segmentFileName } from './record-files';
import { openRecord, type RecordBinding, type RecordKind } from './record-seal';
import { mergeBlocks } from './record-state';
import type { DetailRead, IndexPart, Manifest, PortfolioBooks, RecordSummary, StoredRevision } from './record-types';

/** What reading a record set's manifest or index found. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: Exclude<CacheSetAsideReason, 'key-missing'> };

/** Where a profile's records are and how to open them. */
export interface RecordSource {
  folder: string;
  profileId: string;
  key: Buffer;
}

function decode(plaintext: Buffer): unknown {
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The manifest's bytes, or null when the records folder has none (no record set yet). */
export async function readManifestBytes(folder: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(folder, manifestFileName));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Opens and checks the manifest's bytes. */
export function openManifest(bytes: Buffer, source: RecordSource): Loaded<Manifest> {
  const binding: RecordBinding = { profileId: source.profileId, kind: 'manifest', subject: '', number: 0 };
  const opened = openRecord(bytes, source.key, binding);
  if (!opened.ok) return opened;
  const payload = decode(opened.plaintext);
  const manifest = checkManifest(payload, source.profileId);
  if (manifest) return { ok: true, value: manifest };
  const format = manifestFormat(payload);
  return { ok: false, reason: typeof format === 'number' && format > 1 ? 'unsupported-version' : 'parse-failed' };
}

/** Reads, opens and checks one kind of index block of every part, oldest first; a missing or damaged one fails all. */
export async function readIndexBlocks<T>(
  source: RecordSource,
  parts: readonly IndexPart[],
  kind: Extract<RecordKind, 'summaries' | 'books'>,
  check: (payload: unknown) => T[] | null,
): Promise<Loaded<T[][]>> {
  const blocks = await Promise.all(
    parts.map(async (part) => {
      const file = path.join(source.folder, segmentFileName(part.segment));
      const bytes = await readRange(file, part[kind]).catch((error: unknown) => {
        if (isMissing(error)) return Buffer.alloc(0);
        throw error;
      });
      const opened = openRecord(bytes, source.key, {
        profileId: source.profileId,
        kind,
        subject: '',
        number: part.segment,
      });
      if (!opened.ok) return opened;
      const entries = check(decode(opened.plaintext));
      return entries ? { ok: true as const, value: entries } : { ok: false as const, reason: 'parse-failed' as const };
    }),
  );
  const values: T[][] = [];
  for (const block of blocks) {
    if (!block.ok) return block;
    values.push(block.value);
  }
  return { ok: true, value: values };
}

/** Opens a record set for the list: the manifest from its bytes, then every summaries block, merged in list order. */
export async function openSummaries(
  bytes: Buffer,
  source: RecordSource,
): Promise<Loaded<{ manifest: Manifest; summaries: Map<string, RecordSummary> }>> {
  const manifest = openManifest(bytes, source);
  if (!manifest.ok) return manifest;
  const blocks = await readIndexBlocks(source, manifest.value.parts, 'summaries', checkSummaries);
  if (!blocks.ok) return blocks;
  const summaries = mergeBlocks(blocks.value, manifest.value.order);
  return summaries
    ? { ok: true, value: { manifest: manifest.value, summaries } }
    : { ok: false, reason: 'parse-failed' };
}

/** Reads the bookkeeping blocks of a record set, merged in list order. */
export async function openBooks(
  source: RecordSource,
  manifest: Manifest,
): Promise<Loaded<Map<string, PortfolioBooks>>> {
  const blocks = await readIndexBlocks(source, manifest.parts, 'books', checkBooks);
  if (!blocks.ok) return blocks;
  const books = mergeBlocks(blocks.value, manifest.order);
  return books ? { ok: true, value: books } : { ok: false, reason: 'parse-failed' };
}

/** Opens a stored revision's sealed bytes for the portfolio it must belong to; damage is returned, never thrown. */
export function decodeDetail(source: RecordSource, id: string, revision: StoredRevision, bytes: Buffer): DetailRead {
  const binding: RecordBinding = {
    profileId: source.profileId,
    kind: 'detail',
    subject: id,
    number: revision.revision,
  };
  const opened = openRecord(bytes, source.key, binding);
  if (!opened.ok) return { status: 'damaged', reason: opened.reason };
  const parsed = portfolioSchema.safeParse(decode(opened.plaintext));
  if (!parsed.success || parsed.data.id !== id) return { status: 'damaged', reason: 'parse-failed' };
  const portfolio: Portfolio = parsed.data;
  return { status: 'ok', portfolio, revision: revision.revision, storedAt: revision.storedAt };
}

/** What a profile's folder holds: no record set, one to set aside (and why), or one opened for the list. */
export type RecordSetOnDisk =
  | { kind: 'none' }
  | { kind: 'damaged'; reason: CacheSetAsideReason }
  | { kind: 'ok'; key: Buffer; manifest: Manifest; summaries: Map<string, RecordSummary> };

/**
 * Opens a profile's record set for the list: the manifest (the keychain is asked for the key meanwhile; its answer
 * matters only when there is a manifest), then the summaries. Throws when the keychain or the disk does not answer.
 */
export async function openRecordSet(folder: string, profileId: string, secrets: SecretStore): Promise<RecordSetOnDisk> {
  const keyRead = readCacheKey(secrets, profileId).then(
    (key) => ({ key }),
    (error: unknown) => ({ error }),
  );
  const bytes = await unreadable(readManifestBytes(folder));
  if (!bytes) return { kind: 'none' };
  const answer = await keyRead;
  if ('error' in answer) throw answer.error;
  if (!answer.key) return { kind: 'damaged', reason: 'key-missing' };
  const opened = await unreadable(openSummaries(bytes, { folder, profileId, key: answer.key }));
  if (!opened.ok) return { kind: 'damaged', reason: opened.reason };
  return { kind: 'ok', key: answer.key, ...opened.value };
}

/** Reads and opens one stored revision of a portfolio; damage is reported, never thrown (I/O errors but ENOENT are). */
export async function readRevision(source: RecordSource, id: string, revision: StoredRevision): Promise<DetailRead> {
  let bytes: Buffer;
  try {
    bytes = await readRange(path.join(source.folder, segmentFileName(revision.segment)), revision);
  } catch (error) {
    if (isMissing(error)) return { status: 'damaged', reason: 'record-missing' };
    throw error;
  }
  return decodeDetail(source, id, revision, bytes);
}
