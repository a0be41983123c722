import { expect, test } from '@playwright/test';
import { contract } from '../../../common/contract';
import { splitChannel, subscriberName } from '../../../common/contract-kit';
import { openHarness, type Harness } from '../support/harness';

let harness: Harness;

test.beforeEach(async ({ page }) => {
  harness = await openHarness(page);
});

test.afterEach(async () => {
  await harness.dispose();
});

test('shows app:info filled in by the main side', async ({ page }, testInfo) => {
  // On the first screen (first run) …
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  await expect(page.getByTestId('app-platform')).toHaveText(process.platform);
  await expect(page.getByTestId('app-keychain')).toHaveText('Available');
  expect(harness.calls.map((call) => call.channel)).toContain('app:info');
  const shot = await page.screenshot({ path: testInfo.outputPath('app-info.png'), fullPage: true });
  await testInfo.attach('app-info', { body: shot, contentType: 'image/png' });
  // … and in Settings' About panel.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'About this app' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  await expect(page.getByTestId('app-platform')).toHaveText(process.platform);
  await expect(page.getByTestId('app-keychain')).toHaveText('Available');
});

test('exposes domain verbs only, not ipc plumbing', async ({ page }) => {
  const shape = await page.evaluate(() => {
    const api = window.portfolioApi as unknown as Record<string, Record<string, unknown>>;
    return Object.fromEntries(Object.entries(api).map(([domain, verbs]) => [domain, Object.keys(verbs).sort()]));
  });
  const expected: Record<string, string[]> = {};
  for (const channel of Object.keys(contract.requests)) {
    const [domain, verb] = splitChannel(channel);
    (expected[domain] ??= []).push(verb);
  }
  for (const name of Object.keys(contract.events)) (expected[splitChannel(name)[0]] ??= []).push(subscriberName(name));
  for (const verbs of Object.values(expected)) verbs.sort();
  expect(shape).toEqual(expected);
  expect(shape.app).toEqual(['copyDiagnostics', 'info']);
  expect(JSON.stringify(shape)).not.toMatch(/invoke|ipc|send/i);
  const frozen = await page.evaluate(() => Object.isFrozen(window.portfolioApi));
  expect(frozen).toBe(true);
});

test('delivers main→renderer events through the bridge', async ({ page }) => {
  await page.evaluate(() => {
    (window as unknown as { seen: string[] }).seen = [];
    window.portfolioApi.menu.onCommand((command) => (window as unknown as { seen: string[] }).seen.push(command));
  });
  harness.emit('menu:command', 'sync-now');
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['sync-now']);
});

test('refuses a request from a frame that is not the app main frame', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = '<p>child</p>';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const invoke = (frame.contentWindow as unknown as { __mpInvoke(c: string, a: unknown): Promise<unknown> })
      .__mpInvoke;
    return invoke('app:info', undefined);
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
});

test('serves the renderer with a CSP that forbids remote scripts, inline script and eval', async ({ page }) => {
  const navigation = await page.reload();
  const header = (await navigation?.allHeaders())?.['content-security-policy'] ?? '';
  const directives = new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(header).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:|\*/);
  // Evaluated code from the test driver is exempt from CSP, so watch for the browser's violation reports.
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.append(inline);
    const remote = document.createElement('script');
    remote.src = 'https://cdn.example.com/evil.js';
    document.head.append(remote);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { seen, inlineRan: Boolean((window as unknown as { __inlineRan?: boolean }).__inlineRan) };
  });
  expect(violations.inlineRan).toBe(false);
  expect(violations.seen).toEqual(
    expect.arrayContaining(['script-src-elem inline', 'script-src-elem https://cdn.example.com/evil.js']),
  );
});
