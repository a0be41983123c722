import { lstat, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cacheFileName, setAsideName } from '../cache-file-name';
import type { RecordRange } from './record-types';

/** The manifest's file name inside a profile's records folder. */
export const manifestFileName = 'manifest.rec';

/** The records folder's name for a profile: beside the single-file cache's name, ".records" for ".cache". */
export function recordFolderName(profileId: string): string {
  return cacheFileName(profileId).replace(/\.cache$/, '.records');
}

/** The file name of segment n. */
export function segmentFileName(segment: number): string {
  return `seg-${String(segment).padStart(8, '0')}.rec`;
}

/** True for an error that says the file or folder is not there. */
export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Reads `length` bytes at `offset` of a file (fewer when the file is shorter: the record then fails to open). */
export async function readRange(file: string, range: RecordRange): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(range.length);
    let filled = 0;
    while (filled < range.length) {
      const { bytesRead } = await handle.read(buffer, filled, range.length - filled, range.offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === range.length ? buffer : buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** Reads several ranges of one file through one handle, in the order given. */
export async function readRanges(file: string, ranges: readonly RecordRange[]): Promise<Buffer[]> {
  const handle = await open(file, 'r');
  try {
    const out: Buffer[] = [];
    for (const range of ranges) {
      const buffer = Buffer.allocUnsafe(range.length);
      const { bytesRead } = await handle.read(buffer, 0, range.length, range.offset);
      out.push(bytesRead === range.length ? buffer : buffer.subarray(0, bytesRead));
    }
    return out;
  } finally {
    await handle.close();
  }
}

const flushAt = 4 * 1024 * 1024;

/** Writes one new, never-before-used segment file: records appended in order, then fsynced; removed again on abort. */
export class SegmentWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;

  private constructor(
    readonly file: string,
    readonly segment: number,
    private handle: FileHandle | null,
  ) {}

  /** Creates segment file n; one a crashed commit left under the same name is unreferenced and replaced. */
  static async create(file: string, segment: number): Promise<SegmentWriter> {
    try {
      return new SegmentWriter(file, segment, await open(file, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await rm(file, { force: true });
      return new SegmentWriter(file, segment, await open(file, 'wx', 0o600));
    }
  }

  /** Bytes appended so far. */
  get bytes(): number {
    return this.size;
  }

  /** Appends one sealed record and says where it lies. */
  async append(record: Buffer): Promise<RecordRange> {
    const range = { offset: this.size, length: record.length };
    this.size += record.length;
    this.pending.push(record);
    this.pendingBytes += record.length;
    if (this.pendingBytes >= flushAt) await this.flush();
    return range;
  }

  /** Writes what is pending, fsyncs and closes the file. */
  async finish(): Promise<void> {
    await this.flush();
    await this.handle!.sync();
    await this.handle!.close();
    this.handle = null;
  }

  /** Closes and deletes the file after a failure (best effort: an unreferenced leftover is swept at the next open). */
  async abort(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    await rm(this.file, { force: true }).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.handle!.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  }
}

/** Deletes every entry of the folder but the manifest and the given segment files (leftovers of interrupted commits). */
export async function sweepFolder(folder: string, keep: ReadonlySet<string>): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  const stale = names.filter((name) => name !== manifestFileName && !keep.has(name));
  await Promise.all(
    stale.map((name) => rm(path.join(folder, name), { force: true, recursive: true }).catch(() => undefined)),
  );
  return stale.length;
}

/** Deletes a records folder and every set-aside copy of it ("<folder>.corrupt-…"). */
export async function removeRecordFolders(folder: string): Promise<void> {
  const parent = path.dirname(folder);
  const base = path.basename(folder);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  const ours = names.filter((name) => name === base || name.startsWith(`${base}.corrupt-`));
  await Promise.all(ours.map((name) => rm(path.join(parent, name), { recursive: true, force: true })));
}

const transient = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** rename(), retried briefly on Windows where a virus scanner or indexer may hold the file for a moment. */
export async function renameRetrying(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await rename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !transient.has(code) || attempt >= 8) throw error;
      await sleep(15 * (attempt + 1));
    }
  }
}

/** Moves a damaged records folder aside as "<folder>.corrupt-<UTC time>" (never over an earlier copy); returns where. */
export async function setAsideFolder(folder: string, at: Date): Promise<string> {
  const base = path.basename(folder);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const movedTo = path.join(path.dirname(folder), setAsideName(base, at, attempt));
    const taken = await lstat(movedTo).then(
      () => true,
      () => false,
    );
    if (taken) continue;
    await renameRetrying(folder, movedTo);
    return movedTo;
  }
  throw new Error('no free set-aside name');
}
