import type { ApiClientOptions } from './api/api-client';
import type { ChangesService } from './changes/changes-service';
import { createChangesService } from './changes/create-changes-service';
import { silentNotifier, type Notifier } from './changes/notifier';
import type { AppIdentity } from './app-info-service';
import { ConnectionTester } from './auth/connection-tester';
import { redactingTokenFetcher } from './auth/redacting-token-fetcher';
import { createTokenFetcher } from './auth/token-client';
import { systemClock, type Clock } from './clock';
import { DemoService } from './demo/demo-service';
import type { SaveDialog, ShellActions } from './desktop-ports';
import { ExportService } from './export/export-service';
import { nodeAtomicWriteIo, type AtomicWriteIo } from './fs/atomic-file';
import type { EventSink } from './ipc/event-sink';
import { redactingSecretStore } from './keychain/redacting-secret-store';
import type { SecretStore } from './keychain/secret-store';
import { createLogger, type Logger } from './logging/logger';
import { RecentLog } from './logging/recent-log';
import { Redactor } from './logging/redactor';
import { PortfolioService } from './portfolios/portfolio-service';
import type { AutoSyncOptions } from './portfolios/sync-schedule';
import type { SyncLanding } from './portfolios/sync-runner';
import { ProfileConnections } from './profiles/profile-connections';
import { ProfileService } from './profiles/profile-service';
import { SettingsStore } from './settings/settings-store';
import type { SandboxOptions } from '../sandbox';

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
  /** Model changes (issue 15): changed models, trade lists, comparisons, their exports. */
  changes: ChangesService;
  /** The last warnings and errors, redacted, for diagnostics. */
  recentLog: RecentLog;
  userDataDir: string;
  /** OS shell actions (reveal a file, copy text). */
  shell: ShellActions;
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
  // Model changes (issue 15)
  /** Desktop notifications (Electron's Notification in the app, a recording one in tests); default: none. */
  notifier?: Notifier;
  /** Models the demo revises right after a new demo's first sync (default 6; 0 = none). */
  demoWarmUpRevisions?: number;
}

const noEvents: EventSink = { emit() {} };
const noDialog: SaveDialog = { chooseSavePath: () => Promise.resolve(null) };
const noShell: ShellActions = { showInFolder() {}, copyText() {} };

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
  const events = config.events ?? noEvents;
  const shell = config.shell ?? noShell;
  // Redaction is structural: whatever the keychain holds and whatever a token request carries or
  // brings back is known to the redactor before it can reach a log line or a message.
  const secrets = redactingSecretStore(config.secrets, redactor);
  const fetchToken = redactingTokenFetcher(createTokenFetcher(clock), redactor);
  const connections = new ProfileConnections({
    secrets,
    clock,
    fetchToken,
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
    track: config.trackExport,
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
    fetchToken,
    apiOptions: () => connections.apiOptions(),
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
    changes: changeWiring.changes,
    recentLog,
    shell,
    userDataDir: config.userDataDir,
    async dispose() {
      portfolios.dispose();
      await demo.stop();
    },
  };
}
