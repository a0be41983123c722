// A firm's network: the API (the sandbox over https) is reached only through a real proxy (Debian's
// tinyproxy on 127.0.0.1, BasicAuth), set in the profile's Network section. The proxy asks for
// sign-in: the dialog appears, a wrong password asks again saying so, the right one lets the sync
// through and is kept in the keychain (account proxy:<host>:<port>); after a restart (new main-side
// services over the same user-data folder and keychain) nothing is asked again, until Settings → Proxy sign-ins
// forgets it.
import { expect, test } from '@playwright/test';
import { proxyCredentialsAccount } from '../../../main/auth/keychain-accounts';
import { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTinyproxy, type Tinyproxy } from '../../integration/support/tinyproxy';
import { builtRenderer, openHarness, type Harness } from '../support/harness';
import { checkScreen, watchCsp } from '../support/ui-checks';

const user = 'advisor';
const password = `Proxy-pw-${process.pid}-x9`;
const wrongPassword = 'not-the-proxy-password';

let sandbox: Sandbox;
let proxy: Tinyproxy;
const harnesses: Harness[] = [];

test.beforeEach(async () => {
  sandbox = await startSandbox({ tls: true, portfolios: 25, listHoldings: false });
  proxy = await startTinyproxy({
    basicAuth: { user, password },
    connectPorts: [Number(new URL(sandbox.baseUrl).port)],
  });
});

test.afterEach(async () => {
  const last = harnesses.at(-1);
  if (last) await new KeytarSecretStore(last.keychainService).delete(proxyCredentialsAccount(proxy.host, proxy.port));
  for (const harness of harnesses.splice(0).reverse()) await harness.dispose().catch(() => undefined);
  await proxy.close();
  await sandbox.close();
});

