import type { ApiClientOptions } from './api/api-client';
import type { ChangesService } from './changes/changes-service';
import { createChangesService } from './changes/create-changes-service';
import { silentNotifier, type Notifier } from './changes/notifier';
import type { AppIdentity } from './app-info-service';
import { ConnectionTester } from './auth/connection-tester';
import { systemClock, type Clock } from './clock';
import { DemoService } from './demo/demo-service';
import type { SaveDialog, ShellActions } from './desktop-ports';
import { ExportService } from './export/export-service';
import { FactsheetService } from './factsheet/factsheet-service';
import type { PdfPrinter } from './factsheet/pdf-printer';
import { regionOfLocale } from './factsheet/region-paper';
import { nodeAtomicWriteIo, type AtomicWriteIo } from './fs/atomic-file';
import type { EventSink } from './ipc/event-sink';
import { redactingSecretStore } from './keychain/redacting-secret-store';
import type { SecretStore } from './keychain/secret-store';
import { createLogger, type Logger } from './logging/logger';
import { createAppNetwork, type AppNetwork, type NetworkConfig } from './network/app-network';
import { RecentLog } from './logging/recent-log';
import { Redactor } from './logging/redactor';
import { PortfolioService } from './portfolios/portfolio-service';
import type { AutoSyncOptions } from './portfolios/sync-schedule';
import type { SyncLanding } from './portfolios/sync-runner';
import { ProfileConnections } from './profiles/profile-connections';
import { ProfileService } from './profiles/profile-service';
import { SettingsStore } from './settings/settings-store';
import type { SandboxOptions } from '../sandbox';
// Updates (issue 14)
import type { AppUpdates, StartUpdates } from './update/app-updates';
import { wireUpdates } from './update/update-wiring';

/** Everything main-side that the handlers use, built once per app run (or per test). */
export interface MainServices {
  identity: AppIdentity;
  secrets: SecretStore;
  clock: Clock;
  redactor: Redactor;
  logger: Logger;
  profiles: ProfileService;
  portfolios: PortfolioService;
  exports: ExportService;
  connectionTests: ConnectionTester;
  demo: DemoService;
  // Factsheet (issue 15)
  factsheets: FactsheetService;
  /** Model changes (issue 15): changed models, trade lists, comparisons, their exports. */
  changes: ChangesService;
  /** The last warnings and errors, redacted, for diagnostics. */
  recentLog: RecentLog;
  userDataDir: string;
  /** OS shell actions (reveal a file, copy text). */
  shell: ShellActions;
  /** The app's updates (issue 14): 'unsupported' unless the host gave `startUpdates`. */
  updates: AppUpdates;
  // Network (issue 13)
  /** The way out (proxies, proxy sign-in) and the sign-in dialog's questions. */
  network: AppNetwork;
  /** Stops timers, syncs and the demo sandbox. */
  dispose(): Promise<void>;
}

/** What the composition root needs from its host (the Electron shell, or a test harness). */
export interface MainServicesConfig {
  identity: AppIdentity;
  secrets: SecretStore;
  userDataDir: string;
  /** Where main→renderer events go. */
  events?: EventSink;
  saveDialog?: SaveDialog;
  shell?: ShellActions;
  clock?: Clock;
  redactor?: Redactor;
  logger?: Logger;
  apiOptions?: ApiClientOptions;
  tokenOptions?: { refreshMarginMs?: number; minRemainingMs?: number };
  autoSync?: AutoSyncOptions;
  /** Overrides of the demo sandbox's data (tests use a bigger or smaller set). */
  demoData?: SandboxOptions;
  /** The file-system steps of atomic writes (a test holds one on cue; the app uses Node's). */
  fileIo?: AtomicWriteIo;
  /** Marks long work (exports) as under way, so updates wait for it. */
  trackExport?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Starts the app's updates (issue 14): `startShellUpdates` in the app; none in tests unless a test gives one. */
  startUpdates?: StartUpdates;
  // Factsheet (issue 15)
  /** Prints the window to PDF (webContents.printToPDF in the app, page.pdf() in the harness). */
  pdfPrinter?: PdfPrinter;
  /** The OS region (ISO 3166 code) that picks the factsheet's paper; the process locale's when not given. */
  region?: () => string | null;
  // Network (issue 13)
  /** The system's proxy choice (Electron's resolveProxy in the app; the environment when absent), extra CAs. */
  network?: NetworkConfig;
  // Model changes (issue 15)
  /** Desktop notifications (Electron's Notification in the app, a recording one in tests); default: none. */
  notifier?: Notifier;
  /** Models the demo revises right after a new demo's first sync (default 6; 0 = none). */
  demoWarmUpRevisions?: number;
}

const noEvents: EventSink = { emit() {} };
const noDialog: SaveDialog = { chooseSavePath: () => Promise.resolve(null) };
const noShell: ShellActions = { showInFolder() {}, copyText() {} };
const noPrinter: PdfPrinter = { print: () => Promise.reject(new Error('no window to print')) };
const processRegion = () => regionOfLocale(Intl.DateTimeFormat().resolvedOptions().locale);

