// UI figures for the portfolio browser with 10,000 portfolios, in the system Chromium with the built
// renderer and the real main-side services (sync from the sandbox over loopback, encrypted cache):
//  - navigation → first rows painted: the first screen (portfolios:firstScreen, 100 rows by name) on screen;
//    navigation → all rows: the whole list (portfolios:list) on screen and searchable (performance marks);
//  - the harness's own transport share: each call's round trip in the page against main's time for it, and on the
//    way to the first rows, the page served through Playwright's route plus the first screen's IPC transport;
//  - filter keystroke → repaint: from the keydown in the search box to the frame with the new rows, and
//    to the rows committed to the DOM (the app's own work), 3 rounds of 21 keys; against the same keystroke into
//    an input that does nothing (the browser's own keystroke-to-frame latency, measured in the same run);
//  - DOM rows while scrolled, and frame times while scrolling.
// The keychain is an in-memory SecretStore so the bench runs without a D-Bus session.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { tickerList } from '../common/portfolio-summary';
import { writeBenchResult } from './report';
import { harnessPreload } from '../tests/e2e/support/harness';

const portfolios = 10_000;
const loads = 7;
const repoRoot = path.resolve(import.meta.dirname, '..');
const rendererDir = path.join(repoRoot, 'out/renderer');
// Always build: a renderer left in out/ by an earlier checkout would be measured instead of this one.
const built = spawnSync('node', ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (built.status !== 0 || !existsSync(path.join(rendererDir, 'index.html'))) throw new Error('the build failed');

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
// A page that breaks says why, instead of a bare timeout.
page.on('pageerror', (error) => console.error('page error:', error.stack ?? error.message));
page.on('console', (message) => {
  if (message.type() === 'error') console.error('page console:', message.text());
});
await page.route('http://app.local/**', async (route) => {
  const response = await rendererResponse(rendererDir, route.request().url());
  await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
});
await page.exposeBinding('__mpInvoke', (_source, channel: unknown, arg: unknown) => dispatch(String(channel), arg));
// The list in the shape it had before (tickers as an array per portfolio), to time its transport in the same run.
await page.exposeBinding('__mpListAsArrays', async () => {
  const listing = await services.portfolios.list();
  return { ...listing, portfolios: listing.portfolios.map((p) => ({ ...p, tickers: tickerList(p) })) };
});
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

/** Loads the app and returns when the first screen and the whole list arrived and were painted, in ms. */
async function loadOnce(p: Page): Promise<{
  readyToPaint: number;
  readyToCommit: number;
  navigationToReady: number;
  navigationToPaint: number;
  navigationToFirstScreen: number;
  navigationToFirstScreenAsked: number;
  navigationToDomContentLoaded: number;
  harnessServingMs: number;
  navigationToFirstRows: number;
  firstRows: number;
  rows: number;
}> {
  // From a blank page, as the app's window starts: the navigation timeline then holds no unload of the last load's
  // page (10,000 rows and their list), which the app at start never pays.
  await p.goto('about:blank');
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
    const screen = performance.getEntriesByName('mp:first-screen-ready')[0];
    const asked = performance.getEntriesByName('mp:first-screen-asked')[0];
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const first = performance
      .getEntriesByName('mp:rows-painted')
      .find((m) => ((m as PerformanceMark).detail as number) > 0)!;
    // The page and its scripts and styles come through Playwright's route (the harness's stand-in for the app's
    // own protocol): the time from each request to its last byte, as the page saw it, overlapping requests once.
    const fetched = [navigation, ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    const spans = fetched.map((e) => [e.startTime, e.responseEnd] as const).sort((a, b) => a[0] - b[0]);
    let harnessServingMs = 0;
    let coveredTo = 0;
    for (const [from, to] of spans) {
      if (to > coveredTo) harnessServingMs += to - Math.max(from, coveredTo);
      coveredTo = Math.max(coveredTo, to);
    }
    return {
      harnessServingMs,
      navigationToFirstScreen: screen ? screen.startTime : Number.NaN,
      navigationToFirstScreenAsked: asked ? asked.startTime : Number.NaN,
      navigationToDomContentLoaded: navigation.domContentLoadedEventEnd,
      navigationToFirstRows: first.startTime,
      firstRows: (first as PerformanceMark).detail as number,
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

// The harness hands answers over through CDP (Playwright's exposeBinding): main's result is serialised
// value by value, sent, and rebuilt in the page, which keeps the page's main thread busy for a while after
// the answer resolves. Measured alone (no React involved), for the first screen and the whole list: the
// round trip in the page (call → answer → next free moment of its main thread) against main's own time for
// the same call (the dispatcher, in Node); the rest is the harness's transport.
const transportBusy: number[] = [];
const transport = { firstScreen: [] as number[], list: [] as number[], listAsArrays: [] as number[] };
const mainSide = { firstScreen: [] as number[], list: [] as number[] };
const roundTrip = (call: string) => `(() => {
  const asked = performance.now();
  return ${call}.then(() => {
    const resolved = performance.now();
    return new Promise((resolve) => setTimeout(() => resolve({ total: performance.now() - asked, busy: performance.now() - resolved }), 0));
  });
})()`;
for (let i = 0; i < 5; i += 1) {
  for (const [name, channel, arg, call] of [
    [
      'firstScreen',
      'portfolios:firstScreen',
      { limit: 100 },
      'window.portfolioApi.portfolios.firstScreen({ limit: 100 })',
    ],
    ['list', 'portfolios:list', undefined, 'window.portfolioApi.portfolios.list()'],
  ] as const) {
    const began = performance.now();
    await dispatch(channel, arg);
    mainSide[name].push(performance.now() - began);
    const trip = (await page.evaluate(roundTrip(call))) as { total: number; busy: number };
    transport[name].push(trip.total);
    if (name === 'list') transportBusy.push(trip.busy);
  }
  if (i < 3)
    transport.listAsArrays.push(
      ((await page.evaluate(roundTrip('window.__mpListAsArrays()'))) as { total: number }).total,
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
// The transport runs above left the page's heap full of the harness's copies of the list (the real app gets one
// copy, once): collect them first, so no keystroke is charged with the harness's garbage.
await (await context.newCDPSession(page)).send('HeapProfiler.collectGarbage');
// Three rounds, each typed from an empty box: a word typed and deleted, an id (or a word) typed and deleted, a
// word typed. The rounds share no query, so none is answered by an earlier round's search (recent passes are kept).
const deleteSix = Array<string>(6).fill('Backspace');
const rounds = [
  ['a', 'g', 'g', 'Backspace', 'Backspace', 'Backspace', 'm', 'p', '-', '0', '0', '9', ...deleteSix, 'b', 'a', 'l'],
  ['e', 'q', 'u', 'Backspace', 'Backspace', 'Backspace', '0', '0', '0', '5', '1', '7', ...deleteSix, 'c', 'o', 'r'],
  ['d', 'i', 'v', 'Backspace', 'Backspace', 'Backspace', 'g', 'l', 'o', 'b', 'a', 'l', ...deleteSix, 'v', 't', 'i'],
];
const keystrokes: Array<{ key: string; ms: number; commitMs: number; shown: number }> = [];
// The whole list on screen again (the search box emptied), not timed.
async function clearSearch() {
  await search.fill('');
  await page.waitForFunction((n) => {
    const marks = performance.getEntriesByName('mp:rows-painted');
    return (marks[marks.length - 1] as PerformanceMark | undefined)?.detail === n;
  }, portfolios);
  await page.evaluate(settleScript);
}
// A CPU profile of the keystrokes when UI_BENCH_PROFILE names a file (for finding where a keystroke's time goes).
const profileFile = process.env.UI_BENCH_PROFILE;
const cdp = await context.newCDPSession(page);
// A Chromium trace of the keystrokes when UI_BENCH_TRACE names a file (style, layout, paint and script per frame).
const traceFile = process.env.UI_BENCH_TRACE;
if (traceFile) await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'v8', 'blink'] });
if (profileFile) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}
// 63 keystrokes for the p95.
for (const [index, key] of rounds.flat().entries()) {
  if (index > 0 && index % rounds[0]!.length === 0) await clearSearch();
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
    const commits = performance.getEntriesByName('mp:rows-committed').filter((m) => m.startTime >= down);
    const commit = commits[commits.length - 1]!;
    return {
      ms: last.startTime - down,
      commitMs: commit.startTime - down,
      shown: (last as PerformanceMark).detail as number,
    };
  });
  keystrokes.push({ key, ...measured });
}

