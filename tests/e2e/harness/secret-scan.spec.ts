import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import keytar from 'keytar';
import type { ConnectionState } from '../../../common/connection-state';
import type { ConnectionTestReport } from '../../../common/connection-test';
import type { PortfolioListing } from '../../../common/portfolio-summary';
import type { ProfileView } from '../../../common/profile';
import type { ProfilesState } from '../../../common/profiles-state';
import type { Result } from '../../../common/result';
import { clientSecretAccount, proxyCredentialsAccount } from '../../../main/auth/keychain-accounts';
import { cacheKeyAccount } from '../../../main/cache/cache-key';
import { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTinyproxy } from '../../integration/support/tinyproxy';
import { openHarness, type Harness } from '../support/harness';

// After a full session through the real main-side services and the built renderer (save a profile
// with its secret, sync, list, open, export both CSVs, test the connection, sign out, sync with a new
// token, copy diagnostics, demo mode, a profile behind a proxy that asks for sign-in), nothing the app
// wrote, showed, stored or answered may contain a client secret, an access token or a proxy password
// (raw, or as the Basic user:password), in any common encoding. The UI screens change often, so the
// flow drives the bridge (window.portfolioApi) and the menu commands, and visits whatever renders.

test.setTimeout(120_000);

interface Hit {
  where: string;
  what: string;
}

/** The forms a value could be stored or sent in. */
function encodings(label: string, value: string): Array<{ what: string; text: string }> {
  const forms = [
    { what: `${label}`, text: value },
    { what: `${label} (URL-encoded)`, text: encodeURIComponent(value) },
    { what: `${label} (base64)`, text: Buffer.from(value).toString('base64').replace(/=+$/, '') },
    { what: `${label} (base64url)`, text: Buffer.from(value).toString('base64url') },
    { what: `${label} (hex)`, text: Buffer.from(value).toString('hex') },
    { what: `${label} (JSON-escaped)`, text: JSON.stringify(value).slice(1, -1) },
  ];
  return forms.filter((form, i) => forms.findIndex((other) => other.text === form.text) === i);
}

/** Finds every form of every value in some text or bytes (bytes also as UTF-16LE, as Chromium stores strings). */
function search(
  where: string,
  content: string | Buffer,
  needles: Array<{ what: string; text: string }>,
  hits: Hit[],
): void {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  for (const needle of needles) {
    if (buffer.includes(Buffer.from(needle.text)) || buffer.includes(Buffer.from(needle.text, 'utf16le'))) {
      hits.push({ where, what: needle.what });
    }
  }
}

/**
 * What the app showed of portfolios (from the list, first-screen and detail answers it served): names, holding
 * names and tickers, in the forms a plaintext record would hold them, and the field names any plaintext record has.
 * Tickers are short, so they are looked for as JSON strings (with their quotes); nothing under 5 bytes is looked
 * for, so the sealed bytes cannot match by chance.
 */
