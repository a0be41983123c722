// "Print / Save as PDF" end to end: the detail screen's button, the real main-side FactsheetService,
// Chromium's own printing (page.pdf() behind the PdfPrinter port) of the print stylesheet, and the
// saved PDF read back with poppler-utils: page count and size, every ticker, the chart's labels and
// bars (measured on the page rendered to pixels), the header row repeated on every page.
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { PageSize } from '../../../common/factsheet';
import type { Portfolio } from '../../../common/portfolio';
import type { PdfPrinter } from '../../../main/factsheet/pdf-printer';
import { allocationByAssetClass } from '../../../renderer/state/holdings';
import { openHarness, type Harness } from '../support/harness';
import {
  inkRun,
  inkShare,
  lines,
  pdfInfo,
  pdfText,
  pdfWords,
  renderGrey,
  renderPng,
  type PdfWord,
} from '../support/pdf-checks';
import { playwrightPdfPrinter } from '../support/playwright-pdf-printer';
import { checkScreen, expectAccessible, saveScreenshot, watchCsp } from '../support/ui-checks';

// Fixed locale and zone, so the dates the renderer prints can be written out here the same way.
test.use({ locale: 'en-US', timezoneId: 'UTC' });

const artefacts = path.resolve(import.meta.dirname, '../../../test-results/factsheet');
const pointsOf: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
};
const whenFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Holds prints until the test lets them go (to look at the factsheet while main is printing it). */
function heldPrinter(printer: PdfPrinter) {
  let reach = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    printer: {
      async print(options) {
        reach();
        await released;
        return printer.print(options);
      },
    } satisfies PdfPrinter,
    reached,
    release: () => release(),
  };
}