if (traceFile) {
  await browser.stopTracing();
  console.log(`trace of the keystrokes: ${traceFile}`);
}
if (profileFile) {
  const { profile } = await cdp.send('Profiler.stop');
  await writeFile(profileFile, JSON.stringify(profile));
  console.log(`CPU profile of the keystrokes: ${profileFile}`);
}

// The floor: the same keystrokes into an input outside the app that does nothing but show the character,
// timed the same way (keydown → the frame after the input event). No app can paint a keystroke sooner.
await page.evaluate(`(() => {
  const input = document.createElement('input');
  input.id = 'mp-inert';
  input.setAttribute('aria-label', 'Inert input');
  input.style.cssText = 'position:fixed;top:0;left:0;width:240px;z-index:9';
  input.addEventListener('input', () =>
    requestAnimationFrame(() => setTimeout(() => performance.mark('mp:inert-painted'), 0)),
  );
  document.body.append(input);
})()`);
await page.focus('#mp-inert');
const floor: number[] = [];
for (const key of 'abcdefghijklmnopqrstu'.repeat(3)) {
  const before = await page.evaluate(() => performance.getEntriesByName('mp:inert-painted').length);
  await page.keyboard.press(key);
  await page.waitForFunction((count) => performance.getEntriesByName('mp:inert-painted').length > count, before);
  floor.push(
    await page.evaluate(() => {
      const downs = (window as unknown as { __keydowns: number[] }).__keydowns;
      const marks = performance.getEntriesByName('mp:inert-painted');
      return marks[marks.length - 1]!.startTime - downs[downs.length - 1]!;
    }),
  );
}
await page.evaluate(() => document.getElementById('mp-inert')?.remove());
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
const commitMs = keystrokes.map((k) => k.commitMs);
const spread = (values: number[]) => ({
  median: round(median(values)),
  p95: round(percentile(values, 95)),
  max: round(Math.max(...values)),
});
const medianOf = (values: number[]) => round(median(values));
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
  // Where the time to the first rows goes: the page's own start (HTML, scripts, React, the profile read), the
  // first screen's round trip, then React and the frame.
  navigationToDomContentLoadedMsMedian: medianOf(firstPaints.map((r) => r.navigationToDomContentLoaded)),
  navigationToFirstScreenAskedMsMedian: medianOf(firstPaints.map((r) => r.navigationToFirstScreenAsked)),
  navigationToFirstScreenReadyMsMedian: medianOf(firstPaints.map((r) => r.navigationToFirstScreen)),
  // The harness's own share of the way to the first rows: serving the page through Playwright's route, and the
  // first screen's round trip through its IPC stand-in less main's own time for it (the real app has neither).
  harnessShareOfNavigationToFirstRows: (() => {
    const serving = median(firstPaints.map((r) => r.harnessServingMs));
    const ipc = Math.max(0, median(transport.firstScreen) - median(mainSide.firstScreen));
    const total = median(firstPaints.map((r) => r.navigationToFirstRows));
    return {
      pageServingMsMedian: round(serving),
      firstScreenIpcTransportMsMedian: round(ipc),
      share: Number(((serving + ipc) / total).toFixed(2)),
      navigationToFirstRowsLessHarnessMsMedian: round(total - serving - ipc),
    };
  })(),
  navigationToFirstRowsPaintedMs: {
    ...spread(firstPaints.map((r) => r.navigationToFirstRows)),
    runs: firstPaints.map((r) => round(r.navigationToFirstRows)),
    rows: firstPaints[0]!.firstRows,
  },
  navigationToDataReadyMsMedian: medianOf(firstPaints.map((r) => r.navigationToReady)),
  navigationToAllRowsPaintedMsMedian: medianOf(firstPaints.map((r) => r.navigationToPaint)),
  harnessTransport: {
    firstScreenRoundTripInPageMsMedian: medianOf(transport.firstScreen),
    firstScreenMainSideMsMedian: medianOf(mainSide.firstScreen),
    listRoundTripInPageMsMedian: medianOf(transport.list),
    listMainSideMsMedian: medianOf(mainSide.list),
    listWithTickerArraysRoundTripInPageMsMedian: medianOf(transport.listAsArrays),
    listTickerTextVsArrays: Number((median(transport.list) / median(transport.listAsArrays)).toFixed(2)),
    listTransportShare: Number(((median(transport.list) - median(mainSide.list)) / median(transport.list)).toFixed(2)),
  },
  filterKeystrokeToRepaintMs: {
    ...spread(keyMs),
    keystrokes: keystrokes.map((k) => ({ key: k.key, ms: round(k.ms), commitMs: round(k.commitMs), shown: k.shown })),
  },
  filterKeystrokeToRowsCommittedMs: spread(commitMs),
  browserFloorKeystrokeToRepaintMs: { ...spread(floor), runs: floor.map(round) },
  filterOverFloorMs: {
    median: round(median(keyMs) - median(floor)),
    p95: round(percentile(keyMs, 95) - percentile(floor, 95)),
  },
  loadAverage1m: round(os.loadavg()[0]!),
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
