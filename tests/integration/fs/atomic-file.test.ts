import { mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicWriteIo, writeFileAtomic, type AtomicWriteIo } from '../../../main/fs/atomic-file';

// Real files in a temp folder; only the two steps Windows' antivirus and indexer disturb (the final
// rename, the folder sync) are made to fail on cue, since neither can be provoked on Linux.
let dir: string;
let target: string;

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

function io(overrides: Partial<AtomicWriteIo>): AtomicWriteIo & { waits: number[]; warnings: string[] } {
  const waits: number[] = [];
  const warnings: string[] = [];
  return {
    ...nodeAtomicWriteIo,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
    warn: (message) => warnings.push(message),
    ...overrides,
    waits,
    warnings,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mp-atomic-'));
  target = path.join(dir, 'settings.json');
  await writeFile(target, 'old');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic on a busy Windows file system', () => {
  it('retries the final rename while another program holds the file (EPERM, EBUSY), then succeeds', async () => {
    const failures = ['EPERM', 'EBUSY', 'EACCES'];
    const busy = io({
      rename: (from, to) => {
        const code = failures.shift();
        return code ? Promise.reject(errno(code)) : rename(from, to);
      },
    });
    await writeFileAtomic(target, [Buffer.from('new')], 0o600, busy);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(busy.waits).toEqual([10, 20, 40]);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('gives up after about 1.5 s of a held file: the old file stays and no temp file is left', async () => {
    const held = io({ rename: () => Promise.reject(errno('EBUSY')) });
    await expect(writeFileAtomic(target, [Buffer.from('new')], 0o600, held)).rejects.toMatchObject({ code: 'EBUSY' });
    expect(held.waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(1_500);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('does not retry an error that waiting cannot fix', async () => {
    const crossDevice = io({ rename: () => Promise.reject(errno('EXDEV')) });
    await expect(writeFileAtomic(target, [Buffer.from('new')], 0o600, crossDevice)).rejects.toMatchObject({
      code: 'EXDEV',
    });
    expect(crossDevice.waits).toEqual([]);
    expect(await readFile(target, 'utf8')).toBe('old');
  });

  it('treats a folder that cannot be synced after the rename as a warning, not a failed write', async () => {
    const noFolderSync = io({ syncFolder: () => Promise.reject(errno('EIO')) });
    await writeFileAtomic(target, [Buffer.from('new')], 0o600, noFolderSync);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(noFolderSync.warnings).toHaveLength(1);
  });
});
