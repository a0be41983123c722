import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { syncFolder, writeFileAtomic, type AtomicWriteIo } from '../../fs/atomic-file';
import { describeFileError } from '../../fs/file-error-words';
import { planCommit, writeFailed, type CommitPlan } from './commit-plan';
import { manifestFileName, readRanges, segmentFileName, SegmentWriter } from './record-files';
import { sealRecord } from './record-seal';
import type { RecordState } from './record-state';
import type { CommitFigures, IndexPart, Manifest, RecordCommit, StoredRevision } from './record-types';
import { liveBytes, needsBase, revisionsOf, segmentsToEmpty, type LayoutPolicy } from './segment-layout';

/** What a commit needs besides the state: where, whose, the key, and the policies. */
export interface CommitContext {
  folder: string;
  profileId: string;
  key: Buffer;
  maxVersions: number;
  policy: LayoutPolicy;
  /** The file-system steps of the manifest's atomic replace (Node's, with a logged warning, in the app). */
  io?: AtomicWriteIo;
}

/** The state after a commit and what the commit did. */
export interface CommitResult {
  state: RecordState;
  figures: CommitFigures;
}

async function holds(file: string, bytes: Buffer): Promise<boolean> {
  return readFile(file).then(
    (stored) => stored.equals(bytes),
    () => false,
  );
}

function figuresOf(plan: CommitPlan): CommitFigures {
  return {
    bytesWritten: 0,
    portfolioBytesWritten: 0,
    manifestBytesWritten: 0,
    detailRecordsWritten: 0,
    relocatedRecords: 0,
    indexWrite: 'none',
    segmentsDeleted: 0,
    added: plan.added,
    removed: plan.removed,
    updated: plan.updated,
    changed: plan.changed,
  };
}

/** Copies every revision that lies in an emptied segment into the new one, updating the bookkeeping. */
async function relocate(
  ctx: CommitContext,
  plan: CommitPlan,
  emptied: ReadonlySet<number>,
  writer: SegmentWriter,
): Promise<number> {
  const moving = new Map<number, Array<{ id: string; revision: StoredRevision }>>();
  for (const id of plan.order) {
    for (const revision of revisionsOf(plan.books.get(id)!)) {
      if (!emptied.has(revision.segment)) continue;
      const list = moving.get(revision.segment) ?? [];
      list.push({ id, revision });
      moving.set(revision.segment, list);
    }
  }
  const moved = new Map<StoredRevision, StoredRevision>();
  for (const [segment, list] of moving) {
    list.sort((a, b) => a.revision.offset - b.revision.offset);
    const bytes = await readRanges(
      path.join(ctx.folder, segmentFileName(segment)),
      list.map((item) => item.revision),
    );
    for (const [index, { revision }] of list.entries()) {
      const range = await writer.append(bytes[index]!);
      moved.set(revision, { ...revision, segment: writer.segment, ...range });
    }
  }
  const touched = new Set([...moving.values()].flat().map((item) => item.id));
  for (const id of touched) {
    const entry = plan.books.get(id)!;
    const move = <T extends StoredRevision>(revision: T): T => ({ ...revision, ...moved.get(revision) });
    plan.books.set(id, { ...entry, current: move(entry.current), versions: entry.versions.map(move) });
    plan.changedBooks.add(id);
  }
  return moved.size;
}

/** Seals the index blocks: the changed entries as a delta, or every entry as a new base when the policy says so. */
function indexBlocks(
  ctx: CommitContext,
  plan: CommitPlan,
  state: RecordState,
  emptied: ReadonlySet<number>,
  generation: number,
) {
  const seal = (kind: 'summaries' | 'books', entries: unknown[]): Buffer =>
    sealRecord(Buffer.from(JSON.stringify({ entries }), 'utf8'), ctx.key, {
      profileId: ctx.profileId,
      kind,
      subject: '',
      number: generation,
    });
  const delta = {
    summaries: seal(
      'summaries',
      [...plan.changedSummaries].map((id) => plan.summaries.get(id)),
    ),
    books: seal(
      'books',
      [...plan.changedBooks].map((id) => plan.books.get(id)),
    ),
  };
  const parts = state.manifest.parts;
  if (!needsBase(parts, emptied, delta.summaries.length + delta.books.length, ctx.policy))
    return { ...delta, base: false };
  return {
    summaries: seal(
      'summaries',
      plan.order.map((id) => plan.summaries.get(id)),
    ),
    books: seal(
      'books',
      plan.order.map((id) => plan.books.get(id)),
    ),
    base: true,
  };
}

