// UI figures for the portfolio browser with 10,000 portfolios, in the system Chromium with the built
// renderer and the real main-side services (sync from the sandbox over loopback, encrypted cache):
//  - data ready → first rows painted: from the portfolios:list answer reaching the renderer to the
//    first frame with rows on screen (performance marks set by the renderer);
//  - filter keystroke → repaint: from the keydown in the search box to the frame with the new rows;
//  - DOM rows while scrolled, and frame times while scrolling.
// The keychain is an in-memory SecretStore so the bench runs without a D-Bus session.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Page } from 'playwright';
import { createDispatcher } from '../main/ipc/dispatcher';
import { EventHub } from '../main/ipc/event-sink';
import { createHandlers } from '../main/handlers';
import { createMainServices } from '../main/services';
import { rendererResponse } from '../main/renderer-files';
import { startSandbox } from '../sandbox';
import { MemorySecretStore } from './memory-secret-store';
import { writeBenchResult } from './report';
import { harnessPreload } from '../tests/e2e/support/harness';

const portfolios = 10_000;
const loads = 7;
const repoRoot = path.resolve(import.meta.dirname, '..');
const rendererDir = path.join(repoRoot, 'out/renderer');
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  spawnSync('node', ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
const round = (value: number) => Number(value.toFixed(1));

// Main side: a profile for a 10,000-portfolio sandbox, synced once so the cache holds the data.
const sandbox = await startSandbox({ portfolios, pageSize: 500 });
const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-ui-bench-'));
const events = new EventHub();
const services = createMainServices({
  identity: { appName: 'Model Portfolios', version: '0.1.0', platform: process.platform, electronVersion: null },
  secrets: new MemorySecretStore(),
  userDataDir,
  events,
  autoSync: { intervalMs: 0 },
});
const profile = await services.profiles.save({
  name: 'Bench partner',
  baseUrl: sandbox.baseUrl,
  clientId: sandbox.credentials.clientId,
  secret: sandbox.credentials.clientSecret,
  tokenStyle: 'json',
});
await services.profiles.activate(profile.id);
const syncStarted = performance.now();
await services.portfolios.syncNow();
const syncMs = performance.now() - syncStarted;
const dispatch = createDispatcher(createHandlers(services));

const preload = harnessPreload();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
const page = await context.newPage();
await page.route('http://app.local/**', async (route) => {
  const response = await rendererResponse(rendererDir, route.request().url());
  await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
});
await page.exposeBinding('__mpInvoke', (_source, channel: unknown, arg: unknown) => dispatch(String(channel), arg));
await page.addInitScript({ content: preload });
events.attach((name, payload) => {
  page
    .evaluate(([n, p]) => (window as unknown as { __mpEmit(n: string, p: unknown): void }).__mpEmit(n, p), [
      name,
      payload,
    ] as const)
    .catch(() => {});
});

// In-page scripts as strings: tsx compiles named functions with a __name helper the page does not have.
const settleScript = `new Promise((resolve) => {
  let last = performance.getEntriesByName('mp:rows-painted').length;
  const check = () => requestAnimationFrame(() => requestAnimationFrame(() => {
    const now = performance.getEntriesByName('mp:rows-painted').length;
    if (now === last) resolve(); else { last = now; check(); }
  }));
  check();
})`;
const scrollScript = `new Promise((resolve) => {
  const el = document.querySelector('[role="grid"]');
  el.scrollTop = 0;
  const frames = [];
  let maxRows = 0;
  let last = performance.now();
  let step = 0;
  const tick = (now) => {
    frames.push(now - last);
    last = now;
    maxRows = Math.max(maxRows, el.querySelectorAll('[role="row"][data-id]').length);
    el.scrollTop += 34 * 17;
    step += 1;
    if (step < 120) requestAnimationFrame(tick);
    else resolve({ frames: frames.slice(1), maxRows, domNodes: document.getElementsByTagName('*').length });
  };
  requestAnimationFrame(tick);
})`;

/** Loads the app and returns (listing ready → rows painted) and (navigation → rows painted), in ms. */
async function loadOnce(p: Page): Promise<{
  readyToPaint: number;
  readyToCommit: number;
  navigationToReady: number;
  navigationToPaint: number;
  rows: number;
}> {
  await p.goto('http://app.local/index.html');
  await p.waitForFunction(
    (n) => performance.getEntriesByName('mp:rows-painted').some((m) => (m as PerformanceMark).detail === n),
    portfolios,
    { timeout: 60_000 },
  );
  return p.evaluate((n) => {
    const ready = performance.getEntriesByName('mp:listing-ready')[0]!;
    const painted = performance
      .getEntriesByName('mp:rows-painted')
      .find((m) => (m as PerformanceMark).detail === n && m.startTime >= ready.startTime)!;
    const committed = performance
      .getEntriesByName('mp:rows-committed')
      .find((m) => (m as PerformanceMark).detail === n && m.startTime >= ready.startTime)!;
    return {
      readyToPaint: painted.startTime - ready.startTime,
      readyToCommit: committed.startTime - ready.startTime,
      navigationToReady: ready.startTime,
      navigationToPaint: painted.startTime,
      rows: document.querySelectorAll('[role="row"][data-id]').length,
    };
  }, portfolios);
}

const firstPaints: Awaited<ReturnType<typeof loadOnce>>[] = [];
for (let i = 0; i < loads; i += 1) firstPaints.push(await loadOnce(page));

// The harness hands the 10,000 summaries over through CDP (Playwright's exposeBinding), which keeps
// the page's main thread busy for a while after the answer resolves. Measured alone (no React
// involved): from the answer to the next free moment of the main thread.
const transportBusy: number[] = [];
for (let i = 0; i < 5; i += 1) {
  transportBusy.push(
    (await page.evaluate(`window.portfolioApi.portfolios.list().then(() => {
      const resolved = performance.now();
      return new Promise((resolve) => setTimeout(() => resolve(performance.now() - resolved), 0));
    })`)) as number,
  );
}

// Filter keystrokes: each key's keydown to the frame that shows the new result.
await page.evaluate(() => {
  const w = window as unknown as { __keydowns: number[] };
  w.__keydowns = [];
  document.addEventListener('keydown', (event) => w.__keydowns.push(event.timeStamp), true);
});
const search = page.getByRole('searchbox', { name: 'Search portfolios' });
await search.focus();
const keys = [
  'a',
  'g',
  'g',
  'Backspace',
  'Backspace',
  'Backspace',
  'm',
  'p',
  '-',
  '0',
  '0',
  '9',
  'Backspace',
  'Backspace',
  'Backspace',
  'Backspace',
  'Backspace',
  'Backspace',
  'b',
  'a',
  'l',
];
const keystrokes: Array<{ key: string; ms: number; shown: number }> = [];
for (const key of keys) {
  const before = await page.evaluate(() => performance.getEntriesByName('mp:rows-painted').length);
  await page.keyboard.press(key);
  await page.waitForFunction((count) => performance.getEntriesByName('mp:rows-painted').length > count, before);
  // Let a deferred render land: wait until no new paint mark comes for two frames.
  await page.evaluate(settleScript);
  const measured = await page.evaluate(() => {
    const downs = (window as unknown as { __keydowns: number[] }).__keydowns;
    const down = downs[downs.length - 1]!;
    const marks = performance.getEntriesByName('mp:rows-painted').filter((m) => m.startTime >= down);
    const last = marks[marks.length - 1]!;
    return { ms: last.startTime - down, shown: (last as PerformanceMark).detail as number };
  });
  keystrokes.push({ key, ...measured });
}
await search.fill('');
await page.waitForFunction((n) => {
  const marks = performance.getEntriesByName('mp:rows-painted');
  return (marks[marks.length - 1] as PerformanceMark | undefined)?.detail === n;
}, portfolios);

// Scrolling: DOM rows at several positions, and frame times while scrolling through 2,000 rows.
const grid = page.getByRole('grid', { name: 'Model portfolios' });
const domRows: Record<string, number> = {};
for (const at of [0, 0.25, 0.5, 0.75, 1]) {
  domRows[`${at * 100}%`] = await grid.evaluate(
    (el, fraction) =>
      new Promise<number>((resolve) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * fraction;
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(el.querySelectorAll('[role="row"][data-id]').length)),
        );
      }),
    at,
  );
}
const scroll = (await page.evaluate(scrollScript)) as { frames: number[]; maxRows: number; domNodes: number };