function portfolioNeedles(results: unknown[]): Array<{ what: string; text: string }> {
  const needles = new Map<string, string>();
  const add = (what: string, text: string) => {
    if (text.length >= 5 && !needles.has(text)) needles.set(text, what);
  };
  const portfolio = (p: { name: string; tickerText?: string; holdings?: Array<{ ticker: string; name: string }> }) => {
    add(`portfolio name ${p.name}`, p.name);
    add(`portfolio name ${p.name} (JSON)`, JSON.stringify(p.name));
    if (p.tickerText) add(`tickers of ${p.name} (JSON)`, JSON.stringify(p.tickerText));
    for (const ticker of p.tickerText?.split('\n') ?? []) add(`ticker ${ticker} (JSON)`, JSON.stringify(ticker));
    for (const holding of p.holdings ?? []) {
      add(`holding name ${holding.name}`, holding.name);
      add(`ticker ${holding.ticker} (JSON)`, JSON.stringify(holding.ticker));
    }
  };
  for (const result of results) {
    if (!result || typeof result !== 'object' || !('ok' in result) || !result.ok) continue;
    const value = (result as unknown as { value: Record<string, unknown> }).value;
    if (Array.isArray(value.portfolios)) for (const p of value.portfolios) portfolio(p as { name: string });
    if (Array.isArray(value.holdings)) portfolio(value as unknown as { name: string });
  }
  for (const field of ['"holdings":', '"tickerText":', '"assetClass":', '"weightSum":'])
    add(`field name ${field}`, field);
  return [...needles].map(([text, what]) => ({ what, text }));
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Everything the renderer holds: DOM (markup, attributes, live input values, text), storages, IndexedDB. */
async function rendererDump(page: Page): Promise<Record<string, string>> {
  const inPage = await page.evaluate(async () => {
    const attributes: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) attributes.push(`${attribute.name}=${attribute.value}`);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
        attributes.push(`value=${element.value}`);
      }
      if (element instanceof HTMLSelectElement) attributes.push(`value=${element.value}`);
    }
    const storage = (store: Storage) =>
      JSON.stringify(Array.from({ length: store.length }, (_, i) => [store.key(i), store.getItem(store.key(i)!)]));
    const databases: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores: Record<string, unknown> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        stores[name] = await new Promise((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
      databases[info.name] = stores;
    }
    return {
      attributes: attributes.join('\n'),
      text: document.documentElement.innerText,
      title: document.title,
      url: location.href,
      localStorage: storage(localStorage),
      sessionStorage: storage(sessionStorage),
      indexedDB: JSON.stringify(databases),
      indexedDBCount: String(Object.keys(databases).length),
    };
  });
  return { html: await page.content(), ...inPage };
}

