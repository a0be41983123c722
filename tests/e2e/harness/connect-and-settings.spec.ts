// Connecting to "your" API (a sandbox started by the test, typed into the form): a wrong secret gives
// the invalid_client message and its fix, the right one gives data; then the Settings screen's
// profile actions: switch, test, replace the secret, sign out, delete with confirmation.
import { expect, test } from '@playwright/test';
import { clientSecretAccount } from '../../../main/auth/keychain-accounts';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { openHarness, type Harness } from '../support/harness';
import { checkScreen, expectAccessible, expectNoSecretsShown, saveScreenshot, watchCsp } from '../support/ui-checks';

const invalidClient = 'The API rejected your client ID or secret (invalid_client). Check them in Settings.';

let harness: Harness;
let sandbox: Sandbox;
let cspViolations: () => Promise<string[]>;

test.beforeEach(async ({ page }) => {
  sandbox = await startSandbox({ portfolios: 25 });
  cspViolations = await watchCsp(page);
  harness = await openHarness(page, { demoData: { portfolios: 60 } });
});

test.afterEach(async () => {
  await harness.dispose();
  await sandbox.close();
});

test('wrong secret → invalid_client and the fix; the right one → data; then every profile action', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.getByRole('button', { name: 'Connect to your API…' }).click();
  const setup = page.getByTestId('setup-screen');
  await expect(setup.getByRole('heading', { name: 'Connect to your API' })).toBeVisible();

  // Client-side checks first: empty fields and a plain-http remote URL are refused in words.
  await setup.getByRole('button', { name: 'Save and connect' }).click();
  await expect(setup.getByText('Give the connection a name.')).toBeVisible();
  await expect(setup.getByLabel('Connection name')).toBeFocused();
  await setup.getByLabel('Base URL').fill('http://api.partner.example');
  await setup.getByLabel('Client ID').focus();
  await expect(setup.getByText(/must start with https:\/\//)).toBeVisible();

  await setup.getByLabel('Connection name').fill('Partner API');
  await setup.getByLabel('Base URL').fill(`${sandbox.baseUrl}/`);
  await setup.getByLabel('Client ID').fill(sandbox.credentials.clientId);
  await expect(setup.getByLabel('Client secret')).toHaveAttribute('type', 'password');
  await setup.getByLabel('Client secret').fill('not-the-secret');
  await setup.getByText('Advanced').click();
  await expect(setup.getByLabel('JSON body (as the partner documents)')).toBeChecked();

  // Test connection: each step's result, the credentials step failing with the fix.
  await setup.getByRole('button', { name: 'Test connection' }).click();
  const report = setup.getByTestId('test-report');
  await expect(report).toContainText('Connection test failed.');
  // Every request has a route now (the profile's network setting): the step says which way it went.
  await expect(report.getByTestId('test-step-reach')).toContainText(
    `Reached ${new URL(sandbox.baseUrl).host} directly.`,
  );
  await expect(report.getByTestId('test-step-credentials')).toContainText(invalidClient);
  await expect(report.getByTestId('test-step-api')).toContainText('Not tried.');
  await checkScreen(page, testInfo, 'setup');

  // Saved with the wrong secret: the sync fails with the auth error and the way to fix it.
  await setup.getByRole('button', { name: 'Save and connect' }).click();
  const authBanner = page.getByTestId('auth-error-banner');
  await expect(authBanner).toContainText(invalidClient, { timeout: 30_000 });
  await expect(page.getByTestId('status-label')).toHaveText('Sign-in failed');
  await expect(page.getByTestId('status-connection').getByRole('button', { name: 'Fix in Settings' })).toBeVisible();

  // The fix: Settings → Replace secret with the right one → data.
  await authBanner.getByRole('button', { name: 'Open Settings' }).click();
  const settings = page.getByTestId('settings-screen');
  await settings.getByRole('button', { name: 'Replace the secret of Partner API' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace the secret of “Partner API”' });
  await expect(dialog.getByLabel('New client secret')).toHaveAttribute('type', 'password');
  await expect(dialog.getByLabel('New client secret')).toHaveValue('');
  await expect(dialog.getByLabel('New client secret')).toBeFocused();
  await expectAccessible(page, testInfo, 'replace-secret dialog');
  await dialog.getByLabel('New client secret').fill(sandbox.credentials.clientSecret);
  await dialog.getByRole('button', { name: 'Replace secret' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-label')).toHaveText('Online', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Portfolios' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('25 portfolios');
  await expect(authBanner).toBeHidden();

  // Test the saved connection from its edit form (the secret field stays empty: the stored one is used).
  await page.getByRole('button', { name: 'Settings' }).click();
  await settings.getByRole('button', { name: 'Edit Partner API' }).click();
  await expect(setup.getByLabel('Client secret')).toHaveValue('');
  await setup.getByRole('button', { name: 'Test connection' }).click();
  await expect(setup.getByTestId('test-report')).toContainText('Connection works.');
  await expect(setup.getByTestId('test-step-api')).toContainText('25 model portfolios');
  await setup.getByRole('button', { name: 'Cancel' }).click();

  // A second profile (the demo), then switch back.
  await settings.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('60 portfolios', { timeout: 30_000 });
  await expect(page.getByTestId('status-profile')).toContainText('Demo data');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByTestId('profile-item')).toHaveCount(2);
  await settings.getByRole('button', { name: 'Use this connection' }).click();
  await expect(page.getByTestId('status-profile')).toContainText('Partner API');
  await expect(page.getByTestId('status-label')).toHaveText('Online', { timeout: 30_000 });
  const partner = settings.getByTestId('profile-item').filter({ hasText: 'Partner API' });
  await expect(partner).toContainText('In use');
  await expect(partner).toContainText('Stored in the system keychain');
  await page.getByRole('button', { name: 'Portfolios' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('25 portfolios');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(partner).toContainText(/Valid until/);
  await checkScreen(page, testInfo, 'settings');

  // Sign out forgets the token (a time is shown, never the token).
  const partnerId = (await harness.services.profiles.state()).profiles.find((p) => p.name === 'Partner API')!.id;
  await expectNoSecretsShown(page, harness, partnerId);
  await settings.getByRole('button', { name: 'Sign out of Partner API' }).click();
  await expect(page.getByTestId('notice')).toContainText('Signed out of “Partner API”');
  await expect(partner).toContainText('None (the app signs in at the next sync)');

  // Delete asks first; Cancel keeps everything, Delete forgets secret, token and cache.
  await settings.getByRole('button', { name: 'Delete Partner API' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete “Partner API”?' });
  await expect(confirm).toContainText('cannot be undone');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, testInfo, 'delete confirmation');
  await saveScreenshot(page, testInfo, 'settings-delete-confirm');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  expect(await harness.services.secrets.get(clientSecretAccount(partnerId))).not.toBeNull();
  await settings.getByRole('button', { name: 'Delete Partner API' }).click();
  await confirm.getByRole('button', { name: 'Delete connection' }).click();
  await expect(settings.getByTestId('profile-item')).toHaveCount(1);
  expect(await harness.services.secrets.get(clientSecretAccount(partnerId))).toBeNull();

  expect(await cspViolations()).toEqual([]);
});
