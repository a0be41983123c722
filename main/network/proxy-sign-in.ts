import { proxyCredentialsSchema, type ProxyCredentials, type ProxySignInReason } from '../../common/proxy-sign-in';
import { AppError } from '../../common/result';
import { proxyCredentialsAccount, proxyCredentialsPrefix, proxyOfAccount } from '../auth/keychain-accounts';
import type { SecretStore } from '../keychain/secret-store';
import { silentLogger, type Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { proxyAddress, type ProxyServer } from './proxy-entry';

/**
 * Asks the user for a proxy's user name and password (the renderer's dialog, through the bridge);
 * null when they cancel. Called at most once at a time per proxy, whatever the number of requests waiting.
 */
export type ProxyCredentialsPrompt = (
  proxy: { host: string; port: number; realm?: string },
  reason: ProxySignInReason,
) => Promise<ProxyCredentials | null>;

/** A prompt for hosts with no window to ask in: every sign-in is cancelled (PROXY_AUTH_REQUIRED). */
export const noCredentialsPrompt: ProxyCredentialsPrompt = () => Promise.resolve(null);

interface ProxyState {
  credentials: ProxyCredentials | null;
  /** Bumped whenever the credentials change, so a 407 can tell whether it answered the current ones. */
  generation: number;
  /** True when the current credentials are the ones in the keychain. */
  stored: boolean;
  keychainRead: boolean;
  /** Prompts since the proxy last accepted credentials. */
  prompts: number;
  pending: Promise<void> | null;
}

/** What the sign-in needs. */
export interface ProxySignInDeps {
  secrets: SecretStore;
  redactor: Redactor;
  prompt: ProxyCredentialsPrompt;
  logger?: Logger;
  /** Prompts per sign-in before giving up with PROXY_AUTH_REQUIRED (default 3). */
  maxPrompts?: number;
  /** The proxies with credentials in the keychain changed (kept, refused and deleted, or forgotten). */
  onSavedChange?: () => void;
}

/**
 * Proxy sign-in (Basic): credentials per proxy, shared by every profile and request. On a 407 it
 * reads the keychain once, then asks the prompt (one prompt at a time per proxy; every waiting
 * request retries with its answer). Credentials are kept in the keychain once the proxy accepts
 * them, and deleted from it when the proxy refuses them. Every password is given to the redactor.
 */
export class ProxySignIn {
  private readonly states = new Map<string, ProxyState>();
  private readonly logger: Logger;
  private readonly maxPrompts: number;

  constructor(private readonly deps: ProxySignInDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.maxPrompts = deps.maxPrompts ?? 3;
  }

  /** The credentials' generation a request is about to be sent with (compare it in challenged/accepted). */
  generation(server: ProxyServer): number {
    return this.state(server).generation;
  }

  /** The Proxy-Authorization value for the proxy, when the app has credentials for it. */
  authorization(server: ProxyServer): string | undefined {
    const credentials = this.state(server).credentials;
    if (!credentials) return undefined;
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  }

  /**
   * The proxy answered 407 (Basic) to a request sent with `sentGeneration`: when the credentials have
   * changed since, it returns at once (retry with the new ones); otherwise it reads the keychain (the
   * first time) or asks the prompt. Throws PROXY_AUTH_REQUIRED on cancel or after too many refusals.
   */
  async challenged(server: ProxyServer, realm: string | null, sentGeneration: number): Promise<void> {
    const state = this.state(server);
    if (state.pending) return state.pending;
    if (state.generation !== sentGeneration) return;
    state.pending = this.answer(server, realm, state).finally(() => {
      state.pending = null;
    });
    return state.pending;
  }

  /** The proxy let a request through that was sent with `sentGeneration`: keep those credentials in the keychain. */
  async accepted(server: ProxyServer, sentGeneration: number): Promise<void> {
    const state = this.state(server);
    if (state.generation !== sentGeneration || !state.credentials) return;
    state.prompts = 0;
    if (state.stored) return;
    state.stored = true;
    try {
      await this.deps.secrets.set(this.account(server), JSON.stringify(state.credentials));
      // Forgotten (or replaced) while the keychain wrote them: they must not outlive the forget.
      if (state.generation !== sentGeneration) {
        await this.deps.secrets.delete(this.account(server)).catch(() => false);
        return;
      }
      this.logger.info('proxy credentials kept in the keychain', { proxy: proxyAddress(server) });
      this.deps.onSavedChange?.();
    } catch (error) {
      state.stored = false;
      this.logger.warn('could not keep the proxy credentials in the keychain; they last until the app quits', {
        proxy: proxyAddress(server),
        error,
      });
    }
  }

  /**
   * Forgets the proxy's credentials, in memory and in the keychain ("Forget" in Settings): the next request through
   * it that the proxy challenges asks again. True when the keychain held them.
   */
  async forget(server: Pick<ProxyServer, 'host' | 'port'>): Promise<boolean> {
    const state = this.state(server);
    state.credentials = null;
    state.generation += 1;
    state.stored = false;
    state.keychainRead = true;
    state.prompts = 0;
    const deleted = await this.deps.secrets.delete(this.account(server));
    if (deleted) this.deps.onSavedChange?.();
    return deleted;
  }

  /** The proxies whose credentials are kept in the keychain, by host and port (never a user name or password). */
  async saved(): Promise<Array<{ host: string; port: number }>> {
    const accounts = await this.deps.secrets.accounts(proxyCredentialsPrefix);
    return accounts
      .flatMap((account) => proxyOfAccount(account) ?? [])
      .sort((a, b) => a.host.localeCompare(b.host) || a.port - b.port);
  }

  private async answer(server: ProxyServer, realm: string | null, state: ProxyState): Promise<void> {
    const address = proxyAddress(server);
    if (!state.keychainRead) {
      state.keychainRead = true;
      const stored = await this.readStored(server);
      if (stored && !state.credentials) {
        this.use(state, stored, true);
        return;
      }
    }
    const reason: ProxySignInReason = state.credentials ? 'wrong' : 'required';
    if (reason === 'wrong') {
      this.logger.warn('the proxy refused the credentials', { proxy: address });
      const wasStored = state.stored;
      state.credentials = null;
      state.generation += 1;
      state.stored = false;
      // Known-wrong credentials are not kept: sending them at every start could lock the account.
      if (wasStored && (await this.deps.secrets.delete(this.account(server)).catch(() => false)))
        this.deps.onSavedChange?.();
    }
    if (state.prompts >= this.maxPrompts) {
      state.prompts = 0;
      throw new AppError(
        'PROXY_AUTH_REQUIRED',
        `The proxy at ${address} did not accept the user name and password (${this.maxPrompts} tries). Check them with IT, then try again.`,
      );
    }
    state.prompts += 1;
    const answer = await this.deps.prompt(
      { host: server.host, port: server.port, ...(realm ? { realm } : {}) },
      reason,
    );
    if (!answer) {
      state.prompts = 0;
      throw new AppError(
        'PROXY_AUTH_REQUIRED',
        `Sign-in to the proxy at ${address} was cancelled, so the API could not be reached. Try again to sign in.`,
      );
    }
    const parsed = proxyCredentialsSchema.safeParse(answer);
    if (!parsed.success) {
      throw new AppError(
        'PROXY_AUTH_REQUIRED',
        parsed.error.issues[0]?.message ?? 'The proxy credentials were not valid.',
      );
    }
    this.use(state, parsed.data, false);
  }

  private use(state: ProxyState, credentials: ProxyCredentials, stored: boolean): void {
    this.deps.redactor.add(credentials.password);
    this.deps.redactor.add(`${credentials.username}:${credentials.password}`);
    state.credentials = credentials;
    state.generation += 1;
    state.stored = stored;
  }

  private async readStored(server: ProxyServer): Promise<ProxyCredentials | null> {
    let text: string | null;
    try {
      text = await this.deps.secrets.get(this.account(server));
    } catch (error) {
      this.logger.warn('could not read proxy credentials from the keychain; asking instead', {
        proxy: proxyAddress(server),
        error,
      });
      return null;
    }
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const parsed = proxyCredentialsSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    this.logger.warn('the stored proxy credentials were unreadable; asking instead', { proxy: proxyAddress(server) });
    return null;
  }

  private account(server: Pick<ProxyServer, 'host' | 'port'>): string {
    return proxyCredentialsAccount(server.host, server.port);
  }

  private state(server: Pick<ProxyServer, 'host' | 'port'>): ProxyState {
    const key = proxyAddress(server);
    let state = this.states.get(key);
    if (!state) {
      state = { credentials: null, generation: 0, stored: false, keychainRead: false, prompts: 0, pending: null };
      this.states.set(key, state);
    }
    return state;
  }
}
