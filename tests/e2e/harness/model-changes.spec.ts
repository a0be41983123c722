// Model changes (issue 15) in the built renderer with the real main-side services, keychain and disk, against a
// sandbox that publishes revisions: the Changed column and filters, the status bar's count and its list, the
// notification port (once per changing background sync), the Changes tab with its version picker and the trade
// list CSV read back equal to the screen, comparing 3 portfolios, and the Settings panel; axe and screenshots.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { startSandbox, type RevisionRecord, type Sandbox } from '../../../sandbox';
import { RecordingNotifier } from '../../support/recording-notifier';
import { openHarness, type Harness } from '../support/harness';
import { checkScreen, expectAccessible, watchCsp } from '../support/ui-checks';

let harness: Harness;
let sandbox: Sandbox;
let notifier: RecordingNotifier;
let cspViolations: () => Promise<string[]>;

test.beforeEach(async ({ page }) => {
  sandbox = await startSandbox({ portfolios: 30, seed: 15, pageSize: 10 });
  notifier = new RecordingNotifier();
  cspViolations = await watchCsp(page);
  harness = await openHarness(page, { notifier });
});

test.afterEach(async () => {
  await harness.dispose();
  await sandbox.close();
});

function readCsv(text: string): Array<Record<string, string>> {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** The cells of a table's body rows, as shown. */
async function tableCells(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

/** A number as the screen shows it ("12.34%", "+0.50 pp", "−1.25 pp"), as a number. */
function shownNumber(text: string): number {
  return Number(text.replace('−', '-').replace(/[^\d.+-]/g, ''));
}

async function gridIds(page: Page): Promise<string[]> {
  return (
    await page
      .getByTestId('portfolio-grid')
      .locator('.pt-body [data-id]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id') ?? ''))
  ).sort();
}

