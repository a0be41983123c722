// 10,000 portfolios from a sandbox the test starts (pages of 500), connected through the form:
// search, sort, filter, keyboard and scrolling work, and the DOM never holds more than ~100 rows.
import { expect, test, type Locator } from '@playwright/test';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { openHarness, type Harness } from '../support/harness';
import { expectAccessible } from '../support/ui-checks';

let harness: Harness;
let sandbox: Sandbox;

test.beforeEach(async ({ page }) => {
  sandbox = await startSandbox({ portfolios: 10_000, pageSize: 500 });
  harness = await openHarness(page);
});

test.afterEach(async () => {
  await harness.dispose();
  await sandbox.close();
});

const renderedRows = (grid: Locator) => grid.locator('[role="row"][data-id]');

test('10,000 portfolios: search, sort and scroll work with a bounded DOM', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'Connect to your API…' }).click();
  await page.getByLabel('Connection name').fill('Big partner');
  await page.getByLabel('Base URL').fill(sandbox.baseUrl);
  await page.getByLabel('Client ID').fill(sandbox.credentials.clientId);
  await page.getByLabel('Client secret').fill(sandbox.credentials.clientSecret);
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByTestId('result-count')).toHaveText(/^10[,.\s  ]?000 portfolios$/, { timeout: 90_000 });

  const grid = page.getByRole('grid', { name: 'Model portfolios' });
  await expect(grid).toHaveAttribute('aria-rowcount', '10001');
  const initial = await renderedRows(grid).count();
  expect(initial).toBeGreaterThan(10);
  expect(initial).toBeLessThanOrEqual(100);

  // Scroll to the middle and to the end: rows follow, the DOM stays small.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(grid.locator('[aria-rowindex="5001"]')).toBeAttached();
  expect(await renderedRows(grid).count()).toBeLessThanOrEqual(100);
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[aria-rowindex="10001"]')).toBeVisible();
  expect(await renderedRows(grid).count()).toBeLessThanOrEqual(100);

  // Keyboard: Home and End move the cursor across all 10,000 rows.
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(grid.locator('[aria-rowindex="2"]')).toBeVisible();
  await page.keyboard.press('End');
  await expect(grid.locator('[aria-rowindex="10001"]')).toHaveClass(/active/);
  await page.keyboard.press('PageUp');
  const active = await grid.getAttribute('aria-activedescendant');
  expect(Number(active?.replace('pt-row-', ''))).toBeLessThan(9999);

  // Sort by ID, descending: the last portfolio comes first.
  await page.keyboard.press('Home');
  const idHeader = grid.getByRole('columnheader', { name: /^ID/ });
  await idHeader.getByRole('button').click();
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'descending');
  await grid.evaluate((el) => (el.scrollTop = 0));
  await expect(renderedRows(grid).first()).toHaveAttribute('data-id', 'mp-010000');

  // Search by id, by ticker, and filter by risk level.
  const search = page.getByRole('searchbox', { name: 'Search portfolios' });
  await search.fill('mp-009999');
  await expect(page.getByTestId('result-count')).toHaveText(/^1 of 10[,.\s  ]?000 portfolios$/);
  await expect(renderedRows(grid)).toHaveCount(1);
  await search.fill('mp-0099');
  await expect(page.getByTestId('result-count')).toHaveText(/^100 of 10[,.\s  ]?000 portfolios$/);
  expect(await renderedRows(grid).count()).toBeLessThanOrEqual(100);
  await search.fill('');
  await page.getByLabel('Risk level').selectOption('Aggressive');
  await expect(page.getByTestId('result-count')).toHaveText(/ of 10[,.\s  ]?000 portfolios$/);
  await expect(renderedRows(grid).first().locator('[role="gridcell"]').nth(3)).toHaveText('Aggressive');

  // Select everything shown with the keyboard, and see the count.
  await grid.focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-info')).toContainText('selected');
  await expectAccessible(page, testInfo, 'browser with 10,000 portfolios');
});
