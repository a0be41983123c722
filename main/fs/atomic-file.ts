import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const tempInfix = '.tmp-';

/** A fresh temp file name beside the target, in the same folder so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return `${target}${tempInfix}${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** True when a folder entry is a temp file of the given target, left behind by an interrupted write. */
export function isTempOf(target: string, entryName: string): boolean {
  return entryName.startsWith(`${path.basename(target)}${tempInfix}`);
}

/** Deletes temp files an interrupted write of the target left behind (best effort; the caller's own temp excepted). */
export async function removeStaleTempFiles(target: string, keep?: string): Promise<void> {
  const dir = path.dirname(target);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const stale = names.filter((name) => isTempOf(target, name)).map((name) => path.join(dir, name));
  await Promise.all(
    stale.filter((file) => file !== keep).map((file) => rm(file, { force: true }).catch(() => undefined)),
  );
}

/** Makes a rename durable by syncing its folder; platforms that cannot sync a folder (Windows) skip it. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'EBADF') throw error;
  } finally {
    await handle.close();
  }
}

/** The file-system steps of an atomic write that can fail for reasons outside the app (antivirus, indexer, platform). */
export interface AtomicWriteIo {
  rename(from: string, to: string): Promise<void>;
  syncFolder(dir: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** Told about a problem that did not fail the write (the folder could not be synced after the rename). */
  warn(message: string, error: unknown): void;
}

/** Node's own file system, no waiting tricks, warnings dropped (callers with a logger pass their own `warn`). */
export const nodeAtomicWriteIo: AtomicWriteIo = {
  rename,
  syncFolder,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  warn: () => undefined,
};

/** Errors a rename meets on Windows while an antivirus or the search indexer holds the file open for a moment. */
const transientRenameCodes = new Set(['EPERM', 'EBUSY', 'EACCES']);
/** Waits between rename attempts: about 1.5 s in all before giving up. */
const renameBackoffMs = [10, 20, 40, 80, 160, 320, 500, 500];

async function renameWithRetry(io: AtomicWriteIo, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await io.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const wait = renameBackoffMs[attempt];
      if (!transientRenameCodes.has(code) || wait === undefined) throw error;
      await io.sleep(wait);
    }
  }
}

/**
 * Replaces the target with the given bytes so that a crash at any instant leaves either the old or the new file:
 * temp file in the same folder, fsync, rename over the target (retried briefly while another program holds it),
 * fsync the folder. On failure the temp file is removed and the error rethrown; the target is untouched. Once the
 * rename has happened the write has succeeded: a folder that cannot be synced afterwards is only a warning.
 */
export async function writeFileAtomic(
  target: string,
  chunks: readonly Uint8Array[],
  mode = 0o600,
  io: AtomicWriteIo = nodeAtomicWriteIo,
): Promise<void> {
  const temp = tempPathFor(target);
  let handle;
  try {
    handle = await open(temp, 'wx', mode);
    for (const chunk of chunks) {
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(io, temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  try {
    await io.syncFolder(path.dirname(target));
  } catch (error) {
    io.warn('the folder could not be synced after a write; the file itself is complete', error);
  }
}
