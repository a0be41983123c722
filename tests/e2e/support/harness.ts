import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Page } from '@playwright/test';
import type { EventName, EventPayload } from '../../../common/contract-types';
import { AppError, fail } from '../../../common/result';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { EventHub } from '../../../main/ipc/event-sink';
import { isTrustedSender, type AppOrigin } from '../../../main/ipc/trusted-sender';
import { createHandlers } from '../../../main/handlers';
import { createMainServices, type MainServices, type MainServicesConfig } from '../../../main/services';
import { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';
import { rendererResponse } from '../../../main/renderer-files';
import { playwrightPdfPrinter } from './playwright-pdf-printer';

/** Where the harness serves the built renderer from (intercepted by page.route, never on the network). */
export const harnessOrigin: AppOrigin = { protocol: 'http:', host: 'app.local' };
export const harnessUrl = `${harnessOrigin.protocol}//${harnessOrigin.host}/index.html`;

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const rendererDir = path.join(repoRoot, 'out/renderer');

/**
 * Where the page comes from: the built renderer (out/renderer) on the harness origin, or Vite's dev
 * server (hot reload), whose own origin is then the one the sender check trusts, and whose CSP
 * header (vite.config.ts: the app's policy plus a per-run nonce and the HMR socket) applies.
 */
export type RendererSource = { kind: 'built'; dir: string } | { kind: 'dev'; url: string };

/** The built renderer, as the tests and the app use it. */
export const builtRenderer: RendererSource = { kind: 'built', dir: rendererDir };

let preloadScript: string | undefined;
/** The harness preload (the bridge over exposeBinding), bundled once per process. */
export function harnessPreload(): string {
  preloadScript ??= buildSync({
    entryPoints: [path.join(import.meta.dirname, 'harness-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome130',
    platform: 'browser',
  }).outputFiles[0]!.text;
  return preloadScript;
}

/** Every request the renderer made through the bridge and what main answered (for secret scans). */
export interface RecordedCall {
  channel: string;
  result: unknown;
}

/** The real main-side services wired to a page: what the Electron shell does, minus Electron. */
export interface Harness {
  services: MainServices;
  /** Where the save dialog's stand-in puts exports. */
  exportDir: string;
  /** Files "Show in folder" was asked to reveal. */
  shown: string[];
  /** Text copied to the clipboard (diagnostics). */
  copied: string[];
  /** Set a file name the next save dialog answers with ('' = the user cancels). */
  saveAs: { next: string | null };
  dispatch: Dispatch;
  events: EventHub;
  /** Every answered call, in the order main answered them. */
  calls: RecordedCall[];
  /** How many calls main has not answered yet. */
  pending(): number;
  userDataDir: string;
  keychainService: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Stops main's services and keeps the user-data folder and keychain, for a restart (`reuse`). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** Where an earlier harness kept its data: a restart opens new services over the same folder and keychain. */
export interface HarnessPlace {
  userDataDir: string;
  keychainService: string;
}

/** Starts main-side services with a private user-data folder and keychain service name, and loads the renderer. */
export async function openHarness(
  page: Page,
  options: Partial<MainServicesConfig> = {},
  renderer: RendererSource = builtRenderer,
  reuse?: HarnessPlace,
): Promise<Harness> {
  const userDataDir = reuse?.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'mp-harness-')));
  const keychainService = reuse?.keychainService ?? `com.modelportfolios.test.${process.pid}.${Date.now()}`;
  const secrets = new KeytarSecretStore(keychainService);
  const events = new EventHub();
  const exportDir = path.join(userDataDir, 'exports');
  const shown: string[] = [];
  const copied: string[] = [];
  const saveAs: { next: string | null } = { next: null };
  const services = createMainServices({
    identity: { appName: 'Model Portfolios', version: '0.1.0', platform: process.platform, electronVersion: null },
    secrets,
    userDataDir,
    events,
    // The native save dialog's stand-in: saves into the harness's exports folder under the suggested name.
    saveDialog: {
      async chooseSavePath(defaultName) {
        await mkdir(exportDir, { recursive: true });
        const name = saveAs.next ?? defaultName;
        saveAs.next = null;
        return name === '' ? null : path.join(exportDir, name);
      },
    },
    shell: { showInFolder: (file) => shown.push(file), copyText: (text) => copied.push(text) },
    autoSync: { retryMs: 1_000, intervalMs: 0 },
    // Factsheet (issue 15): the window's print stylesheet to PDF through Chromium's own printing.
    pdfPrinter: playwrightPdfPrinter(page),
    ...options,
  });
  const dispatch = createDispatcher(createHandlers(services));
  const calls: RecordedCall[] = [];
  let pending = 0;

  let origin = harnessOrigin;
  let entryUrl = harnessUrl;
  if (renderer.kind === 'built') {
    const { dir } = renderer;
    await page.route(`${harnessOrigin.protocol}//${harnessOrigin.host}/**`, async (route) => {
      const response = await rendererResponse(dir, route.request().url());
      await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
    });
  } else {
    const devUrl = new URL(renderer.url);
    origin = { protocol: devUrl.protocol, host: devUrl.host };
    entryUrl = new URL('/index.html', devUrl).href;
  }
  await page.exposeBinding('__mpInvoke', async (source, channel: unknown, arg: unknown) => {
    const frame = source.frame;
    const trusted = isTrustedSender({ url: frame.url(), parent: frame.parentFrame() }, origin);
    pending += 1;
    let result: unknown;
    try {
      result = trusted ? await dispatch(String(channel), arg) : fail(new AppError('UNTRUSTED_SENDER').toData());
    } finally {
      pending -= 1;
    }
    calls.push({ channel: String(channel), result });
    return result;
  });
  await page.addInitScript({ content: harnessPreload() });
  const detach = events.attach((name, payload) => {
    page
      .evaluate(([n, p]) => (window as unknown as { __mpEmit(n: string, p: unknown): void }).__mpEmit(n, p), [
        name,
        payload,
      ] as const)
      .catch(() => {
        // The page is navigating or closed; the renderer asks for the current state when it loads.
      });
  });
  await page.goto(entryUrl);

  await services.portfolios.start();
  return {
    services,
    exportDir,
    shown,
    copied,
    saveAs,
    dispatch,
    events,
    calls,
    pending: () => pending,
    userDataDir,
    keychainService,
    emit: (name, payload) => events.emit(name, payload),
    async stop() {
      detach();
      await services.dispose();
    },
    async dispose() {
      detach();
      await services.dispose();
      for (const profile of (await services.profiles.state()).profiles)
        await services.profiles.remove(profile.id).catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
