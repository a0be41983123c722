import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** The files of a build that the security tests read. */
export const built = {
  mainBundle: path.join(repoRoot, 'out/main/index.cjs'),
  preloadBundle: path.join(repoRoot, 'out/preload/index.cjs'),
  rendererDir: path.join(repoRoot, 'out/renderer'),
  rendererHtml: path.join(repoRoot, 'out/renderer/index.html'),
};

function complete(): boolean {
  return Object.values(built).every((file) => existsSync(file));
}

/**
 * Makes sure out/ holds a build. Never rebuilds one that exists (other suites, and other people,
 * may be using it); builds once if it is missing, one test file at a time.
 */
export async function ensureBuilt(): Promise<void> {
  if (complete()) return;
  const lock = path.join(os.tmpdir(), `mp-build-lock-${Buffer.from(repoRoot).toString('hex').slice(-24)}`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (complete()) return;
      if (Date.now() - started > 120_000) throw new Error(`waited 120 s for another build (lock ${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (!complete()) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
  if (!complete()) throw new Error('node scripts/build.mjs did not produce out/');
}

/** Every file under a folder, as paths relative to it with forward slashes. */
export function listFiles(dir: string, skip: (relative: string) => boolean = () => false, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (skip(relative)) continue;
    if (entry.isDirectory()) out.push(...listFiles(dir, skip, relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}
