import type { SavedProxySignIn } from '../../common/proxy-sign-in';
import type { HttpRoute } from '../api/http-request';
import { redactingTokenFetcher } from '../auth/redacting-token-fetcher';
import { createTokenFetcher, type TokenFetcher } from '../auth/token-client';
import type { Clock } from '../clock';
import type { EventSink } from '../ipc/event-sink';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { environmentProxyResolver } from './environment-proxy-resolver';
import { HttpRouter } from './http-router';
import { ProxyPromptBroker } from './proxy-prompt-broker';
import type { ProxyResolver } from './proxy-resolver';

/** What the host decides about the network (MainServicesConfig.network). */
export interface NetworkConfig {
  /** "Use the system's proxy settings": electronProxyResolver(session) in the app; the environment (curl's rules) when absent. */
  systemResolver?: ProxyResolver;
  /** PEM certificates trusted on top of the default store (a test sandbox's CA). */
  extraCa?: readonly string[];
  /** Proxy sign-in prompts before giving up (default 3). */
  maxPrompts?: number;
  /** How long a sign-in question waits for the dialog before it is cancelled (default 5 minutes). */
  promptTimeoutMs?: number;
}

/** The app's network, built once per run: the router, the sign-in dialog's broker, and the token fetcher per route. */
export interface AppNetwork {
  router: HttpRouter;
  /** Drives the proxy sign-in dialog: `proxy:signIn`, `proxy:cancelSignIn`, `proxy:current`. */
  prompts: ProxyPromptBroker;
  /** The proxies whose sign-in is kept in the keychain (`proxy:savedSignIns`), and forgetting one (`proxy:forgetSignIn`). */
  savedSignIns(): Promise<SavedProxySignIn[]>;
  forgetSignIn(proxy: SavedProxySignIn): Promise<boolean>;
  /** The token POST along a route, every secret it carries or brings back known to the redactor. */
  tokenFetcher(route: HttpRoute): TokenFetcher;
  /** Cancels open sign-in questions and closes every kept proxy connection. */
  dispose(): void;
}

/**
 * Builds the network: the proxy sign-in questions go out as `proxy:signInRequested` events, and a change to the
 * proxies whose sign-in is kept as `proxy:savedSignInsChanged`.
 */
export function createAppNetwork(
  config: NetworkConfig,
  deps: { secrets: SecretStore; redactor: Redactor; logger: Logger; clock: Clock; events: EventSink },
): AppNetwork {
  const prompts = new ProxyPromptBroker(
    (request) => deps.events.emit('proxy:signInRequested', request),
    config.promptTimeoutMs,
  );
  const router = new HttpRouter({
    systemResolver: config.systemResolver ?? environmentProxyResolver(process.env, deps.logger),
    secrets: deps.secrets,
    redactor: deps.redactor,
    logger: deps.logger,
    prompt: prompts.prompt,
    ...(config.extraCa ? { extraCa: config.extraCa } : {}),
    ...(config.maxPrompts !== undefined ? { maxPrompts: config.maxPrompts } : {}),
    onSavedSignInsChange: () => deps.events.emit('proxy:savedSignInsChanged', {}),
  });
  return {
    router,
    prompts,
    savedSignIns: () => router.signIn.saved(),
    forgetSignIn: (proxy) => router.forgetSignIn(proxy),
    tokenFetcher: (route) => redactingTokenFetcher(createTokenFetcher(deps.clock, { route }), deps.redactor),
    dispose() {
      prompts.cancelAll();
      router.dispose();
    },
  };
}
