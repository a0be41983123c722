import type { ApiClientOptions } from './api/api-client';
import type { AppIdentity } from './app-info-service';
import { redactingTokenFetcher } from './auth/redacting-token-fetcher';
import { createTokenFetcher } from './auth/token-client';
import { systemClock, type Clock } from './clock';
import { DemoService } from './demo/demo-service';
import type { SaveDialog, ShellActions } from './desktop-ports';
import type { EventSink } from './ipc/event-sink';
import { redactingSecretStore } from './keychain/redacting-secret-store';
import type { SecretStore } from './keychain/secret-store';
import { createLogger, type Logger } from './logging/logger';
import { RecentLog } from './logging/recent-log';
import { Redactor } from './logging/redactor';
import { PortfolioService, type AutoSyncOptions } from './portfolios/portfolio-service';
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
  demo: DemoService;
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
}

const noEvents: EventSink = { emit() {} };
const noDialog: SaveDialog = { chooseSavePath: () => Promise.resolve(null) };
const noShell: ShellActions = { showInFolder() {}, copyText() {} };

/** Builds main's services: the one place that decides which implementation each interface gets. */
export function createMainServices(config: MainServicesConfig): MainServices {
  const clock = config.clock ?? systemClock;
  const redactor = config.redactor ?? new Redactor();
  const recentLog = new RecentLog();
  const recentLogger = createLogger(redactor, recentLog.sink);
  const hostLogger = config.logger;
  const logger: Logger = hostLogger
    ? {
        debug: (m, f) => hostLogger.debug(m, f),
        info: (m, f) => hostLogger.info(m, f),
        warn: (m, f) => (hostLogger.warn(m, f), recentLogger.warn(m, f)),
        error: (m, f) => (hostLogger.error(m, f), recentLogger.error(m, f)),
      }
    : recentLogger;
  // Redaction is structural: whatever the keychain holds and whatever a token request carries or
  // brings back is known to the redactor before it can reach a log line or a message.
  const secrets = redactingSecretStore(config.secrets, redactor);
  const fetchToken = redactingTokenFetcher(createTokenFetcher(clock), redactor);
  let portfolios: PortfolioService | null = null;
  const profiles = new ProfileService({
    settings: new SettingsStore(config.userDataDir),
    secrets,
    clock,
    fetchToken,
    logger,
    apiOptions: config.apiOptions,
    tokenOptions: config.tokenOptions,
    onRemove: (profileId) => portfolios?.removeCache(profileId) ?? Promise.resolve(),
  });
  const demo = new DemoService(profiles, secrets, config.demoData, logger);
  portfolios = new PortfolioService({
    profiles,
    secrets,
    clock,
    events: config.events ?? noEvents,
    userDataDir: config.userDataDir,
    saveDialog: config.saveDialog ?? noDialog,
    shell: config.shell ?? noShell,
    logger,
    autoSync: config.autoSync,
    beforeSync: (profile) => demo.ensureRunning(profile),
  });
  const built = portfolios;
  return {
    identity: config.identity,
    secrets,
    clock,
    redactor,
    logger,
    profiles,
    portfolios: built,
    demo,
    recentLog,
    shell: config.shell ?? noShell,
    userDataDir: config.userDataDir,
    async dispose() {
      built.dispose();
      await demo.stop();
    },
  };
}
