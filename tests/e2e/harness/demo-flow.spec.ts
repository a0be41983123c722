// The advisor's day against the built-in demo sandbox, with the real main-side services and keychain:
// first run → demo → list → detail → both CSVs → API down (offline, cached data still usable) → back → re-sync.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { openHarness, type Harness } from '../support/harness';
import { checkScreen, expectNoSecretsShown, watchCsp } from '../support/ui-checks';

let harness: Harness;
let cspViolations: () => Promise<string[]>;

test.beforeEach(async ({ page }) => {
  cspViolations = await watchCsp(page);
  harness = await openHarness(page);
});

test.afterEach(async () => {
  await harness.dispose();
});

function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('\r\n');
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

test('first run → demo → list → detail → export both CSVs → offline with cached data → back online', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const grid = page.getByRole('grid', { name: 'Model portfolios' });
  const search = page.getByRole('searchbox', { name: 'Search portfolios' });
  const notice = page.getByTestId('notice');
  const banner = page.getByTestId('offline-banner');

  await test.step('first run: the welcome screen with its two paths', async () => {
    await expect(page.getByRole('heading', { name: 'Welcome to Model Portfolios' })).toBeVisible();
    await checkScreen(page, testInfo, 'welcome');
  });

  const profile =
    await test.step('explore with demo data: sandbox, profile (secret in the keychain), sync', async () => {
      await page.getByRole('button', { name: 'Explore with demo data' }).click();
      await expect(page.getByTestId('browser-screen')).toBeVisible();
      await expect(page.getByTestId('result-count')).toHaveText('200 portfolios', { timeout: 30_000 });
      await expect(page.getByTestId('status-label')).toHaveText('Online');
      await expect(page.getByTestId('status-profile')).toContainText('Demo');
      await expect(page.getByTestId('status-token')).toContainText('valid until');
      const { profiles } = await harness.services.profiles.state();
      expect(profiles).toHaveLength(1);
      expect(profiles[0]).toMatchObject({
        demo: true,
        hasSecret: true,
        baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      return profiles[0]!;
    });

  await test.step('the list: the flagged record shows its weights sum; search by id finds it', async () => {
    await search.fill('mp-000003');
    await expect(page.getByTestId('result-count')).toHaveText('1 of 200 portfolios');
    await expect(grid.getByTestId('weights-flag')).toContainText('99.70');
    await search.fill('');
    await expect(page.getByTestId('result-count')).toHaveText('200 portfolios');
    await checkScreen(page, testInfo, 'browser');
  });

  await test.step('detail: opened with the keyboard, chart and holdings, sorted by ticker; Escape returns', async () => {
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('detail-screen');
    await expect(detail.getByRole('heading', { level: 2 })).toBeVisible();
    await expect(detail.getByTestId('weights-check')).toContainText('Weights sum to');
    await expect(detail.getByTestId('allocation-chart').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
    const holdingRows = detail.getByTestId('holdings-table').locator('tbody tr');
    expect(await holdingRows.count()).toBeGreaterThan(2);
    await expect(holdingRows.first().locator('td').last()).toHaveText(/\d+\.\d\d\s?%/);
    await detail.getByRole('button', { name: 'Ticker' }).click();
    await expect(detail.getByRole('columnheader', { name: 'Ticker' })).toHaveAttribute('aria-sort', 'ascending');
    await checkScreen(page, testInfo, 'detail');
    await page.keyboard.press('Escape');
    await expect(grid).toBeFocused();
  });

  await test.step('export the whole list through the save dialog; Show in folder reveals it', async () => {
    await page.getByRole('button', { name: 'Export list CSV…' }).click();
    await expect(notice).toContainText(/Saved “model-portfolios-\d{4}-\d\d-\d\d\.csv”/);
    await expect(notice).toContainText('200 rows');
    const listPath = `${harness.exportDir}/${(await notice.textContent())!.match(/“(.+?)”/)![1]}`;
    const list = parseCsv(await readFile(listPath, 'utf8'));
    expect(list[0]).toEqual([
      'Portfolio ID',
      'Name',
      'Description',
      'Risk level',
      'Strategy',
      'Benchmark',
      'Currency',
      'Minimum investment',
      'Updated at',
      'Holdings',
      'Weight sum (%)',
      'Weights complete',
    ]);
    expect(list).toHaveLength(201);
    expect(list.find((row) => row[0] === 'mp-000003')?.at(-1)).toBe('no');
    expect(list.find((row) => row[0] === 'mp-000019')?.[1]).toBe("'=SUM(A1:A2) Growth");
    await notice.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => harness.shown).toEqual([listPath]);
  });

  await test.step('select three portfolios and export their holdings', async () => {
    const rows = grid.locator('[role="row"][data-id]');
    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('selection-info')).toContainText('3 selected');
    const chosen = await Promise.all([0, 1, 2].map((i) => rows.nth(i).getAttribute('data-id')));
    harness.saveAs.next = 'holdings-selected.csv';
    await page.getByRole('button', { name: 'Export holdings CSV…' }).click();
    await expect(notice).toContainText('Saved “holdings-selected.csv”');
    const holdings = parseCsv(await readFile(`${harness.exportDir}/holdings-selected.csv`, 'utf8'));
    expect(holdings[0]).toEqual([
      'Portfolio ID',
      'Portfolio name',
      'Ticker',
      'Security name',
      'Asset class',
      'Weight (%)',
    ]);
    expect(new Set(holdings.slice(1).map((row) => row[0]))).toEqual(new Set(chosen));
    for (const id of chosen) {
      const sum = holdings.filter((row) => row[0] === id).reduce((total, row) => total + Number(row[5]), 0);
      expect(sum).toBeGreaterThan(99);
    }
  });

  await test.step('the API goes away: offline, the cached data still browsable and exportable', async () => {
    await harness.services.demo.stop();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(banner).toContainText('Offline since', { timeout: 30_000 });
    await expect(banner).toContainText('you can still browse and export it');
    await expect(page.getByTestId('status-label')).toContainText('Offline since');
    await search.fill('mp-00001');
    await expect(page.getByTestId('result-count')).toHaveText('10 of 200 portfolios');
    await search.fill('');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    harness.saveAs.next = 'offline-list.csv';
    await page.getByRole('button', { name: 'Export list CSV…' }).click();
    await expect(notice).toContainText('Saved “offline-list.csv”');
    expect(parseCsv(await readFile(`${harness.exportDir}/offline-list.csv`, 'utf8'))).toHaveLength(201);
    await notice.getByRole('button', { name: 'Dismiss message' }).click();
    await checkScreen(page, testInfo, 'offline');
  });

  await test.step('the API comes back on the same address: the network-back event re-syncs', async () => {
    await harness.services.demo.restart(profile);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.getByTestId('status-label')).toHaveText('Online', { timeout: 30_000 });
    await expect(banner).toBeHidden();
    await expect(page.getByTestId('status-synced')).toContainText(/now|second|minute/);
  });

  await test.step('no CSP violation, and no secret or token ever reached the page', async () => {
    expect(await cspViolations()).toEqual([]);
    await expectNoSecretsShown(page, harness, profile.id);
  });
});
