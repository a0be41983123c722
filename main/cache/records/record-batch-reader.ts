import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../common/result';
import { unreadableError } from './record-errors';
import { isMissing, segmentFileName } from './record-files';
import { decodeDetail, type RecordSource } from './record-reader';
import type { DetailRead, StoredRevision } from './record-types';

/** One record to read in a batch: whose, and which revision (null: the portfolio has none, it is 'missing'). */
export interface BatchItem {
  id: string;
  revision: StoredRevision | null;
}

async function readAt(handle: FileHandle, revision: StoredRevision): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(revision.length);
  const { bytesRead } = await handle.read(buffer, 0, revision.length, revision.offset);
  return bytesRead === revision.length ? buffer : buffer.subarray(0, bytesRead);
}

/**
 * Reads many records in the order given through one handle per segment file, all opened first: 10,000 details
 * for an export cost one open per segment, and a commit that deletes a segment meanwhile cannot pull it away.
 * Damage is yielded, never thrown; a file-system failure throws CACHE_UNREADABLE.
 */
export async function* readBatch(
  source: RecordSource,
  items: readonly BatchItem[],
): AsyncGenerator<{ id: string; read: DetailRead }> {
  const handles = new Map<number, FileHandle | null>();
  try {
    for (const { revision } of items) {
      if (!revision || handles.has(revision.segment)) continue;
      const file = path.join(source.folder, segmentFileName(revision.segment));
      const handle = await open(file, 'r').catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
      handles.set(revision.segment, handle);
    }
    for (const { id, revision } of items) {
      const handle = revision ? handles.get(revision.segment) : undefined;
      if (!revision) yield { id, read: { status: 'missing' } };
      else if (!handle) yield { id, read: { status: 'damaged', reason: 'record-missing' } };
      else yield { id, read: decodeDetail(source, id, revision, await readAt(handle, revision)) };
    }
  } catch (error) {
    throw error instanceof AppError ? error : unreadableError(error);
  } finally {
    await Promise.all([...handles.values()].map((handle) => handle?.close()));
  }
}
