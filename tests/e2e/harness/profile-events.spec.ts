// One owner per fact, end to end: a profile change made outside the renderer's own actions (main
// signing out by itself, a secret replaced through the bridge by another caller, a token a sync
// obtained) reaches the browser's status bar and the Settings screen through main's events alone,
// with the real main-side services and keychain. The renderer only reads again what an event names.
import { expect, test } from '@playwright/test';
import { clientSecretAccount } from '../../../main/auth/keychain-accounts';
import { openHarness, type Harness } from '../support/harness';

let harness: Harness;
let changes: number;

test.beforeEach(async ({ page }) => {
  harness = await openHarness(page, { demoData: { portfolios: 20 } });
  changes = 0;
  harness.events.attach((name) => {
    if (name === 'profiles:changed') changes += 1;
  });
});

test.afterEach(async () => {
  await harness.dispose();
});

/** What the renderer asked main since a mark, and how many `profiles:changed` main sent meanwhile. */
function since(mark: { calls: number; changes: number }) {
  const channels = harness.calls.slice(mark.calls).map((call) => call.channel);
  return { channels, lists: channels.filter((c) => c === 'profiles:list').length, changes: changes - mark.changes };
}

test('sign-out in main and a secret replaced through the bridge reach the status bar and Settings by events', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const statusToken = page.getByTestId('status-token');
  const settingsToken = page.getByTestId('profile-item').getByTestId('profile-token');

  const profileId =
    await test.step('the demo is connected: its token is shown, as a time, in both places', async () => {
      await page.getByRole('button', { name: 'Explore with demo data' }).click();
      await expect(page.getByTestId('status-label')).toHaveText('Online', { timeout: 30_000 });
      await expect(statusToken).toContainText('valid until');
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(settingsToken).toHaveText(/^Valid until /);
      // Settings has read what it shows (the kept proxy sign-ins come from the keychain, answered last), so
      // the marks below count only what the events make the renderer read again.
      await expect(page.getByText('No proxy password is kept.')).toBeVisible();
      expect(harness.calls.map((call) => call.channel)).toContain('proxy:savedSignIns');
      await expect.poll(() => harness.pending()).toBe(0);
      return (await harness.services.profiles.state()).profiles[0]!.id;
    });

  await test.step('main signs the profile out by itself: the token leaves both views', async () => {
    const mark = { calls: harness.calls.length, changes };
    await harness.services.profiles.signOut(profileId);
    await expect(statusToken).toHaveText('Token none');
    await expect(settingsToken).toHaveText('None (the app signs in at the next sync)');
    const seen = since(mark);
    expect(new Set(seen.channels)).toEqual(new Set(['profiles:list']));
    expect(seen.lists).toBeLessThanOrEqual(seen.changes);
  });

  await test.step('a secret replaced through the bridge: main signs in again, and the new token reaches both', async () => {
    const secret = await harness.services.secrets.get(clientSecretAccount(profileId));
    expect(secret, 'the demo secret is in the keychain').toBeTruthy();
    const mark = { calls: harness.calls.length, changes };
    const replaced = await page.evaluate(
      ([id, value]) => window.portfolioApi.profiles.setSecret({ profileId: id, secret: value }),
      [profileId, secret!] as const,
    );
    expect(replaced.ok).toBe(true);
    await expect(statusToken).toContainText('valid until', { timeout: 30_000 });
    await expect(settingsToken).toHaveText(/^Valid until /);
    await expect(page.getByTestId('status-label')).toHaveText('Online');
    const seen = since(mark);
    // Besides the change itself, only reads that main's events asked for: profiles, portfolios and the
    // changes those portfolios carry (the sync after the new secret lands `portfolios:changed`).
    // (The harness records a call when its answer is back, so the change sits among its reads.)
    expect(seen.channels.filter((c) => c === 'profiles:setSecret')).toHaveLength(1);
    const reads = seen.channels.filter((c) => c !== 'profiles:setSecret');
    expect(reads.filter((c) => !['profiles:list', 'portfolios:list', 'changes:overview'].includes(c))).toEqual([]);
    expect(seen.lists).toBeGreaterThanOrEqual(1);
    expect(seen.lists).toBeLessThanOrEqual(seen.changes);
  });
});
