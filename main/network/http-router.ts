import type { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import * as tls from 'node:tls';
import type { NetworkSetting } from '../../common/network-setting';
import type { SecretStore } from '../keychain/secret-store';
import { silentLogger, type Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { manualProxyResolver } from './manual-proxy-resolver';
import { NetworkRoute } from './network-route';
import { ProxyAgentPool } from './proxy-agent-pool';
import { directResolver, type ProxyResolver } from './proxy-resolver';
import { noCredentialsPrompt, ProxySignIn, type ProxyCredentialsPrompt } from './proxy-sign-in';

/** What the app's network needs from its host (the Electron shell, a test, a benchmark). */
export interface HttpRouterDeps {
  /** "Use the system's proxy settings": electronProxyResolver(session) in the app, environmentProxyResolver() elsewhere. */
  systemResolver: ProxyResolver;
  /** Where proxy credentials are kept (account proxy:<host>:<port>). */
  secrets: SecretStore;
  redactor: Redactor;
  /** Asks for proxy credentials; without one every proxy sign-in is cancelled (PROXY_AUTH_REQUIRED). */
  prompt?: ProxyCredentialsPrompt;
  logger?: Logger;
  /** PEM certificates to trust on top of the default store (a test sandbox's CA); never a way to trust everything. */
  extraCa?: readonly string[];
  /** Prompts per proxy sign-in before giving up (default 3). */
  maxPrompts?: number;
  /** The proxies with credentials kept in the keychain changed. */
  onSavedSignInsChange?: () => void;
}

/** The default store as Node has it now (after trustSystemCertificates, the OS store too). */
function defaultCertificates(): string[] {
  return typeof tls.getCACertificates === 'function' ? tls.getCACertificates('default') : [...tls.rootCertificates];
}

/**
 * The app's network: one agent pool (connections reused across profiles) and one proxy sign-in
 * (credentials per proxy, shared), and a route per network setting. Build one per app run.
 */
export class HttpRouter {
  /** Proxy credentials per proxy (`forgetSignIn` signs out of one). */
  readonly signIn: ProxySignIn;
  private readonly agents: ProxyAgentPool;
  private readonly logger: Logger;
  private readonly directHttpsAgent: Agent | undefined;

  constructor(private readonly deps: HttpRouterDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.signIn = new ProxySignIn({
      secrets: deps.secrets,
      redactor: deps.redactor,
      prompt: deps.prompt ?? noCredentialsPrompt,
      logger: this.logger,
      maxPrompts: deps.maxPrompts,
      onSavedChange: deps.onSavedSignInsChange,
    });
    // One secure context for every TLS connection (parsing a few hundred CAs per connection would cost).
    const secureContext = deps.extraCa?.length
      ? tls.createSecureContext({ ca: [...new Set([...defaultCertificates(), ...deps.extraCa])] })
      : undefined;
    this.directHttpsAgent = secureContext ? new HttpsAgent({ keepAlive: true, secureContext }) : undefined;
    this.agents = new ProxyAgentPool({
      authorization: (server) => this.signIn.authorization(server),
      ...(secureContext ? { secureContext } : {}),
    });
  }

  /** The route for a profile's network setting: what ApiClientOptions.route and createTokenFetcher's route take. */
  routeFor(setting: NetworkSetting): NetworkRoute {
    const resolver =
      setting.mode === 'system'
        ? this.deps.systemResolver
        : setting.mode === 'none'
          ? directResolver
          : manualProxyResolver(setting, this.logger);
    return new NetworkRoute({
      mode: setting.mode,
      resolver,
      agents: this.agents,
      signIn: this.signIn,
      ...(this.directHttpsAgent ? { directHttpsAgent: this.directHttpsAgent } : {}),
      logger: this.logger,
    });
  }

  /**
   * Signs out of a proxy: its credentials leave memory and the keychain, and its kept connections (CONNECT tunnels
   * signed in with them) are closed, so the next request through it is asked to sign in again.
   */
  forgetSignIn(proxy: { host: string; port: number }): Promise<boolean> {
    this.agents.drop(proxy);
    return this.signIn.forget(proxy);
  }

  /** Closes every kept proxy connection. */
  dispose(): void {
    this.agents.destroy();
    this.directHttpsAgent?.destroy();
  }
}
