import { mkdir, copyFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { clientSecretAccount, tokenAccount } from '../../../main/auth/keychain-accounts';
import type { Harness } from './harness';

const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

/** Runs axe-core on the page and fails on any serious or critical violation (all results attached). */
export async function expectAccessible(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  await testInfo.attach(`axe-${screen}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  expect(blocking, `axe on the ${screen} screen`).toEqual([]);
}

/** Saves a screenshot as a test artifact, and a copy under test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const file = testInfo.outputPath(`${name}.png`);
  const body = await page.screenshot({ path: file });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await mkdir(screenshotDir, { recursive: true });
  const copy = path.join(screenshotDir, `${name}.png`);
  await copyFile(file, copy);
  return copy;
}

/** Checks and records a screen in light and dark: axe for both, a screenshot of each. */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page, testInfo, `${name} (light)`);
  await saveScreenshot(page, testInfo, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, testInfo, `${name} (dark)`);
  await saveScreenshot(page, testInfo, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Records every CSP violation the page reports, from its first script on. */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** The client secret and the access token never reach the renderer: not in any bridge answer, not in the DOM. */
export async function expectNoSecretsShown(page: Page, harness: Harness, profileId: string): Promise<void> {
  const secret = await harness.services.secrets.get(clientSecretAccount(profileId));
  const storedToken = await harness.services.secrets.get(tokenAccount(profileId));
  const token = storedToken ? (JSON.parse(storedToken) as { accessToken?: string; token?: string }) : null;
  const seen = JSON.stringify(harness.calls) + (await page.content());
  expect(secret, 'the client secret is in the keychain').toBeTruthy();
  expect(seen).not.toContain(secret!);
  for (const value of [token?.accessToken, token?.token]) if (value) expect(seen).not.toContain(value);
}