async function call<T>(page: Page, script: string): Promise<T> {
  const result = (await page.evaluate(
    `(async () => { const api = window.portfolioApi; return ${script}; })()`,
  )) as Result<T>;
  if (!result.ok) throw new Error(`${script} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function settled(harness: Harness, profileId: string): Promise<ConnectionState> {
  let state: ConnectionState | null = null;
  await expect
    .poll(
      async () => {
        state = await harness.services.portfolios.state();
        return state.status !== 'not-configured' && state.profileId === profileId && state.status !== 'syncing';
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return state!;
}

test('no client secret, access token or cache key anywhere after a full session', async ({
  page,
  context,
}, testInfo) => {
  const sandbox: Sandbox = await startSandbox({ portfolios: 40, seed: 21, pageSize: 15, faults: true });
  // A firm's network: an https API reached only through a real proxy (tinyproxy) with BasicAuth.
  const proxyUser = 'advisor';
  const proxyPassword = `Pr0xy-pw-${Date.now()}-scan`;
  const wrongProxyPassword = `Wr0ng-pw-${Date.now()}-scan`;
  const firmApi: Sandbox = await startSandbox({ tls: true, portfolios: 12, seed: 5, listHoldings: false });
  const proxy = await startTinyproxy({ basicAuth: { user: proxyUser, password: proxyPassword } });
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'mp-secret-scan-logs-'));
  const logFile = path.join(logDir, 'main.log');
  const redactor = new Redactor();
  // The app's log as electron-log would get it (already-redacted lines), every level, to a file.
  const logger = createLogger(redactor, (level, line) => appendFileSync(logFile, `[${level}] ${line}\n`));
  const harness = await openHarness(page, { redactor, logger, network: { extraCa: [firmApi.caPem!] } });
  const events: Array<{ name: string; payload: unknown }> = [];
  const detach = harness.events.attach((name, payload) => events.push({ name, payload }));
  const secrets = new KeytarSecretStore(harness.keychainService);

  try {
    // --- The session -------------------------------------------------------------------------
    const profile = await call<{ id: string; hasSecret: boolean }>(
      page,
      `api.profiles.save(${JSON.stringify({
        name: 'Partner API',
        baseUrl: sandbox.baseUrl,
        clientId: sandbox.credentials.clientId,
        tokenStyle: 'json',
        secret: sandbox.credentials.clientSecret,
      })})`,
    );
    expect(profile.hasSecret).toBe(true);
    const byProfile = JSON.stringify({ profileId: profile.id });
    await settled(harness, profile.id);
    await call(page, 'api.sync.now()');
    const listing = await call<PortfolioListing>(page, 'api.portfolios.list()');
    const first = listing.portfolios[0];
    expect(first, 'the sync brought portfolios').toBeDefined();
    for (const p of listing.portfolios.slice(0, 12))
      await call(page, `api.portfolios.get(${JSON.stringify({ id: p.id })})`);
    harness.saveAs.next = 'partner-list.csv';
    const listExport = await call<{ status: string }>(page, `api.export.csv({ kind: 'list', ids: 'all' })`);
    harness.saveAs.next = 'partner-holdings.csv';
    const holdingsExport = await call<{ status: string }>(page, `api.export.csv({ kind: 'holdings', ids: 'all' })`);
    expect([listExport.status, holdingsExport.status]).toEqual(['saved', 'saved']);
    await call(page, `api.auth.testConnection(${byProfile})`);
    await call(
      page,
      `api.auth.testConnection(${JSON.stringify({
        draft: {
          name: 'Draft',
          baseUrl: sandbox.baseUrl,
          clientId: sandbox.credentials.clientId,
          tokenStyle: 'json',
          secret: sandbox.credentials.clientSecret,
        },
      })})`,
    );
    const listed = await call<ProfilesState>(page, 'api.profiles.list()');
    expect(listed.profiles.find((p) => p.id === profile.id)?.hasSecret).toBe(true);
    const tokensBeforeSignOut = sandbox.issuedTokens().length;
    await call(page, `api.auth.signOut(${byProfile})`);
    await call(page, 'api.sync.now()');
    expect(sandbox.issuedTokens().length, 'signing out and syncing got a new token').toBeGreaterThan(
      tokensBeforeSignOut,
    );
    await call(page, 'api.connection.state()');
    await call(page, 'api.profiles.list()');

    // A gateway that echoes the request (credentials included) into its error: for each token
    // request style through Test connection, and for the saved profile's sync (shown in the window).
    for (const tokenStyle of ['json', 'form-body', 'form-basic']) {
      sandbox.faults.enqueue('token', { kind: 'echo', status: 400 });
      const report = await call<ConnectionTestReport>(
        page,
        `api.auth.testConnection(${JSON.stringify({
          draft: {
            name: 'Echo',
            baseUrl: sandbox.baseUrl,
            clientId: sandbox.credentials.clientId,
            tokenStyle,
            secret: sandbox.credentials.clientSecret,
          },
        })})`,
      );
      expect(report.steps.find((step) => step.id === 'credentials')?.detail).toContain('Gateway refused');
    }
    await call(page, `api.auth.signOut(${byProfile})`);
    sandbox.faults.enqueue('token', { kind: 'echo', status: 400 });
    await page.evaluate('window.portfolioApi.sync.now()');
    const refused = await harness.services.portfolios.state();
    expect(
      refused.status === 'auth-error' || refused.status === 'error' ? refused.error.message : refused.status,
    ).toContain('Gateway refused');

    // Sign-out while a token request is under way (its answer comes late), then a profile removed
    // while its own token request is under way: neither answer may be kept anywhere.
    sandbox.faults.enqueue('token', { kind: 'delay', ms: 1_000 });
    let asked = sandbox.counters.tokenRequests;
    const pendingSync = page.evaluate('window.portfolioApi.sync.now()');
    await expect.poll(() => sandbox.counters.tokenRequests).toBeGreaterThan(asked);
    await call(page, `api.auth.signOut(${byProfile})`);
    await pendingSync;
    const second = await call<{ id: string }>(
      page,
      `api.profiles.save(${JSON.stringify({
        name: 'Second desk',
        baseUrl: sandbox.baseUrl,
        clientId: sandbox.credentials.clientId,
        tokenStyle: 'form-basic',
        secret: sandbox.credentials.clientSecret,
      })})`,
    );
    sandbox.faults.enqueue('token', { kind: 'delay', ms: 1_000 });
    asked = sandbox.counters.tokenRequests;
    await call(page, `api.profiles.activate(${JSON.stringify({ profileId: second.id })})`);
    await expect.poll(() => sandbox.counters.tokenRequests).toBeGreaterThan(asked);
    await call(page, `api.profiles.remove(${JSON.stringify({ profileId: second.id })})`);
    await page.waitForTimeout(1_300);
    const left = (await keytar.findCredentials(harness.keychainService)).map((entry) => entry.account);
    expect(left.filter((account) => account.endsWith(second.id))).toEqual([]);
    await call(page, `api.profiles.activate(${byProfile})`);
    await settled(harness, profile.id);
    await call(page, 'api.sync.now()');

    // Demo mode: its own sandbox, secret and tokens.
    const demoProfile = await call<ProfileView>(page, 'api.demo.start()');
    expect(demoProfile.demo).toBe(true);
    await settled(harness, demoProfile.id);
    await call(page, 'api.sync.now()');
    await call(page, 'api.portfolios.list()');
    harness.saveAs.next = 'demo-holdings.csv';
    await call(page, `api.export.csv({ kind: 'holdings', ids: 'all' })`);
    await call(page, 'api.app.copyDiagnostics()');
    expect(harness.copied.length).toBeGreaterThan(0);

    // Behind the firm's proxy: the sign-in dialog answered with a wrong password, then the right one
    // (typed into the dialog's fields), then a sync, Test connection and diagnostics through it.
    const firm = await call<ProfileView>(
      page,
      `api.profiles.save(${JSON.stringify({
        name: 'Behind the proxy',
        baseUrl: firmApi.baseUrl,
        clientId: firmApi.credentials.clientId,
        tokenStyle: 'json',
        secret: firmApi.credentials.clientSecret,
        network: { mode: 'manual', proxyUrl: proxy.url, bypass: [] },
      })})`,
    );
    await call(page, `api.profiles.activate(${JSON.stringify({ profileId: firm.id })})`);
    const signIn = page.getByRole('dialog', { name: 'Sign in to the proxy' });
    await signIn.getByLabel('Proxy user name').fill(proxyUser);
    await signIn.getByLabel('Proxy password').fill(wrongProxyPassword);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn.getByTestId('proxy-sign-in-wrong')).toBeVisible({ timeout: 30_000 });
    await signIn.getByLabel('Proxy password').fill(proxyPassword);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn).toBeHidden({ timeout: 30_000 });
    expect(await settled(harness, firm.id)).toMatchObject({ status: 'online', portfolioCount: 12 });
    await call(page, 'api.sync.now()');
    await call(page, `api.auth.testConnection(${JSON.stringify({ profileId: firm.id })})`);
    await call(page, 'api.app.copyDiagnostics()');
    expect(harness.copied.at(-1)).toContain(`Proxy: manual, http proxy at ${proxy.host}:${proxy.port}`);
    expect(await secrets.get(proxyCredentialsAccount(proxy.host, proxy.port)), 'the proxy sign-in is kept').toBe(
      JSON.stringify({ username: proxyUser, password: proxyPassword }),
    );

    // Back to the partner profile, and through its screens: the list, a portfolio selected, every
    // menu command, and the edit form (where a secret would most likely surface, prefilled).
    await call(page, `api.profiles.activate(${byProfile})`);
    await settled(harness, profile.id);
    await page.reload();
    const rows = page.getByRole('grid', { name: 'Model portfolios' }).locator('[role="row"][data-id]');
    await rows.first().click();
    await expect(page.getByTestId('selection-info')).toContainText('1 selected');
    harness.emit('menu:command', 'sync-now');
    await expect(page.getByTestId('notice')).toContainText(/^(Synced|Up to date)/);
    harness.emit('menu:command', 'focus-search');
    await expect(page.getByRole('searchbox', { name: 'Search portfolios' })).toBeFocused();
    harness.saveAs.next = 'menu-list.csv';
    harness.emit('menu:command', 'export-list');
    await expect(page.getByTestId('notice')).toContainText('Saved “menu-list.csv”');
    harness.emit('menu:command', 'open-settings');
    await page.getByRole('button', { name: 'Edit Partner API' }).click();
    await expect(page.getByTestId('setup-screen').getByLabel('Client secret')).toHaveValue('');
    await call(page, 'api.app.copyDiagnostics()');
    const shot = await page.screenshot({ path: testInfo.outputPath('after-session.png'), fullPage: true });
    await testInfo.attach('after-session', { body: shot, contentType: 'image/png' });
    if (process.env.SECRET_SCAN_SHOW_LOG) console.log(readFileSync(logFile, 'utf8'));

    // --- What must not appear ----------------------------------------------------------------
    const demoSecret = await secrets.get(clientSecretAccount(demoProfile.id));
    expect(demoSecret, "the demo profile's secret is in the keychain").toBeTruthy();
    const demoTokens = harness.services.demo.running?.issuedTokens() ?? [];
    expect(demoTokens.length, 'demo mode synced').toBeGreaterThan(0);
    const cacheKeys = (
      await Promise.all([profile.id, demoProfile.id].map((id) => secrets.get(cacheKeyAccount(id))))
    ).filter((key): key is string => Boolean(key));
    expect(cacheKeys.length, 'both profiles have an encrypted cache').toBe(2);

    const needles = [
      ...encodings('partner client secret', sandbox.credentials.clientSecret),
      ...encodings('partner client id:secret', `${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`),
      ...encodings(
        'partner Basic credentials',
        `${encodeURIComponent(sandbox.credentials.clientId)}:${encodeURIComponent(sandbox.credentials.clientSecret)}`,
      ),
      ...encodings(
        'partner secret (form-encoded)',
        new URLSearchParams({ v: sandbox.credentials.clientSecret }).toString().slice(2),
      ),
      ...encodings('demo client secret', demoSecret!),
      ...sandbox.issuedTokens().flatMap((token, i) => encodings(`partner access token #${i + 1}`, token)),
      ...demoTokens.flatMap((token, i) => encodings(`demo access token #${i + 1}`, token)),
      ...encodings('proxy password', proxyPassword),
      ...encodings('proxy user:password (Basic)', `${proxyUser}:${proxyPassword}`),
      ...encodings('wrong proxy password', wrongProxyPassword),
      ...encodings('wrong proxy user:password (Basic)', `${proxyUser}:${wrongProxyPassword}`),
      ...encodings('firm client secret', firmApi.credentials.clientSecret),
      ...firmApi.issuedTokens().flatMap((token, i) => encodings(`firm access token #${i + 1}`, token)),
      ...cacheKeys.flatMap((key, i) => [
        ...encodings(`cache key #${i + 1}`, key),
        { what: `cache key #${i + 1} (raw bytes)`, text: Buffer.from(key, 'base64').toString('latin1') },
      ]),
    ];

    const scan = async (values: Array<{ what: string; text: string }>): Promise<Hit[]> => {
      const hits: Hit[] = [];
      const files = [...filesUnder(harness.userDataDir), ...filesUnder(logDir)];
      for (const file of files) search(`file ${path.basename(file)}`, readFileSync(file), values, hits);
      const dump = await rendererDump(page);
      for (const [where, text] of Object.entries(dump)) search(`renderer ${where}`, text, values, hits);
      search('cookies', JSON.stringify(await context.cookies()), values, hits);
      harness.calls.forEach((recorded, i) =>
        search(`IPC result ${i} (${recorded.channel})`, JSON.stringify(recorded.result), values, hits),
      );
      events.forEach((event, i) => search(`event ${i} (${event.name})`, JSON.stringify(event.payload), values, hits));
      harness.copied.forEach((text, i) => search(`clipboard ${i} (diagnostics)`, text, values, hits));
      search('revealed files', JSON.stringify(harness.shown), values, hits);
      return hits;
    };

    // What was scanned, so a silent empty scan cannot pass.
    const files = filesUnder(harness.userDataDir).map((file) => path.relative(harness.userDataDir, file));
    expect(files).toEqual(expect.arrayContaining(['settings.json']));
    expect(files.filter((file) => file.endsWith('.csv')).length).toBeGreaterThanOrEqual(3);
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(readFileSync(logFile, 'utf8').length).toBeGreaterThan(0);
    expect(harness.calls.length).toBeGreaterThan(20);
    expect(new Set(harness.calls.map((c) => c.channel)).size).toBeGreaterThanOrEqual(12);

    expect(await scan(needles)).toEqual([]);

    // --- No plaintext portfolio data in the cache folder: every record is sealed ------------------
    const cacheDir = path.join(harness.userDataDir, 'cache');
    const served = harness.calls.filter((c) => /^portfolios:(list|firstScreen|get)$/.test(c.channel));
    const portfolioValues = portfolioNeedles(served.map((c) => c.result));
    const scanCache = (values: Array<{ what: string; text: string }>): Hit[] => {
      const hits: Hit[] = [];
      for (const file of filesUnder(cacheDir))
        search(`cache file ${path.relative(cacheDir, file)}`, readFileSync(file), values, hits);
      return hits;
    };
    expect(portfolioValues.filter((v) => v.what.startsWith('holding name')).length).toBeGreaterThan(20);
    expect(portfolioValues.filter((v) => v.what.startsWith('portfolio name')).length).toBeGreaterThan(40);
    expect(filesUnder(cacheDir).filter((file) => file.endsWith('.rec')).length).toBeGreaterThanOrEqual(4);
    expect(scanCache(portfolioValues)).toEqual([]);

    // --- The scanner finds what it looks for ------------------------------------------------
    const planted = `PLANTED-${Date.now()}-e7b1c0de`;
    mkdirSync(path.join(harness.userDataDir, 'planted'), { recursive: true });
    writeFileSync(path.join(harness.userDataDir, 'planted/raw.txt'), `x${planted}x`);
    writeFileSync(path.join(harness.userDataDir, 'planted/b64.txt'), Buffer.from(planted).toString('base64'));
    writeFileSync(path.join(harness.userDataDir, 'planted/url.txt'), encodeURIComponent(`${planted}/+=`));
    writeFileSync(path.join(harness.userDataDir, 'planted/utf16.bin'), Buffer.from(planted, 'utf16le'));
    appendFileSync(logFile, `[info] ${planted}\n`);
    await page.evaluate(async (value) => {
      localStorage.setItem('k', value);
      sessionStorage.setItem('k', value);
      const input = document.createElement('input');
      input.value = value;
      const div = document.createElement('div');
      div.setAttribute('data-x', value);
      document.body.append(input, div);
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('planted-db', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('s', { autoIncrement: true });
        request.onsuccess = () => {
          const tx = request.result.transaction('s', 'readwrite');
          tx.objectStore('s').add({ nested: { value } });
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
        };
        request.onerror = () => reject(request.error);
      });
    }, planted);
    await context.addCookies([{ name: 'k', value: planted, url: 'http://app.local/' }]);
    harness.calls.push({ channel: 'planted', result: { ok: true, value: { nested: [planted] } } });
    // A plaintext record dropped into the cache folder: its name, holding names, tickers and fields are found.
    const detail = served.find((c) => c.channel === 'portfolios:get')!.result as {
      value: { name: string; holdings: Array<{ ticker: string; name: string }> };
    };
    writeFileSync(path.join(cacheDir, 'planted-record.json'), JSON.stringify(detail.value));
    const cacheHits = scanCache(portfolioValues).map((hit) => hit.what);
    const label = (text: string) => portfolioValues.find((value) => value.text === text)?.what;
    const holding = detail.value.holdings.find((h) => label(h.name) && label(JSON.stringify(h.ticker)))!;
    const expected = [detail.value.name, holding.name, JSON.stringify(holding.ticker), '"holdings":'].map(label);
    expect(expected.every(Boolean), 'the planted record holds values the scan looks for').toBe(true);
    expect(cacheHits).toEqual(expect.arrayContaining(expected));
    const plantedHits = await scan([
      ...encodings('planted', planted),
      ...encodings('planted (with symbols)', `${planted}/+=`),
    ]);
    const places = new Set(plantedHits.map((hit) => hit.where.replace(/ \d+ .*$| (html|attributes|text)$/, '')));
    for (const place of [
      'file raw.txt',
      'file b64.txt',
      'file url.txt',
      'file utf16.bin',
      'file main.log',
      'renderer localStorage',
      'renderer sessionStorage',
      'renderer indexedDB',
      'cookies',
      'IPC result',
    ]) {
      expect([...places], `the scanner missed a planted value in ${place}`).toContain(place);
    }
    expect(plantedHits.map((hit) => hit.where)).toEqual(
      expect.arrayContaining(['renderer html', 'renderer attributes']),
    );
    expect(plantedHits.some((hit) => hit.what === 'planted (with symbols) (URL-encoded)')).toBe(true);
    expect(plantedHits.some((hit) => hit.what === 'planted (base64)')).toBe(true);
  } finally {
    detach();
    await secrets.delete(proxyCredentialsAccount(proxy.host, proxy.port));
    await harness.dispose();
    await sandbox.close();
    await proxy.close();
    await firmApi.close();
    rmSync(logDir, { recursive: true, force: true });
  }
});