await browser.close();
await services.dispose();
await sandbox.close();
await rm(userDataDir, { recursive: true, force: true });

const readyToPaint = firstPaints.map((r) => r.readyToPaint);
const keyMs = keystrokes.map((k) => k.ms);
await writeBenchResult('ui-browser', {
  portfolios,
  syncFromSandboxMs: Math.round(syncMs),
  dataReadyToFirstRowsPaintedMs: {
    median: round(median(readyToPaint)),
    max: round(Math.max(...readyToPaint)),
    runs: readyToPaint.map(round),
  },
  dataReadyToRowsCommittedMsMedian: round(median(firstPaints.map((r) => r.readyToCommit))),
  harnessTransportTrailingBusyMsMedian: round(median(transportBusy)),
  appOwnWorkDataReadyToRowsPaintedMsMedian: round(median(readyToPaint) - median(transportBusy)),
  navigationToDataReadyMsMedian: round(median(firstPaints.map((r) => r.navigationToReady))),
  navigationToFirstRowsPaintedMsMedian: round(median(firstPaints.map((r) => r.navigationToPaint))),
  filterKeystrokeToRepaintMs: {
    median: round(median(keyMs)),
    p95: round(percentile(keyMs, 95)),
    max: round(Math.max(...keyMs)),
    keystrokes: keystrokes.map((k) => ({ key: k.key, ms: round(k.ms), shown: k.shown })),
  },
  domRowsWhileScrolled: domRows,
  scrollThrough: {
    frames: scroll.frames.length,
    rowsPerFrame: 17,
    frameMsMedian: round(median(scroll.frames)),
    frameMsP95: round(percentile(scroll.frames, 95)),
    maxDomRows: scroll.maxRows,
    domElements: scroll.domNodes,
  },
  firstPaintDomRows: firstPaints[0]!.rows,
  browser: 'system Chromium (headless), 1280×820',
});
