import type { AppIdentity } from './app-info-service';
import { createTokenFetcher } from './auth/token-client';
import { systemClock, type Clock } from './clock';
import type { SecretStore } from './keychain/secret-store';
import { silentLogger, type Logger } from './logging/logger';
import { Redactor } from './logging/redactor';
import { ProfileService } from './profiles/profile-service';
import { SettingsStore } from './settings/settings-store';
import type { ApiClientOptions } from './api/api-client';

/** Everything main-side that the handlers use, built once per app run (or per test). */
export interface MainServices {
  identity: AppIdentity;
  secrets: SecretStore;
  clock: Clock;
  redactor: Redactor;
  logger: Logger;
  profiles: ProfileService;
  userDataDir: string;
}

/** What the composition root needs from its host (the Electron shell, or a test harness). */
export interface MainServicesConfig {
  identity: AppIdentity;
  secrets: SecretStore;
  userDataDir: string;
  clock?: Clock;
  redactor?: Redactor;
  logger?: Logger;
  apiOptions?: ApiClientOptions;
  tokenOptions?: { refreshMarginMs?: number; minRemainingMs?: number };
}

/** Builds main's services: the one place that decides which implementation each interface gets. */
export function createMainServices(config: MainServicesConfig): MainServices {
  const clock = config.clock ?? systemClock;
  const redactor = config.redactor ?? new Redactor();
  const logger = config.logger ?? silentLogger;
  const profiles = new ProfileService({
    settings: new SettingsStore(config.userDataDir),
    secrets: config.secrets,
    clock,
    fetchToken: createTokenFetcher(clock),
    redactor,
    logger,
    apiOptions: config.apiOptions,
    tokenOptions: config.tokenOptions,
  });
  return { identity: config.identity, secrets: config.secrets, clock, redactor, logger, profiles, userDataDir: config.userDataDir };
}
