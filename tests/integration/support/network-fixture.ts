import type { ProxyCredentials, ProxySignInReason } from '../../../common/proxy-sign-in';
import type { NetworkSetting } from '../../../common/network-setting';
import { ApiClient, type ApiClientOptions } from '../../../main/api/api-client';
import type { HttpRoute } from '../../../main/api/http-request';
import { testConnection } from '../../../main/auth/test-connection';
import { createTokenFetcher } from '../../../main/auth/token-client';
import { systemClock } from '../../../main/clock';
import type { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';
import type { SecretStore } from '../../../main/keychain/secret-store';
import { environmentProxyResolver, type ProxyEnvironment } from '../../../main/network/environment-proxy-resolver';
import { HttpRouter } from '../../../main/network/http-router';
import type { ProxyResolver } from '../../../main/network/proxy-resolver';
import type { ProxyCredentialsPrompt } from '../../../main/network/proxy-sign-in';
import { runSync, type SyncRunResult } from '../../../main/sync/sync-run';
import type { Sandbox } from '../../../sandbox';
import { type Capture, restartedManager, sandboxProfile, tokenManagerFor } from './auth-fixture';

/** A prompt that answers from a script and records every question (host, port, realm, reason). */
export class ScriptedPrompt {
  readonly asked: Array<{ host: string; port: number; realm?: string; reason: ProxySignInReason }> = [];
  constructor(private readonly answers: Array<ProxyCredentials | null>) {}
  readonly prompt: ProxyCredentialsPrompt = (proxy, reason) => {
    this.asked.push({ ...proxy, reason });
    return Promise.resolve(this.answers.shift() ?? null);
  };
}

/** The app's network for a test: an HttpRouter over the real keychain, the system proxy read from `env`. */
export function testRouter(options: {
  secrets: SecretStore;
  capture: Capture;
  env?: ProxyEnvironment;
  systemResolver?: ProxyResolver;
  prompt?: ProxyCredentialsPrompt;
  extraCa?: readonly (string | null)[];
  maxPrompts?: number;
}): HttpRouter {
  return new HttpRouter({
    systemResolver: options.systemResolver ?? environmentProxyResolver(options.env ?? {}, options.capture.logger),
    secrets: options.secrets,
    redactor: options.capture.redactor,
    logger: options.capture.logger,
    prompt: options.prompt,
    extraCa: (options.extraCa ?? []).filter((pem): pem is string => Boolean(pem)),
    maxPrompts: options.maxPrompts,
  });
}

/** Fast, deterministic client options for tests (no real backoff waits), on the given route. */
export function clientOptions(route: HttpRoute, capture: Capture, extra: ApiClientOptions = {}): ApiClientOptions {
  return {
    route,
    logger: capture.logger,
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5, retryAfterCapMs: 5 },
    requestTimeoutMs: 10_000,
    ...extra,
  };
}

/** "Test connection" of a sandbox profile along the route, as the profile service runs it. */
export function testConnectionThrough(sandbox: Sandbox, route: HttpRoute, capture: Capture) {
  const profile = sandboxProfile(sandbox);
  return testConnection(
    profile,
    sandbox.credentials.clientSecret,
    createTokenFetcher(systemClock, { route }),
    clientOptions(route, capture),
  );
}

/** A sandbox profile's ApiClient over a real TokenManager (real keychain), token POST and GETs on the route. */
export async function apiThrough(
  sandbox: Sandbox,
  route: HttpRoute,
  secrets: KeytarSecretStore,
  capture: Capture,
  extra: ApiClientOptions = {},
): Promise<{ api: ApiClient; profileId: string }> {
  const profile = sandboxProfile(sandbox);
  const fetchToken = createTokenFetcher(systemClock, { route, timeoutMs: 10_000 });
  await tokenManagerFor(sandbox, profile, secrets, systemClock, capture);
  const tokens = restartedManager(profile, secrets, systemClock, capture, { fetchToken });
  return { api: new ApiClient(sandbox.baseUrl, tokens, clientOptions(route, capture, extra)), profileId: profile.id };
}

/** A full sync of the sandbox along the route (token POST and every GET). */
export async function syncThrough(
  sandbox: Sandbox,
  route: HttpRoute,
  secrets: KeytarSecretStore,
  capture: Capture,
): Promise<SyncRunResult> {
  const { api, profileId } = await apiThrough(sandbox, route, secrets, capture);
  return runSync({ api, profileId, clock: systemClock, stored: null, signal: new AbortController().signal });
}

/** A manual network setting for a proxy, as the schema would store it. */
export function manualSetting(proxyUrl: string, bypass: string[] = []): NetworkSetting {
  return { mode: 'manual', proxyUrl, bypass };
}