/** Demo data → the first portfolio's detail screen; answers the portfolio as main holds it. */
async function openFirstPortfolio(page: Page, harness: Harness): Promise<Portfolio> {
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('3 portfolios', { timeout: 30_000 });
  await page.getByRole('grid', { name: 'Model portfolios' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('detail-screen');
  const id = (await detail.locator('.detail-header .mono').textContent()) ?? '';
  const portfolio = await harness.services.portfolios.get(id);
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(portfolio.name);
  return portfolio;
}

/** Clicks "Print / Save as PDF…" on the chosen paper; the save dialog's stand-in answers `saveAs` ('' = cancel, null = as offered). */
async function clickSave(page: Page, harness: Harness, paper: 'auto' | PageSize, saveAs: string | null) {
  await page.getByTestId('factsheet-paper').selectOption(paper);
  harness.saveAs.next = saveAs;
  await page.getByTestId('factsheet-button').click();
}

/** Waits for main's answer to a save; answers the saved file and what the status line says. */
async function savedFile(page: Page, harness: Harness) {
  const status = page.getByTestId('factsheet-status');
  await expect(page.getByTestId('factsheet-button')).toHaveText('Print / Save as PDF…', { timeout: 30_000 });
  await expect(status).toContainText('Saved “');
  const text = oneLine((await status.textContent()) ?? '');
  const fileName = /Saved “(.+)”/.exec(text)?.[1] ?? '';
  // The factsheet is on the page only while main prints it.
  await expect(page.getByTestId('factsheet')).toHaveCount(0);
  return { fileName, file: path.join(harness.exportDir, fileName), status: text };
}

/** Saves the factsheet on the chosen paper under a file name. */
async function saveFactsheet(page: Page, harness: Harness, paper: 'auto' | PageSize, saveAs: string | null) {
  await clickSave(page, harness, paper, saveAs);
  return savedFile(page, harness);
}

/** Keeps the PDF and its pages as PNG under test-results/factsheet/ (and attached), for a person to look at. */
async function keepArtefacts(testInfo: TestInfo, file: string, name: string): Promise<string[]> {
  await mkdir(artefacts, { recursive: true });
  const pdf = path.join(artefacts, `${name}.pdf`);
  await copyFile(file, pdf);
  const old = (await readdir(artefacts)).filter((n) => n.startsWith(`${name}-`) && n.endsWith('.png'));
  await Promise.all(old.map((n) => rm(path.join(artefacts, n))));
  const pngs = await renderPng(pdf, path.join(artefacts, name));
  for (const png of pngs) await testInfo.attach(path.basename(png), { path: png, contentType: 'image/png' });
  await testInfo.attach(`${name}.pdf`, { path: pdf, contentType: 'application/pdf' });
  return pngs;
}

/** The words on one page. */
const onPage = (words: readonly PdfWord[], page: number) => words.filter((word) => word.page === page);

/** The paper, every holding's ticker, and the dates, as a reader of the PDF sees them. */
async function expectPaperAndHoldings(file: string, portfolio: Portfolio, pageSize: PageSize, syncedAt: string) {
  const info = await pdfInfo(file);
  expect(info.width).toBeCloseTo(pointsOf[pageSize].width, -0.5);
  expect(info.height).toBeCloseTo(pointsOf[pageSize].height, -0.5);
  const words = await pdfWords(file);
  const seen = new Set(words.map((word) => word.text));
  const missing = portfolio.holdings.map((holding) => holding.ticker).filter((ticker) => !seen.has(ticker));
  expect(missing, 'tickers missing from the PDF').toEqual([]);
  const text = oneLine(await pdfText(file));
  expect(text).toContain(portfolio.name);
  expect(text).toMatch(/Generated [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M/);
  // The data date: the value under the "Data as of" label is the sync's time.
  const label = lines(onPage(words, 1)).find((line) =>
    line
      .map((w) => w.text)
      .join(' ')
      .includes('DATA AS OF'),
  );
  const data = label?.find((word) => word.text === 'DATA');
  expect(data, 'the "Data as of" fact').toBeDefined();
  const value = onPage(words, 1).filter(
    (w) => w.xMin >= data!.xMin - 1 && w.xMin < data!.xMin + 120 && w.yMin > data!.yMax && w.yMin < data!.yMax + 14,
  );
  expect(oneLine(value.map((w) => w.text).join(' '))).toBe(oneLine(whenFormat.format(new Date(syncedAt))));
  expect(text).toContain(`Page ${info.pages} of ${info.pages}`);
  return { info, words };
}

/**
 * The chart on page 1: its axis (0–100 %) and one label per asset class, largest first, as text;
 * and on the page's pixels, a grey bar beside each label as long as that class's weight.
 */
async function expectChart(file: string, words: readonly PdfWord[], portfolio: Portfolio, prefix: string) {
  const slices = allocationByAssetClass(portfolio.holdings);
  const page1 = onPage(words, 1);
  const tickLine = lines(page1).find((line) => line.map((w) => w.text).join(' ') === '0% 25% 50% 75% 100%');
  expect(tickLine, 'the chart’s 0–100 % axis').toBeDefined();
  const centre = (word: PdfWord) => (word.xMin + word.xMax) / 2;
  const x0 = centre(tickLine![0]!);
  const x100 = centre(tickLine![4]!);
  const heading = lines(page1).find((line) => line.map((w) => w.text).join(' ') === 'Allocation by asset class')!;
  const labelLines = lines(
    page1.filter((w) => w.xMax <= x0 && w.yMin > heading[0]!.yMax && w.yMax < tickLine![0]!.yMin),
  );
  expect(labelLines.map((line) => line.map((w) => w.text).join(' '))).toEqual(slices.map((s) => s.assetClass));

  const grey = await renderGrey(file, 1, prefix);
  const top = heading[0]!.yMax;
  const chartBox = {
    x: labelLines[0]![0]!.xMin,
    y: top,
    width: x100 - labelLines[0]![0]!.xMin,
    height: tickLine![0]!.yMax - top,
  };
  expect(inkShare(grey, chartBox), 'ink in the chart region').toBeGreaterThan(0.03);
  const axis = x100 - x0;
  for (const [index, line] of labelLines.entries()) {
    const y = (line[0]!.yMin + line[0]!.yMax) / 2;
    const expected = slices[index]!.weight * axis;
    const bar = inkRun(grey, x0 + 1, y);
    expect(
      Math.abs(bar - (expected - 1)),
      `${slices[index]!.assetClass}: bar ${bar} pt for ${expected} pt`,
    ).toBeLessThan(2.5);
  }
}

test('a 20-holding portfolio prints on one page of A4 and of US Letter, chart and every holding on it', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const cspViolations = await watchCsp(page);
  const held = heldPrinter(playwrightPdfPrinter(page));
  // Germany: A4 when the paper is automatic.
  const harness = await openHarness(page, {
    demoData: { portfolios: 3, holdingsCount: 20 },
    pdfPrinter: held.printer,
    region: () => 'DE',
  });
  try {
    const portfolio = await openFirstPortfolio(page, harness);
    expect(portfolio.holdings).toHaveLength(20);
    const syncedAt = (await harness.services.portfolios.list()).syncedAt!;

    await test.step('the detail screen with its new button, light and dark', async () => {
      await expect(page.getByTestId('factsheet-button')).toHaveText('Print / Save as PDF…');
      await expect(page.getByTestId('factsheet')).toHaveCount(0);
      await checkScreen(page, testInfo, 'detail-factsheet-button');
    });

    await test.step('while main prints: the factsheet in print only, no app chrome; axe clean', async () => {
      await clickSave(page, harness, 'auto', null);
      await held.reached;
      const factsheet = page.getByTestId('factsheet');
      await expect(factsheet).toBeAttached();
      await expect(factsheet).toBeHidden();
      await expect(page.getByTestId('factsheet-button')).toHaveText('Saving PDF…');
      await page.setViewportSize({ width: 794, height: 1123 });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ media: 'print', colorScheme: scheme });
        await expect(factsheet).toBeVisible();
        for (const chrome of ['.app-header', '.app-main', '[data-testid="status-bar"]', '.toast-region'])
          await expect(page.locator(chrome).first()).toBeHidden();
        for (const button of await page.locator('button, select').all()) await expect(button).toBeHidden();
        await expect(factsheet.getByTestId('factsheet-chart').locator('.recharts-bar-rectangle')).toHaveCount(
          allocationByAssetClass(portfolio.holdings).length,
        );
        // Ink on white in either scheme.
        expect(await factsheet.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
        await expectAccessible(page, testInfo, `factsheet (print, ${scheme})`);
        await saveScreenshot(page, testInfo, scheme === 'light' ? 'factsheet-print' : 'factsheet-print-dark');
      }
      // Back to no emulation: an emulated "screen" would also be what page.pdf() prints.
      await page.emulateMedia({ media: null, colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 820 });
      held.release();
    });

    await test.step('automatic paper in Germany: A4, one page, under the default file name', async () => {
      // The save held above lands now.
      const first = await savedFile(page, harness);
      const today = new Date().toISOString().slice(0, 10);
      expect(first.fileName).toBe(`${portfolio.name} factsheet ${today}.pdf`);
      expect(first.status).toContain('(A4,');
      await page.getByTestId('factsheet-status').getByRole('button', { name: 'Show in folder' }).click();
      await expect.poll(() => harness.shown).toEqual([first.file]);
      await keepArtefacts(testInfo, first.file, 'factsheet-20-a4');
      const { info, words } = await expectPaperAndHoldings(first.file, portfolio, 'A4', syncedAt);
      expect(info.pages).toBe(1);
      await expectChart(first.file, words, portfolio, testInfo.outputPath('grey-20-a4'));
    });

    await test.step('US Letter chosen, printed with the screen in dark mode: one page, the same content', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      const letter = await saveFactsheet(page, harness, 'Letter', 'factsheet-20-letter.pdf');
      await page.emulateMedia({ colorScheme: 'light' });
      expect(letter.status).toContain('(US Letter,');
      await keepArtefacts(testInfo, letter.file, 'factsheet-20-letter');
      const { info, words } = await expectPaperAndHoldings(letter.file, portfolio, 'Letter', syncedAt);
      expect(info.pages).toBe(1);
      await expectChart(letter.file, words, portfolio, testInfo.outputPath('grey-20-letter'));
      // White paper: the dark screen scheme does not reach the print.
      const grey = await renderGrey(letter.file, 1, testInfo.outputPath('grey-20-letter-page'));
      expect(inkShare(grey, { x: 0, y: 0, width: 612, height: 792 }, 128)).toBeLessThan(0.1);
    });

    await test.step('cancelling the save dialog saves nothing and says nothing', async () => {
      const before = await readdir(harness.exportDir);
      await clickSave(page, harness, 'A4', '');
      await expect(page.getByTestId('factsheet-button')).toHaveText('Print / Save as PDF…');
      await expect(page.getByTestId('factsheet-status')).toHaveText('');
      await expect(page.getByTestId('factsheet')).toHaveCount(0);
      expect(await readdir(harness.exportDir)).toEqual(before);
    });

    expect(await cspViolations()).toEqual([]);
  } finally {
    await harness.dispose();
  }
});