test('the proxy asks: wrong password → asked again; right one → data, kept; no second prompt after a restart', async ({
  page,
  context,
}, testInfo) => {
  // Six axe scans, two windows and a restart: generous on a shared, loaded machine.
  test.setTimeout(240_000);
  const network = { extraCa: [sandbox.caPem!] };
  const cspViolations = await watchCsp(page);
  const harness = await openHarness(page, { network });
  harnesses.push(harness);
  const proxyAddress = `${proxy.host}:${proxy.port}`;

  // The connection form, with its Network section set to the firm's proxy.
  await page.getByRole('button', { name: 'Connect to your API…' }).click();
  const setup = page.getByTestId('setup-screen');
  await setup.getByLabel('Connection name').fill('Partner API');
  await setup.getByLabel('Base URL').fill(sandbox.baseUrl);
  await setup.getByLabel('Client ID').fill(sandbox.credentials.clientId);
  await setup.getByLabel('Client secret').fill(sandbox.credentials.clientSecret);
  const networkFields = setup.getByTestId('network-fields');
  await expect(networkFields.getByLabel(/Use the system’s proxy settings/)).toBeChecked();
  await networkFields.getByLabel(/Manual proxy/).check();
  await networkFields.getByLabel('Proxy address').fill(`http://${user}:${password}@${proxyAddress}`);
  await setup.getByRole('button', { name: 'Save and connect' }).click();
  await expect(networkFields.getByText(/Leave the user name and password out/)).toBeVisible();
  await networkFields.getByLabel('Proxy address').fill(proxy.url);
  await networkFields.getByLabel('Go direct to these hosts').fill('.intranet.example, 10.0.0.0/8');
  await checkScreen(page, testInfo, 'network-settings');

  // Saved: the first sync meets the proxy's 407 and the dialog asks, naming the proxy.
  await setup.getByRole('button', { name: 'Save and connect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to the proxy' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText(proxyAddress);
  await expect(dialog).toContainText('“Tinyproxy”');
  await expect(dialog.getByTestId('proxy-sign-in-wrong')).toHaveCount(0);
  await expect(dialog.getByLabel('Proxy user name')).toBeFocused();
  await expect(dialog.getByLabel('Proxy password')).toHaveAttribute('type', 'password');
  await checkScreen(page, testInfo, 'proxy-sign-in');

  // A wrong password: asked again, saying so; the user name is kept, the password field is empty.
  await dialog.getByLabel('Proxy user name').fill(user);
  await dialog.getByLabel('Proxy password').fill(wrongPassword);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByTestId('proxy-sign-in-wrong')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('proxy-sign-in-wrong')).toContainText('did not accept that user name and password');
  await expect(dialog.getByLabel('Proxy user name')).toHaveValue(user);
  await expect(dialog.getByLabel('Proxy password')).toHaveValue('');
  await expect(dialog.getByLabel('Proxy password')).toBeFocused();
  await checkScreen(page, testInfo, 'proxy-sign-in-wrong');

  // The right one: the sync goes through, and the credentials are in the keychain.
  await dialog.getByLabel('Proxy password').fill(password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('result-count')).toHaveText('25 portfolios', { timeout: 30_000 });
  await expect(page.getByTestId('status-label')).toHaveText('Online');
  const keychain = new KeytarSecretStore(harness.keychainService);
  const account = proxyCredentialsAccount(proxy.host, proxy.port);
  expect(account).toBe(`proxy:${proxyAddress}`);
  expect(JSON.parse((await keychain.get(account))!)).toEqual({ username: user, password });
  const tunnels = (await proxy.requests()).filter((line) => line.method === 'CONNECT');
  expect(tunnels.length).toBeGreaterThan(0);
  expect(tunnels.every((line) => line.target === new URL(sandbox.baseUrl).host)).toBe(true);

  // Test connection says which way it went.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Edit Partner API' }).click();
  await expect(setup.getByTestId('network-fields').getByLabel('Proxy address')).toHaveValue(proxy.url);
  await setup.getByRole('button', { name: 'Test connection' }).click();
  await expect(setup.getByTestId('test-step-reach')).toContainText(
    `Reached ${new URL(sandbox.baseUrl).host} through the proxy at ${proxyAddress}.`,
  );
  await setup.getByRole('button', { name: 'Cancel' }).click();

  // The password (raw or as Basic user:pass) never reached the renderer: no answer, no DOM, no field.
  const seen = JSON.stringify(harness.calls) + (await page.content());
  for (const value of [password, wrongPassword, Buffer.from(`${user}:${password}`).toString('base64')])
    expect(seen).not.toContain(value);
  expect(await cspViolations()).toEqual([]);

  // A restart: new services over the same folder and keychain, a new window. Nothing is asked.
  await harness.stop();
  harnesses.splice(harnesses.indexOf(harness), 1);
  const connectsBefore = tunnels.length;
  const again = await context.newPage();
  const restarted = await openHarness(again, { network }, builtRenderer, {
    userDataDir: harness.userDataDir,
    keychainService: harness.keychainService,
  });
  harnesses.push(restarted);
  await expect(again.getByTestId('result-count')).toHaveText('25 portfolios', { timeout: 30_000 });
  await expect(again.getByTestId('status-label')).toHaveText('Online', { timeout: 30_000 });
  await again.getByRole('button', { name: 'Sync now' }).click();
  await expect(again.getByTestId('notice')).toContainText(/^(Synced|Up to date)/, { timeout: 30_000 });
  expect((await proxy.requests()).filter((line) => line.method === 'CONNECT').length).toBeGreaterThan(connectsBefore);
  await expect(again.getByRole('dialog')).toHaveCount(0);
  expect(restarted.calls.map((call) => call.channel)).not.toContain('proxy:signIn');
  expect(restarted.calls.filter((call) => call.channel === 'proxy:current')).toEqual([
    { channel: 'proxy:current', result: { ok: true, value: null } },
  ]);

  // Settings → Proxy sign-ins: the kept sign-in, by address only; Forget signs out of the proxy, which asks again.
  await again.getByRole('button', { name: 'Settings' }).click();
  const signIns = again.getByTestId('proxy-sign-ins');
  await expect(signIns.getByRole('listitem')).toHaveText([`${proxyAddress}Forget`]);
  await checkScreen(again, testInfo, 'proxy-sign-ins');
  await signIns.getByRole('button', { name: `Forget the password for ${proxyAddress}` }).click();
  await expect(again.getByTestId('notice')).toContainText(`Forgot the password for the proxy at ${proxyAddress}`);
  await expect(signIns).toContainText('No proxy password is kept.');
  expect((await keychain.get(account)) === null).toBe(true);
  await again.getByRole('button', { name: 'Portfolios' }).click();
  await again.getByRole('button', { name: 'Sync now' }).click();
  const asked = again.getByRole('dialog', { name: 'Sign in to the proxy' });
  await expect(asked).toBeVisible({ timeout: 30_000 });
  await expect(asked).toContainText(proxyAddress);
  await asked.getByRole('button', { name: 'Cancel' }).click();
  await expect(asked).toBeHidden();
});
