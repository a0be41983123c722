// `npm run dev:harness`: the renderer with hot reload where there is no Electron binary. Vite's dev
// server (vite.config.ts: the app's CSP plus a per-run nonce and the HMR socket) shown in the system
// Chromium, with the bridge wired to the real main-side services (the OS keychain under a private
// service name, a fresh user-data folder, the built-in demo sandbox) exactly as the e2e harness does.
// Closing the window or Ctrl+C stops everything and forgets the session's profiles.
//   --demo       start the demo at once (lands on the portfolio browser)
//   --headless   no window (a smoke check on a machine without a display)
import { chromium } from 'playwright';
import { startDevServer } from '../tests/e2e/support/dev-server';
import { openHarness } from '../tests/e2e/support/harness';

const flags = new Set(process.argv.slice(2));
const port = Number(process.env.MP_DEV_PORT ?? 5173);
const { server, url } = await startDevServer(port);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: flags.has('--headless'),
  args: ['--no-first-run', '--disable-background-networking', '--window-size=1280,880'],
});
const page = await browser.newPage({ viewport: null });
page.on('console', (message) => {
  if (message.type() === 'error' || message.text().startsWith('[vite]')) console.log(`page: ${message.text()}`);
});
// The app's own sync schedule (the harness's test settings retry fast and never sync periodically).
const harness = await openHarness(page, { autoSync: undefined }, { kind: 'dev', url });
if (flags.has('--demo')) await harness.services.demo.startNew();
console.log(`dev:harness: ${url} with the real main-side services; user data in ${harness.userDataDir}`);
console.log('dev:harness: edit renderer/ and the page updates; close the window or press Ctrl+C to stop.');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await harness.dispose();
  await browser.close();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
page.on('close', () => void stop());
