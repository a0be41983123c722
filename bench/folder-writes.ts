// What a commit wrote to a records folder, read from the folder itself: new or replaced files since a mark.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file's size and identity: a replaced or grown file differs in one of them. */
export interface FileMark {
  size: number;
  ino: number;
  mtimeMs: number;
}

/** The marks of every file in a folder (none when it does not exist). */
export async function folderMarks(folder: string): Promise<Map<string, FileMark>> {
  const marks = new Map<string, FileMark>();
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const info = await stat(path.join(folder, name));
    marks.set(name, { size: info.size, ino: info.ino, mtimeMs: info.mtimeMs });
  }
  return marks;
}

/** Bytes of files that are new or replaced since `before` (segments are never rewritten; the manifest is replaced). */
export function written(
  before: Map<string, FileMark>,
  after: Map<string, FileMark>,
): { segments: number; manifest: number } {
  let segments = 0;
  let manifest = 0;
  for (const [name, mark] of after) {
    const old = before.get(name);
    const fresh = !old || old.ino !== mark.ino || old.mtimeMs !== mark.mtimeMs || old.size !== mark.size;
    if (!fresh) continue;
    if (name === 'manifest.rec') manifest += mark.size;
    else segments += mark.size;
  }
  return { segments, manifest };
}
