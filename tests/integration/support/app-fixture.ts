import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '../../../common/contract-types';
import type { ConnectionState } from '../../../common/connection-state';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/handlers';
import { EventHub } from '../../../main/ipc/event-sink';
import { createMainServices, type MainServices, type MainServicesConfig } from '../../../main/services';
import type { Sandbox } from '../../../sandbox';
import { Capture, privateKeychain } from './auth-fixture';

/** Main's real services over a temp user-data folder and a private keychain service, with events recorded. */
export interface TestApp {
  services: MainServices;
  dispatch: Dispatch;
  events: Array<{ name: string; payload: unknown }>;
  capture: Capture;
  userDataDir: string;
  /** What the save dialog's stand-in answers: a path, or null for "cancelled". */
  saveTo: { path: string | null };
  /** The states published so far. */
  states(): ConnectionState[];
  /** Saves and activates a profile for the sandbox, then waits for the first sync to settle. */
  connect(
    sandbox: Sandbox,
    extra?: { tokenStyle?: 'json' | 'form-body' | 'form-basic'; secret?: string },
  ): Promise<string>;
  /**
   * Saves and activates a profile for the sandbox whose network goes through the manual proxy at `proxyUrl`; returns
   * its id at once, without waiting for the sync (the proxy may first ask to sign in).
   */
  saveBehindProxy(sandbox: Sandbox, proxyUrl: string): Promise<string>;
  /** Waits until the published state satisfies the predicate. */
  waitForState(predicate: (state: ConnectionState) => boolean, timeoutMs?: number): Promise<ConnectionState>;
  cacheBytes(): Promise<Buffer>;
  close(): Promise<void>;
}

/** Starts a test app. */
export async function startTestApp(config: Partial<MainServicesConfig> = {}): Promise<TestApp> {
  const capture = new Capture();
  const userDataDir = config.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'mp-app-')));
  const hub = new EventHub();
  const events: Array<{ name: string; payload: unknown }> = [];
  const saveTo: { path: string | null } = { path: null };
  hub.attach((name, payload) => events.push({ name, payload }));
  const services = createMainServices({
    identity: { appName: 'Model Portfolios', version: '0.1.0', platform: process.platform, electronVersion: null },
    secrets: privateKeychain(),
    userDataDir,
    events: hub,
    logger: capture.logger,
    redactor: capture.redactor,
    autoSync: { intervalMs: 0, retryMs: 60_000 },
    saveDialog: { chooseSavePath: () => Promise.resolve(saveTo.path) },
    apiOptions: { retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 10, retryAfterCapMs: 50 }, requestTimeoutMs: 1_500 },
    ...config,
  });
  const dispatch = createDispatcher(createHandlers(services));
  let profileId = '';
  /** Saves (and so activates) a profile for the sandbox; the app's profile from now on. */
  const saveProfile = async (
    sandbox: Sandbox,
    fields: { name: string; tokenStyle: string; secret: string; network?: unknown },
  ): Promise<string> => {
    const saved = await dispatch('profiles:save', {
      ...fields,
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.credentials.clientId,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    profileId = (saved.value as { id: string }).id;
    return profileId;
  };

  const states = () =>
    events.filter((event) => event.name === 'connection:state').map((event) => event.payload as ConnectionState);
  const waitForState = async (predicate: (state: ConnectionState) => boolean, timeoutMs = 30_000) => {
    const started = Date.now();
    for (;;) {
      const state = services.portfolios.connection.state;
      if (predicate(state)) return state;
      if (Date.now() - started > timeoutMs) throw new Error(`state never matched; last: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    services,
    dispatch,
    events,
    capture,
    userDataDir,
    saveTo,
    states,
    waitForState,
    async connect(sandbox, extra = {}) {
      const id = await saveProfile(sandbox, {
        name: 'Sandbox',
        tokenStyle: extra.tokenStyle ?? 'json',
        secret: extra.secret ?? sandbox.credentials.clientSecret,
      });
      await waitForState((state) => state.status !== 'syncing' && profileIdOf(state) === id);
      return id;
    },
    saveBehindProxy: (sandbox, proxyUrl) =>
      saveProfile(sandbox, {
        name: 'Behind the proxy',
        tokenStyle: 'json',
        secret: sandbox.credentials.clientSecret,
        network: { mode: 'manual', proxyUrl, bypass: [] },
      }),
    async cacheBytes() {
      // The whole records folder, file by file in name order: byte-identical means nothing was touched.
      const folder = services.portfolios.cacheFor(profileId).folder;
      const names = (await readdir(folder)).sort();
      const parts = await Promise.all(
        names.map(async (name) => [Buffer.from(`${name}\n`), await readFile(path.join(folder, name))]),
      );
      return Buffer.concat(parts.flat());
    },
    async close() {
      await services.dispose();
      for (const profile of (await services.profiles.state()).profiles)
        await services.profiles.remove(profile.id).catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The profile a connection state is about (null before any profile exists). */
export function profileIdOf(state: ConnectionState): string | null {
  return state.status === 'not-configured' ? null : state.profileId;
}

/** Checks a state's status and narrows it, so a test reads the fields that status carries. */
export function inStatus<S extends ConnectionState['status']>(
  state: ConnectionState,
  status: S,
): Extract<ConnectionState, { status: S }> {
  if (state.status !== status) throw new Error(`expected status ${status}, got ${JSON.stringify(state)}`);
  return state as Extract<ConnectionState, { status: S }>;
}

/** Emits through the typed name, for readability in tests. */
export function eventsNamed<E extends EventName>(app: TestApp, name: E): Array<EventPayload<E>> {
  return app.events.filter((event) => event.name === name).map((event) => event.payload as EventPayload<E>);
}
