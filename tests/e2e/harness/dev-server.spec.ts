// The renderer as `npm run dev:harness` shows it: Vite's dev server (hot reload) with the real
// main-side services. The sender check trusts exactly the dev server's origin, and the CSP holds as
// in the build: the policy adds only a per-run nonce and the HMR socket, and nothing violates it.
import { expect, test } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import { freePort, startDevServer } from '../support/dev-server';
import { openHarness, type Harness } from '../support/harness';
import { watchCsp } from '../support/ui-checks';

let dev: { server: ViteDevServer; url: string; port: number };
let harness: Harness;

test.beforeAll(async () => {
  const port = await freePort();
  dev = { ...(await startDevServer(port)), port };
});

test.afterAll(async () => {
  await dev.server.close();
});

test.afterEach(async () => {
  await harness.dispose();
});

test('serves the dev renderer under the app’s CSP plus a nonce and the HMR socket, with hot reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  const cspViolations = await watchCsp(page);
  const navigation = page.waitForResponse((response) => response.url().endsWith('/index.html'));
  harness = await openHarness(page, {}, { kind: 'dev', url: dev.url });
  const header = (await (await navigation).allHeaders())['content-security-policy'] ?? '';

  // The first-run screen, with main's facts through the bridge (the sender check let them through).
  await expect(page.getByRole('heading', { name: 'Welcome to Model Portfolios' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  expect(new URL(page.url()).host).toBe(`127.0.0.1:${dev.port}`);

  const directives = new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...v]) => [name, v]),
  );
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{16,}'$/)]);
  expect(directives.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${dev.port}`]);
  expect(header).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);

  // The HMR socket is open: a reload the dev server asks for reaches the page, which comes back.
  await expect.poll(() => logs.some((line) => line.includes('[vite] connected'))).toBe(true);
  const reloaded = page.waitForEvent('load');
  dev.server.ws.send({ type: 'full-reload', path: '*' });
  await reloaded;
  await expect(page.getByRole('heading', { name: 'Welcome to Model Portfolios' })).toBeVisible({ timeout: 60_000 });
  expect(await cspViolations()).toEqual([]);
});