/** The host's logger, with warnings and errors also kept (redacted) for diagnostics. */
function withRecentProblems(redactor: Redactor, recentLog: RecentLog, host: Logger | undefined): Logger {
  const recent = createLogger(redactor, recentLog.sink);
  if (!host) return recent;
  return {
    debug: (m, f) => host.debug(m, f),
    info: (m, f) => host.info(m, f),
    warn: (m, f) => (host.warn(m, f), recent.warn(m, f)),
    error: (m, f) => (host.error(m, f), recent.error(m, f)),
  };
}

/** Builds main's services: the one place that decides which implementation each interface gets. */
export function createMainServices(config: MainServicesConfig): MainServices {
  const clock = config.clock ?? systemClock;
  const redactor = config.redactor ?? new Redactor();
  const recentLog = new RecentLog();
  const logger = withRecentProblems(redactor, recentLog, config.logger);
  // Updates (issue 14): syncs (read from the published connection state) and exports keep them waiting.
  const wiring = wireUpdates({
    start: config.startUpdates,
    events: config.events ?? noEvents,
    logger,
    userDataDir: config.userDataDir,
    version: config.identity.version,
    trackExport: config.trackExport,
  });
  const events = wiring.events;
  const shell = config.shell ?? noShell;
  // Redaction is structural: whatever the keychain holds and whatever a token request carries or
  // brings back is known to the redactor before it can reach a log line or a message.
  const secrets = redactingSecretStore(config.secrets, redactor);
  // Every profile's requests (token POST and API GETs) go out along the route of its network setting.
  const network = createAppNetwork(config.network ?? {}, { secrets, redactor, logger, clock, events });
  const connections = new ProfileConnections({
    secrets,
    clock,
    routeFor: (setting) => network.router.routeFor(setting),
    tokenFetcher: (route) => network.tokenFetcher(route),
    logger,
    apiOptions: config.apiOptions,
    tokenOptions: config.tokenOptions,
  });
  const profiles = new ProfileService({
    settings: new SettingsStore(config.userDataDir),
    secrets,
    connections,
    logger,
  });
  // Owners publish, the renderer re-reads: every profile change but the internal "removing" step.
  profiles.subscribe((change) => {
    if (change.kind !== 'removing') events.emit('profiles:changed', { profileId: change.profileId });
  });
  const demo = new DemoService(profiles, secrets, config.demoData, logger, config.demoWarmUpRevisions);
  // Model changes (issue 15): each landed sync reaches the changes service, wired below once it exists.
  let afterSync: (landing: SyncLanding) => void = () => {};
  const portfolios = new PortfolioService({
    profiles,
    secrets,
    clock,
    events,
    userDataDir: config.userDataDir,
    logger,
    fileIo: config.fileIo ?? { ...nodeAtomicWriteIo, warn: (message, error) => logger.warn(message, { error }) },
    autoSync: config.autoSync,
    beforeSync: (profile) => demo.ensureRunning(profile),
    onLanded: (landing) => afterSync(landing),
  });
  const exports = new ExportService({
    portfolios: (ids) => portfolios.stream(ids),
    clock,
    saveDialog: config.saveDialog ?? noDialog,
    shell,
    logger,
    track: wiring.trackExport,
  });
  // Factsheet (issue 15)
  const factsheets = new FactsheetService({
    portfolio: (id) => portfolios.get(id),
    saveDialog: config.saveDialog ?? noDialog,
    printer: config.pdfPrinter ?? noPrinter,
    clock,
    region: config.region ?? processRegion,
    logger,
    fileIo: config.fileIo ?? { ...nodeAtomicWriteIo, warn: (message, error) => logger.warn(message, { error }) },
    track: config.trackExport,
    onSaved: (file) => exports.allowShowing(file),
  });
  // Model changes (issue 15)
  const changeWiring = createChangesService({
    userDataDir: config.userDataDir,
    logger,
    events,
    notifier: config.notifier ?? silentNotifier,
    profiles,
    portfolios,
    exports,
    demo,
  });
  afterSync = changeWiring.afterSync;
  const connectionTests = new ConnectionTester({
    getProfile: (profileId) => profiles.get(profileId),
    secrets,
    wayOf: (profile) => connections.way(profile),
    wayFor: (setting) => connections.wayFor(setting),
    beforeConnect: (profile) => demo.ensureRunning(profile),
  });
  return {
    identity: config.identity,
    secrets,
    clock,
    redactor,
    logger,
    profiles,
    portfolios,
    exports,
    connectionTests,
    demo,
    factsheets,
    changes: changeWiring.changes,
    recentLog,
    shell,
    updates: wiring.updates,
    network,
    userDataDir: config.userDataDir,
    async dispose() {
      portfolios.dispose();
      network.dispose();
      await Promise.all([demo.stop(), wiring.updates.dispose()]);
    },
  };
}
