// Runs Electronegativity (Doyensec's scanner for Electron security misconfigurations) over the app's
// own code and fails on every finding that docs/SECURITY.md does not explain.
//
//   node scripts/electronegativity.mjs [--root DIR]
//
// What it scans: the TypeScript sources of main/, preload/, renderer/ and common/, package.json,
// and the BUILT renderer/index.html (the source one holds a %APP_CSP% placeholder that the build
// fills in). Sources rather than out/: Electronegativity reads .js/.ts/.tsx/.html but not .cjs, so it
// would skip out/main/index.cjs and out/preload/index.cjs entirely, and the renderer bundle is
// minified third-party code whose line numbers mean nothing. On the sources each finding names one
// of our files, which is what the allow-list in docs/SECURITY.md keys on: check id + file + level.
//
// Offline by construction: Electronegativity fetches translations at start-up and Electron's release
// list for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK. The first is replaced with its bundled English
// strings, the second check is excluded (docs/SECURITY.md, item 16, covers Electron updates), and
// any other attempt to open a network connection stops the run.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const allowListFile = path.join(repoRoot, 'docs/SECURITY.md');
const scannedFolders = ['main', 'preload', 'renderer', 'common'];
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

function argument(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? null : process.argv[at + 1];
}

/** Refuses every outgoing connection: this scan must never reach the network. */
function forbidNetwork() {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : {};
    if (typeof options.path === 'string') return connect.apply(this, args);
    throw new Error('electronegativity.mjs: a check tried to open a network connection; this scan runs offline');
  };
}

/** Electronegativity with its translations loaded from the package instead of fetched. */
function loadElectronegativity() {
  const require = createRequire(path.join(repoRoot, 'node_modules/@doyensec/electronegativity/package.json'));
  const version = require('./package.json').version;
  const i18nModule = require.resolve('./dist/locales/i18n.js');
  const i18n = require('i18n');
  const offlineI18n = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  const stub = new Module(i18nModule);
  stub.filename = i18nModule;
  stub.loaded = true;
  stub.exports = Object.assign(offlineI18n, { default: offlineI18n });
  require.cache[i18nModule] = stub;
  return { run: require('./dist/runner.js'), version };
}

/** Copies what is scanned into a temp folder: sources, package.json, and the built index.html. */
function stage(root) {
  const builtHtml = path.join(root, 'out/renderer/index.html');
  if (!existsSync(builtHtml)) {
    if (root !== repoRoot) throw new Error(`${builtHtml} is missing`);
    console.log('out/renderer is missing: building it first (node scripts/build.mjs)');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mp-electronegativity-'));
  for (const folder of scannedFolders) {
    cpSync(path.join(root, folder), path.join(dir, folder), {
      recursive: true,
      filter: (source) => !source.split(path.sep).includes('node_modules'),
    });
  }
  copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  copyFileSync(builtHtml, path.join(dir, 'renderer/index.html'));
  return dir;
}

/**
 * The explained findings: the table under "## Electronegativity findings" in docs/SECURITY.md,
 * one row per finding: | id | check | file | level | why it is acceptable |. The level is the SARIF one:
 * `note` for what the tool asks a person to review, `warning` for what it calls a problem; a row
 * explains only its own level, so a real weakness never hides behind the note of the same check.
 */
function readAllowList(markdown) {
  const start = markdown.search(/^##+ Electronegativity findings/m);
  if (start === -1) return [];
  const section = markdown.slice(start).split(/\n(?=## )/)[0];
  const rows = [];
  for (const line of section.split('\n')) {
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim().replace(/^`|`$/g, ''));
    if (cells.length < 5 || !/^EN-\d+$/.test(cells[0])) continue;
    const [id, check, file, level, ...why] = cells;
    rows.push({ id, check, file, level, why: why.join('|').trim() });
  }
  return rows;
}

/** Electronegativity writes its report without waiting for the write: wait until it parses. */
async function readSarif(file) {
  let sarif = null;
  for (let tries = 0; !sarif; tries++) {
    try {
      sarif = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      if (tries >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return sarif.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? 'N/A';
      return {
        check: result.ruleId,
        file: uri === 'file:///' ? 'N/A' : uri,
        line: location?.region?.startLine ?? 0,
        level: result.level ?? 'warning',
        message: result.message?.text ?? '',
      };
    }),
  );
}

async function main() {
  const root = path.resolve(argument('--root') ?? repoRoot);
  forbidNetwork();
  const { run, version } = loadElectronegativity();
  const electronVersion = JSON.parse(
    readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const staged = stage(root);
  const report = path.join(staged, 'electronegativity.sarif');
  try {
    const result = await run(
      {
        input: staged,
        output: report,
        isSarif: true,
        customScan: [],
        excludeFromScan: excludedChecks,
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    const checks = result.globalChecks + result.atomicChecks;
    console.log(
      `Electronegativity ${version}: ${checks} checks over ${scannedFolders.join('/, ')}/ and package.json (Electron ${electronVersion})`,
    );
    let failed = false;
    // A file the parser could not read is a file nothing checked.
    for (const error of result.errors.filter((e) => !e.tolerable)) {
      console.log(`  could not parse ${path.relative(staged, error.file)}: ${error.message}`);
      failed = true;
    }
    if (checks < 30) {
      console.log(`  only ${checks} checks loaded; expected the full set`);
      failed = true;
    }

    const findings = await readSarif(report);
    const allowList = readAllowList(readFileSync(allowListFile, 'utf8'));
    const used = new Set();
    let unexplained = 0;
    for (const finding of findings) {
      const entry = allowList.find(
        (row) => row.check === finding.check && row.file === finding.file && row.level === finding.level,
      );
      if (entry && entry.why.length >= 40) {
        used.add(entry.id);
        console.log(`  explained ${entry.id}: ${finding.check} ${finding.file}:${finding.line} (${finding.level})`);
      } else {
        failed = true;
        unexplained += 1;
        console.log(
          `  NOT EXPLAINED: ${finding.check} ${finding.file}:${finding.line} (${finding.level}) — ${finding.message}`,
        );
      }
    }
    for (const row of allowList.filter((entry) => !used.has(entry.id))) {
      console.log(`  note: ${row.id} (${row.check} ${row.file}) no longer occurs; remove it from docs/SECURITY.md`);
    }
    if (root === repoRoot) {
      mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
      copyFileSync(report, path.join(repoRoot, 'test-results/electronegativity.sarif'));
    }
    console.log(
      failed
        ? `Electronegativity: failed; ${unexplained} of ${findings.length} finding(s) not explained in docs/SECURITY.md`
        : `Electronegativity: ${findings.length} finding(s), all explained in docs/SECURITY.md`,
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  });
}