/** Writes the new segment: the changed details, the records moved out of emptied segments, the index blocks. */
async function writeSegment(
  ctx: CommitContext,
  plan: CommitPlan,
  state: RecordState,
  emptied: ReadonlySet<number>,
  figures: CommitFigures,
): Promise<{ writer: SegmentWriter; parts: IndexPart[] }> {
  const generation = state.manifest.generation + 1;
  const writer = await SegmentWriter.create(path.join(ctx.folder, segmentFileName(generation)), generation);
  try {
    for (const detail of plan.details) {
      const binding = { profileId: ctx.profileId, kind: 'detail' as const, subject: detail.id, number: generation };
      Object.assign(detail.books.current, await writer.append(sealRecord(detail.plaintext, ctx.key, binding)));
    }
    figures.detailRecordsWritten = plan.details.length;
    figures.relocatedRecords = await relocate(ctx, plan, emptied, writer);
    const blocks = indexBlocks(ctx, plan, state, emptied, generation);
    const part: IndexPart = {
      segment: generation,
      summaries: await writer.append(blocks.summaries),
      books: await writer.append(blocks.books),
      base: blocks.base,
    };
    figures.indexWrite = blocks.base ? 'base' : 'delta';
    await writer.finish();
    await syncFolder(ctx.folder);
    figures.portfolioBytesWritten = writer.bytes;
    return { writer, parts: blocks.base ? [part] : [...state.manifest.parts, part] };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Replaces the manifest atomically and returns its size; a failure after the rename (the folder fsync) still counts. */
async function replaceManifest(ctx: CommitContext, manifest: Manifest): Promise<number> {
  const file = path.join(ctx.folder, manifestFileName);
  const binding = { profileId: ctx.profileId, kind: 'manifest' as const, subject: '', number: 0 };
  const sealed = sealRecord(Buffer.from(JSON.stringify(manifest), 'utf8'), ctx.key, binding);
  try {
    await writeFileAtomic(file, [sealed], 0o600, ctx.io);
  } catch (error) {
    // The rename may have happened before the failure (the folder fsync comes after it): then the new set stands.
    if (!(await holds(file, sealed))) throw error;
  }
  return sealed.length;
}

/**
 * Writes a commit so that a crash at any instant leaves the old set or the new one: new records go to a new segment
 * file (fsynced, folder fsynced), then the manifest that references them replaces the old one atomically, then
 * segments nothing references any more are deleted. On failure the new segment is removed and the set is as before.
 */
export async function writeCommit(ctx: CommitContext, state: RecordState, commit: RecordCommit): Promise<CommitResult> {
  const old = state.manifest;
  const generation = old.generation + 1;
  const plan = planCommit({
    generation,
    manifest: old,
    summaries: state.summaries,
    books: state.books!,
    damaged: state.damaged,
    commit,
    maxVersions: ctx.maxVersions,
  });
  const figures = figuresOf(plan);
  const emptied = segmentsToEmpty(old.segments, liveBytes(plan.order, plan.books, old.parts), ctx.policy);
  const indexChanged =
    plan.changedSummaries.size > 0 ||
    plan.changedBooks.size > 0 ||
    old.parts.some((part) => emptied.has(part.segment)) ||
    plan.order.some((id) => revisionsOf(plan.books.get(id)!).some((revision) => emptied.has(revision.segment)));
  if (!indexChanged && plan.details.length === 0 && !plan.manifestChanged && emptied.size === 0) {
    return { state, figures };
  }

  let written: { writer: SegmentWriter; parts: IndexPart[] } | null = null;
  let manifest: Manifest;
  try {
    await mkdir(ctx.folder, { recursive: true, mode: 0o700 });
    if (indexChanged || plan.details.length > 0) written = await writeSegment(ctx, plan, state, emptied, figures);
    const parts = written?.parts ?? old.parts;
    const live = liveBytes(plan.order, plan.books, parts);
    const kept = old.segments.filter(({ segment }) => !emptied.has(segment) && (live.get(segment) ?? 0) > 0);
    manifest = {
      format: 1,
      profileId: ctx.profileId,
      generation,
      syncedAt: commit.syncedAt,
      issues: plan.issues,
      pages: plan.pages,
      order: plan.order,
      parts,
      segments: written ? [...kept, { segment: generation, bytes: written.writer.bytes }] : kept,
    };
    figures.manifestBytesWritten = await replaceManifest(ctx, manifest);
  } catch (error) {
    await written?.writer.abort();
    throw writeFailed(describeFileError(error));
  }
  figures.bytesWritten = figures.portfolioBytesWritten + figures.manifestBytesWritten;
  // The new set is in place; what it no longer references can go (a leftover is swept at the next open).
  const keptSegments = new Set(manifest.segments.map(({ segment }) => segment));
  const dropped = old.segments.filter(({ segment }) => !keptSegments.has(segment));
  await Promise.all(
    dropped.map(({ segment }) =>
      rm(path.join(ctx.folder, segmentFileName(segment)), { force: true }).catch(() => undefined),
    ),
  );
  figures.segmentsDeleted = dropped.length;
  const rewritten = new Set(plan.details.map((detail) => detail.id));
  const damaged = new Set([...state.damaged].filter((id) => plan.books.has(id) && !rewritten.has(id)));
  return { state: { manifest, summaries: plan.summaries, books: plan.books, damaged }, figures };
}
