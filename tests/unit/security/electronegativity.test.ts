import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { built, ensureBuilt, repoRoot } from './built-app';

// The gate in the test command is `node scripts/electronegativity.mjs`. These tests prove it bites:
// a copy of the app with one insecure window planted in it must fail, naming the finding.

const script = path.join(repoRoot, 'scripts/electronegativity.mjs');
const checksDir = path.join(repoRoot, 'node_modules/@doyensec/electronegativity/dist/finder/checks');

function runGate(root: string) {
  const result = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The allow-list rows of docs/SECURITY.md: | EN-n | check | file | level | why |. */
function allowList(): Array<{ id: string; check: string; file: string; level: string; why: string }> {
  const markdown = readFileSync(path.join(repoRoot, 'docs/SECURITY.md'), 'utf8');
  const section = markdown.slice(markdown.search(/^## Electronegativity findings/m)).split(/\n(?=## )/)[0]!;
  return section
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    )
    .filter((cells) => /^EN-\d+$/.test(cells[0] ?? ''))
    .map(([id = '', check = '', file = '', level = '', why = '']) => ({ id, check, file, level, why }));
}

/** Every check id Electronegativity knows (from its check classes). */
function knownCheckIds(): Set<string> {
  const ids = new Set<string>();
  for (const kind of ['AtomicChecks', 'GlobalChecks']) {
    for (const file of readdirSync(path.join(checksDir, kind)).filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(path.join(checksDir, kind, file), 'utf8');
      for (const [, id] of text.matchAll(/this\.id = "([A-Z_]+)"/g)) ids.add(id!);
    }
  }
  return ids;
}

// The scanner takes seconds per run (more on a busy machine): a generous timeout, never a timed assertion.
describe('the Electronegativity gate (scripts/electronegativity.mjs)', { timeout: 60_000 }, () => {
  let copy: string;

  beforeAll(async () => {
    await ensureBuilt();
    copy = mkdtempSync(path.join(os.tmpdir(), 'mp-electronegativity-test-'));
    for (const folder of ['main', 'preload', 'renderer', 'common']) {
      cpSync(path.join(repoRoot, folder), path.join(copy, folder), { recursive: true });
    }
    cpSync(path.join(repoRoot, 'package.json'), path.join(copy, 'package.json'));
    mkdirSync(path.join(copy, 'out/renderer'), { recursive: true });
    cpSync(built.rendererHtml, path.join(copy, 'out/renderer/index.html'));
  });

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('passes on a faithful copy of the app (every finding is explained)', () => {
    const { status, output } = runGate(copy);
    expect(output).toMatch(/all explained in docs\/SECURITY\.md/);
    expect(status).toBe(0);
  });

  it('fails, naming each finding, when an insecure window is planted', () => {
    const planted = path.join(copy, 'main/shell/planted-window.ts');
    writeFileSync(
      planted,
      [
        "import { BrowserWindow } from 'electron';",
        'export function planted(): BrowserWindow {',
        '  const window = new BrowserWindow({',
        '    webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false },',
        '  });',
        "  void window.loadURL('http://example.com/');",
        '  return window;',
        '}',
        '',
      ].join('\n'),
    );
    try {
      const { status, output } = runGate(copy);
      expect(status).toBe(1);
      for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']) {
        expect(output).toMatch(new RegExp(`NOT EXPLAINED: ${check} main/shell/planted-window\\.ts:\\d+`));
      }
    } finally {
      rmSync(planted);
    }
  });

  it('fails when a weaker CSP ships in the built page', () => {
    const html = path.join(copy, 'out/renderer/index.html');
    const original = readFileSync(html, 'utf8');
    writeFileSync(html, original.replace("script-src 'self'", "script-src 'self' 'unsafe-eval' https:"));
    try {
      const { status, output } = runGate(copy);
      // The reviewed note EN-1 (script-src 'self') must not cover a policy the tool calls weak.
      expect(output).toMatch(/NOT EXPLAINED: CSP_GLOBAL_CHECK renderer\/index\.html:\d+ \(warning\)/);
      expect(status).toBe(1);
    } finally {
      writeFileSync(html, original);
    }
  });

  it('keeps a well-formed allow-list: real check ids, real files, a real explanation each', () => {
    const rows = allowList();
    expect(rows.length).toBeGreaterThan(0);
    const known = knownCheckIds();
    expect(known.size).toBeGreaterThan(30);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    for (const row of rows) {
      expect(known.has(row.check), `${row.id}: ${row.check} is not an Electronegativity check`).toBe(true);
      expect(existsSync(path.join(repoRoot, row.file)), `${row.id}: ${row.file} does not exist`).toBe(true);
      expect(['note', 'warning'], `${row.id}: level ${row.level}`).toContain(row.level);
      expect(row.why.length, `${row.id} needs an explanation`).toBeGreaterThanOrEqual(80);
    }
  });
});