test('changed models: badge and filters, status and notification, Changes tab, trade-list CSV, compare 3', async ({
  page,
}, testInfo) => {
  test.setTimeout(360_000);
  const status = page.getByTestId('status-changes');
  let records: RevisionRecord[] = [];

  await test.step('connect: nothing has changed yet', async () => {
    const saved = await harness.dispatch('profiles:save', {
      name: 'Partner API',
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.credentials.clientId,
      tokenStyle: 'json',
      secret: sandbox.credentials.clientSecret,
    });
    expect(saved.ok).toBe(true);
    await expect(page.getByTestId('result-count')).toHaveText('30 portfolios', { timeout: 30_000 });
    await expect(page.getByTestId('status-label')).toHaveText('Online');
    await expect(page.getByRole('columnheader', { name: 'Changed' })).toBeVisible();
    await expect(page.getByTestId('changed-cell')).toHaveCount(0);
    await expect(status).toHaveCount(0);
  });

  await test.step('a background sync after 3 revisions: one notification, "3 models changed", New badges', async () => {
    records = sandbox.revise({ ids: ['mp-000003', 'mp-000007', 'mp-000011'] });
    await harness.services.portfolios.syncNow('background');
    await expect(status).toHaveText('3 models changed');
    expect(notifier.shown.map((n) => n.body)).toEqual([expect.stringMatching(/^3 model portfolios changed: /)]);

    await page.getByTestId('change-filter').selectOption({ label: 'Since my last look (3)' });
    await expect(page.getByTestId('result-count')).toHaveText('3 of 30 portfolios');
    expect(await gridIds(page)).toEqual(['mp-000003', 'mp-000007', 'mp-000011']);
    await expect(page.getByTestId('changed-cell').filter({ hasText: 'New' })).toHaveCount(3);
    await page.getByTestId('change-filter').selectOption({ label: 'In the last 1 day' });
    await expect(page.getByTestId('result-count')).toHaveText('3 of 30 portfolios');
    await page.getByTestId('change-filter').selectOption({ label: 'Since my last look (3)' });
    await checkScreen(page, testInfo, 'browser-changes');
  });

  const record = records[0]!;
  await test.step('the status bar lists them; one opens on its Changes tab with the trade list', async () => {
    await status.getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: /3 models changed in the sync at/ });
    await expect(dialog.getByTestId('changed-list').locator('li')).toHaveCount(3);
    await expectAccessible(page, testInfo, 'changed-models dialog');
    const name = (await harness.services.portfolios.get(record.id)).name;
    await dialog.getByRole('button', { name }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('tab-changes')).toHaveAttribute('aria-selected', 'true');
    const table = page.getByTestId('trade-list-table');
    await expect(table.locator('tbody tr')).toHaveCount(
      record.added.length + record.removed.length + record.reweighted.length,
    );
    await expect(page.getByTestId('version-from')).toBeVisible();
    await expect(
      page.getByTestId('allocation-compare-chart').locator('svg .recharts-bar-rectangle').first(),
    ).toBeVisible();
    await checkScreen(page, testInfo, 'changes-tab');
  });

  await test.step('the trade list CSV read back equals the table on screen; sorting the table', async () => {
    const table = page.getByTestId('trade-list-table');
    const shown = await tableCells(table);
    harness.saveAs.next = 'trade-list.csv';
    await page.getByRole('button', { name: 'Export trade list CSV…' }).click();
    await expect(page.getByTestId('notice')).toContainText('Saved “trade-list.csv”');
    const rows = readCsv(await readFile(path.join(harness.exportDir, 'trade-list.csv'), 'utf8'));
    expect(rows).toHaveLength(shown.length);
    rows.forEach((row, i) => {
      const [trade, ticker, name, assetClass, change, oldWeight, newWeight, pp] = shown[i]!;
      expect(trade).toBe(row.Action === 'buy' ? '▲ Buy' : '▼ Sell');
      expect(ticker).toBe(row.Ticker);
      expect(name).toBe(row['Security name']);
      expect(assetClass).toBe(row['Asset class'] || '—');
      expect(change).toBe(row.Change);
      expect(shownNumber(oldWeight!)).toBeCloseTo(Number(row['Old weight (%)']), 2);
      expect(shownNumber(newWeight!)).toBeCloseTo(Number(row['New weight (%)']), 2);
      expect(shownNumber(pp!)).toBeCloseTo(Number(row['Change (pp)']), 2);
    });
    const header = table.getByRole('columnheader', { name: 'Change (pp)' });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const sorted = (await tableCells(table)).map((cells) => shownNumber(cells[7]!));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  });

  await test.step('looked at: no longer new; a user sync says so on screen but sends no notification', async () => {
    await page.getByRole('button', { name: 'All portfolios' }).click();
    await expect(page.getByTestId('result-count')).toHaveText('2 of 30 portfolios');
    sandbox.revise({ ids: [record.id] });
    await page.locator('footer.status-bar').getByRole('button', { name: 'Sync now' }).click();
    await expect(status).toHaveText('1 model changed');
    await expect(page.getByTestId('result-count')).toHaveText('3 of 30 portfolios');
    expect(notifier.shown).toHaveLength(1);
  });

  await test.step('the version picker compares any two kept versions', async () => {
    await page.getByTestId('portfolio-grid').locator(`[data-id="${record.id}"] .row-open`).click();
    await page.getByTestId('tab-changes').click();
    const from = page.getByTestId('version-from');
    await expect(from.locator('option')).toHaveCount(3);
    const latest = await page.getByTestId('changes-summary').textContent();
    const oldest = await from.locator('option').last().getAttribute('value');
    await from.selectOption(oldest!);
    await expect(page.getByTestId('changes-summary')).not.toHaveText(latest!);
    await expect(page.getByTestId('changes-summary')).toContainText('Changes: from');
    await expect(page.getByRole('button', { name: 'Latest change' })).toBeVisible();
    await checkScreen(page, testInfo, 'changes-version-picker');
  });

  await test.step('the notification port: once more for the next changing background sync, its click lists them', async () => {
    sandbox.revise({ ids: ['mp-000020', 'mp-000021'] });
    await harness.services.portfolios.syncNow('background');
    await harness.services.portfolios.syncNow('background');
    await expect(status).toHaveText('2 models changed');
    expect(notifier.shown).toHaveLength(2);
    notifier.shown[1]!.click();
    const dialog = page.getByRole('dialog', { name: /2 models changed in the sync at/ });
    await expect(dialog.getByTestId('changed-list').locator('li')).toHaveCount(2);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('compare 3 portfolios: facts, one allocation chart, overlap, CSV', async () => {
    await page.getByRole('button', { name: 'All portfolios' }).click();
    await page.getByTestId('change-filter').selectOption({ label: 'Any time or never' });
    const grid = page.getByTestId('portfolio-grid');
    await grid.getByRole('columnheader', { name: 'ID' }).getByRole('button').click();
    for (const id of ['mp-000001', 'mp-000002', 'mp-000004'])
      await grid.locator(`[data-id="${id}"] input[type="checkbox"]`).click();
    await page.getByTestId('compare-selected').click();
    const screen = page.getByTestId('compare-screen');
    await expect(screen.getByRole('heading', { name: 'Compare 3 portfolios' })).toBeVisible();
    await expect(screen.getByTestId('compare-facts').locator('thead th')).toHaveCount(4);
    await expect(
      screen.getByTestId('allocation-compare-chart').locator('svg .recharts-bar-rectangle').first(),
    ).toBeVisible();
    await expect(screen.getByTestId('holdings-overlap')).toContainText('Held by all 3');
    await checkScreen(page, testInfo, 'compare');
    harness.saveAs.next = 'comparison.csv';
    await screen.getByRole('button', { name: 'Export comparison CSV…' }).click();
    await expect(page.getByTestId('notice')).toContainText('Saved “comparison.csv”');
    const rows = readCsv(await readFile(path.join(harness.exportDir, 'comparison.csv'), 'utf8'));
    expect(Object.keys(rows[0]!).slice(5)).toHaveLength(3);
  });

  await test.step('Settings: tolerance and notifications', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByTestId('change-settings');
    await expect(panel.getByTestId('tolerance-input')).toHaveValue('0.01');
    await panel.getByTestId('tolerance-input').fill('0.5');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('notice')).toContainText('Re-weights under 0.50 pp are now hidden.');
    // The box follows main's answer (the settings query, refreshed by main's event), not the click itself.
    await panel.getByTestId('notify-toggle').click();
    await expect(panel.getByTestId('notify-toggle')).not.toBeChecked();
    await checkScreen(page, testInfo, 'settings-changes');
    sandbox.revise({ ids: ['mp-000025'] });
    await harness.services.portfolios.syncNow('background');
    await expect(status).toHaveText('1 model changed');
    expect(notifier.shown).toHaveLength(2);
  });

  expect(await cspViolations()).toEqual([]);
});
