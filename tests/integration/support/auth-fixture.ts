import { randomUUID } from 'node:crypto';
import type { Profile, TokenStyle } from '../../../common/profile';
import { clientSecretAccount } from '../../../main/auth/keychain-accounts';
import { redactingTokenFetcher } from '../../../main/auth/redacting-token-fetcher';
import { createTokenFetcher } from '../../../main/auth/token-client';
import { TokenManager, type TokenManagerDeps } from '../../../main/auth/token-manager';
import type { Clock } from '../../../main/clock';
import { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';
import { redactingSecretStore } from '../../../main/keychain/redacting-secret-store';
import { createLogger, type Logger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import type { Sandbox } from '../../../sandbox';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  now() {
    return this.ms;
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

/** Every log line and serialised error a suite produced, to scan for secrets afterwards. */
export class Capture {
  readonly lines: string[] = [];
  readonly redactor = new Redactor();
  readonly logger: Logger = createLogger(this.redactor, (level, line) => this.lines.push(`${level} ${line}`));
  /** Records an error exactly as it would cross the bridge or reach a log. */
  error(error: unknown): unknown {
    this.lines.push(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})));
    this.logger.error('captured error', { error });
    return error;
  }
  /** Lines that contain any of the values. */
  leaks(values: string[]): string[] {
    return this.lines.filter((line) => values.some((value) => value && line.includes(value)));
  }
}

/** A private keychain service for one test file, on the real Secret Service. */
export function privateKeychain(): KeytarSecretStore {
  return new KeytarSecretStore(`com.modelportfolios.test.${randomUUID()}`);
}

/** A profile pointing at the sandbox. */
export function sandboxProfile(sandbox: Sandbox, tokenStyle: TokenStyle = 'json'): Profile {
  return {
    id: randomUUID(),
    name: 'Sandbox',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    tokenStyle,
    demo: false,
    network: { mode: 'system' },
  };
}

/** Stores the sandbox's secret for the profile and builds a token manager over the real keychain. */
export async function tokenManagerFor(
  sandbox: Sandbox,
  profile: Profile,
  secrets: KeytarSecretStore,
  clock: Clock,
  capture: Capture,
  options: { refreshMarginMs?: number; minRemainingMs?: number; secret?: string } = {},
): Promise<TokenManager> {
  await secrets.set(clientSecretAccount(profile.id), options.secret ?? sandbox.credentials.clientSecret);
  return restartedManager(profile, secrets, clock, capture, options);
}

/** A token manager over what is already in the keychain: what the app builds after a restart. */
export function restartedManager(
  profile: Profile,
  secrets: KeytarSecretStore,
  clock: Clock,
  capture: Capture,
  options: Partial<Pick<TokenManagerDeps, 'refreshMarginMs' | 'minRemainingMs' | 'fetchToken'>> = {},
): TokenManager {
  // Wired as the composition root wires it: the redactor learns from the keychain and the token request.
  return new TokenManager({
    profile,
    secrets: redactingSecretStore(secrets, capture.redactor),
    clock,
    fetchToken: redactingTokenFetcher(options.fetchToken ?? createTokenFetcher(clock), capture.redactor),
    logger: capture.logger,
    refreshMarginMs: options.refreshMarginMs,
    minRemainingMs: options.minRemainingMs,
  });
}

/** Settles a promise into a value or its error, for tests that look at both. */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
