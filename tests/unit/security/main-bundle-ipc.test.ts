import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { built, ensureBuilt } from './built-app';

/** The bundle cut into its modules, by esbuild's `// path/of/module.ts` comments. */
function modulesOf(bundle: string): Array<{ path: string; code: string }> {
  const parts: Array<{ path: string; code: string }> = [];
  const marker = /^\/\/ ((?:node_modules|main|common|sandbox)\/\S+)$/gm;
  let last: { path: string; start: number } | null = null;
  for (const match of bundle.matchAll(marker)) {
    if (last) parts.push({ path: last.path, code: bundle.slice(last.start, match.index) });
    last = { path: match[1] ?? '', start: match.index };
  }
  if (last) parts.push({ path: last.path, code: bundle.slice(last.start) });
  return parts;
}

describe('the built main bundle', () => {
  let bundle = '';
  beforeAll(async () => {
    await ensureBuilt();
    bundle = readFileSync(built.mainBundle, 'utf8');
  });

  it('touches ipcMain only in the one handler wrapper (no library registers channels of its own)', () => {
    const modules = modulesOf(bundle);
    expect(modules.length).toBeGreaterThan(20);
    const users = modules.filter((module) => /\bipcMain\b/.test(module.code)).map((module) => module.path);
    expect(users).toEqual(['main/ipc/register-handlers.ts']);
  });

  it('carries no Electron build of electron-log (whose main side listens on IPC)', () => {
    expect(bundle).not.toContain('__ELECTRON_LOG__');
    expect(bundle).not.toMatch(/node_modules\/electron-log\/src\/main\//);
  });
});
