import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The per-boundary tsconfigs and lint rules are the process split: prove they refuse a renderer or
// common/ file that reaches for Node or Electron, by typechecking and linting a probe file in place.

const root = path.resolve(import.meta.dirname, '../../..');
const probes: string[] = [];

function probe(folder: string, source: string): string {
  const dir = mkdtempSync(path.join(root, folder, '__probe-'));
  const file = path.join(dir, 'leak.ts');
  writeFileSync(file, source);
  probes.push(dir);
  return file;
}

function typecheck(project: string) {
  return spawnSync('tsc', ['-p', project, '--noEmit', '--composite', 'false', '--incremental', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
}

function lint(file: string) {
  return spawnSync('eslint', ['--no-warn-ignored', file], { cwd: root, encoding: 'utf8' });
}

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

describe('process boundaries', () => {
  it('a renderer file importing node:fs or electron fails typecheck and lint', () => {
    const file = probe(
      'renderer',
      "import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nexport const leak = [readFileSync, ipcRenderer];\n",
    );
    const tsc = typecheck('renderer');
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toMatch(/"electron"' has no exported member 'ipcRenderer'/);
    expect(tsc.stdout).toMatch(/'node:fs'/);
    const eslint = lint(file);
    expect(eslint.status).not.toBe(0);
    expect(eslint.stdout).toContain("'node:fs' import is restricted");
    expect(eslint.stdout).toContain("'electron' import is restricted");
  }, 120_000);

  it('a common/ file importing node:path fails typecheck and lint', () => {
    const file = probe('common', "import path from 'node:path';\nexport const leak = path.sep;\n");
    expect(typecheck('common').status).not.toBe(0);
    expect(lint(file).stdout).toContain("'node:path' import is restricted");
  }, 120_000);

  it('a main file importing ipcMain outside the handler wrapper fails lint', () => {
    const file = probe('main', "import { ipcMain } from 'electron';\nexport const leak = ipcMain;\n");
    expect(lint(file).stdout).toContain('only files that touch raw IPC');
  }, 120_000);
});
