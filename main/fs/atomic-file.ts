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

/**
 * Replaces the target with the given bytes so that a crash at any instant leaves either the old or the new file:
 * temp file in the same folder, fsync, rename over the target, fsync the folder. On failure the temp file is removed
 * and the error rethrown; the target is untouched.
 */
export async function writeFileAtomic(target: string, chunks: readonly Uint8Array[], mode = 0o600): Promise<void> {
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
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(path.dirname(target));
}