test('a 60-holding portfolio flows onto more pages with the table header repeated, on A4 and US Letter', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  // The United States: US Letter when the paper is automatic.
  const harness = await openHarness(page, { demoData: { portfolios: 3, holdingsCount: 60 }, region: () => 'US' });
  try {
    const portfolio = await openFirstPortfolio(page, harness);
    expect(portfolio.holdings).toHaveLength(60);
    const syncedAt = (await harness.services.portfolios.list()).syncedAt!;
    for (const [paper, pageSize, name] of [
      ['auto', 'Letter', 'factsheet-60-letter'],
      ['A4', 'A4', 'factsheet-60-a4'],
    ] as const) {
      await test.step(`${pageSize} (${paper})`, async () => {
        const saved = await saveFactsheet(page, harness, paper, `${name}.pdf`);
        const pngs = await keepArtefacts(testInfo, saved.file, name);
        const { info, words } = await expectPaperAndHoldings(saved.file, portfolio, pageSize, syncedAt);
        expect(info.pages).toBeGreaterThanOrEqual(2);
        expect(pngs).toHaveLength(info.pages);
        await expectChart(saved.file, words, portfolio, testInfo.outputPath(`grey-${name}`));
        for (let number = 2; number <= info.pages; number += 1) {
          const top = lines(onPage(words, number))[0]!
            .map((word) => word.text)
            .join(' ');
          expect(top, `the first line of page ${number}`).toBe('# Ticker Name Asset class Weight');
        }
        // Every holding exactly once in the tables' ticker column, across the pages.
        const header = lines(onPage(words, 1)).find(
          (line) => line.map((w) => w.text).join(' ') === '# Ticker Name Asset class Weight',
        )!;
        const column = header[1]!.xMin;
        const inTables = words.filter((word) => word.page > 1 || word.yMin > header[0]!.yMax);
        const tickers = inTables.filter((word) => Math.abs(word.xMin - column) < 1.5 && word.text !== 'Ticker');
        expect(tickers.map((word) => word.text).sort()).toEqual(portfolio.holdings.map((h) => h.ticker).sort());
      });
    }
  } finally {
    await harness.dispose();
  }
});
