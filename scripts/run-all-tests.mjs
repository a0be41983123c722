// Runs every check and test suite in order and sums them into one closing line:
// "N passed, N failed, N skipped". Lint, format, typecheck and build count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];
mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    notes.push(`${label} failed`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function electronBinaryPresent() {
  const pathFile = 'node_modules/electron/path.txt';
  if (!existsSync(pathFile)) return false;
  return existsSync(`node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`);
}

check('lint', 'eslint', ['.', '--max-warnings', '0']);
check('format', 'prettier', ['--check', '--log-level', 'warn', '.']);
check('typecheck', 'tsc', ['-b']);
check('build', 'node', ['scripts/build.mjs']);
check('electronegativity', 'node', ['scripts/electronegativity.mjs']);

// Unit and integration (Vitest).
rmSync('test-results/vitest.json', { force: true });
const vitestOk = run('unit + integration', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
const vitest = readJson('test-results/vitest.json');
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  if (!vitestOk && vitest.numFailedTests === 0) {
    totals.failed += 1;
    notes.push('vitest exited non-zero with no failed test (a suite failed to load?)');
  }
} else {
  totals.failed += 1;
  notes.push('vitest wrote no report');
}

// End to end (Playwright): the Chromium harness always; the Electron suite where a binary exists.
rmSync('test-results/playwright.json', { force: true });
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && electronBinaryPresent();
const playwrightOk = needsDisplay
  ? run('e2e', 'xvfb-run', ['-a', 'playwright', 'test'])
  : run('e2e', 'playwright', ['test']);
const playwright = readJson('test-results/playwright.json');
if (playwright) {
  const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = playwright.stats ?? {};
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  if (!playwrightOk && unexpected === 0) {
    totals.failed += 1;
    notes.push('playwright exited non-zero with no failed test');
  }
  const reasons = new Set();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of playwright.suites ?? []) visit(suite);
  for (const reason of reasons) console.log(`skipped: ${reason}`);
} else {
  totals.failed += 1;
  notes.push('playwright wrote no report');
}

for (const note of notes) console.log(`note: ${note}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
