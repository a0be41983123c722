import type { Agent, IncomingHttpHeaders } from 'node:http';
import type { NetworkMode } from '../../common/network-setting';
import { AppError } from '../../common/result';
import type { HttpPath, HttpRequest, HttpResponse, HttpRoute } from '../api/http-request';
import { silentLogger, type Logger } from '../logging/logger';
import { parsePacResult } from './pac-result';
import { readProxyChallenge } from './proxy-challenge';
import { isProxyServer, pacEntryText, proxyAddress, type ProxyEntry, type ProxyServer } from './proxy-entry';
import { appErrorIn, ProxyChallenge, proxyAuthUnsupported } from './proxy-errors';
import type { ProxyAgentPool } from './proxy-agent-pool';
import type { ProxyResolver } from './proxy-resolver';
import type { ProxySignIn } from './proxy-sign-in';
import { describeWay } from './route-description';

/** True for a connection reset or broken pipe (got keeps the socket error's code). */
function isConnectionReset(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** A proxy that could not be reached is tried last for this long (Chromium's "bad proxy" time). */
const badProxyMs = 5 * 60_000;

/** What a route needs; HttpRouter builds it (one pool and one sign-in shared by every route). */
export interface NetworkRouteDeps {
  mode: NetworkMode;
  resolver: ProxyResolver;
  agents: ProxyAgentPool;
  signIn: ProxySignIn;
  /** The agent for direct https requests when extra CAs are trusted; undefined = got's default agent. */
  directHttpsAgent?: Agent;
  logger?: Logger;
  now?: () => number;
}

/**
 * One profile's way out: for each request it asks the resolver (PAC syntax), tries the entries in
 * order (a proxy that cannot be reached gives way to the next entry and is tried last for 5
 * minutes), signs in to a proxy that answers 407 Basic, and remembers which way each origin went.
 */
export class NetworkRoute implements HttpRoute {
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly ways = new Map<string, ProxyEntry>();
  private readonly badUntil = new Map<string, number>();

  constructor(private readonly deps: NetworkRouteDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  /** The network mode this route follows (system, none, manual). */
  get mode(): NetworkMode {
    return this.deps.mode;
  }

  /** The proxy list for a URL, as the resolver gives it (a failing resolver means DIRECT, with a warning). */
  async entriesFor(url: string): Promise<ProxyEntry[]> {
    let text: string;
    try {
      text = await this.deps.resolver(url);
    } catch (error) {
      this.logger.warn('the proxy resolver failed; going direct', { error });
      return [{ kind: 'direct' }];
    }
    const { entries, warnings } = parsePacResult(text);
    for (const warning of warnings) this.logger.warn(warning);
    return entries;
  }

  async send(request: HttpRequest, via: (path: HttpPath) => Promise<HttpResponse>): Promise<HttpResponse> {
    const target = new URL(request.url);
    const entries = this.prioritised(await this.entriesFor(request.url));
    // Built only when no entry answers (an error's stack trace is not free on every request).
    let lastError: unknown;
    for (const entry of entries) {
      if (!isProxyServer(entry)) {
        const agent = target.protocol === 'https:' ? this.deps.directHttpsAgent : undefined;
        const response = await via({ proxied: false, ...(agent ? { agent } : {}) });
        this.ways.set(target.origin, entry);
        return response;
      }
      try {
        const response = await this.throughProxy(entry, target.protocol === 'https:', via);
        this.badUntil.delete(pacEntryText(entry));
        this.ways.set(target.origin, entry);
        return response;
      } catch (error) {
        if (appErrorIn(error)?.code !== 'PROXY_UNREACHABLE' || request.signal?.aborted) throw error;
        this.badUntil.set(pacEntryText(entry), this.now() + badProxyMs);
        this.logger.warn('proxy unreachable', { proxy: proxyAddress(entry), error });
        lastError = error;
      }
    }
    throw lastError ?? new AppError('NETWORK_UNREACHABLE');
  }

  /** Which way the last request to the URL's origin went: "through the proxy at host:port", "directly", or null. */
  describe(url: string): string | null {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return null;
    }
    const way = this.ways.get(origin);
    return way ? describeWay(way) : null;
  }

  /** Entries in PAC order, with proxies that recently failed moved to the end (still tried). */
  private prioritised(entries: ProxyEntry[]): ProxyEntry[] {
    const now = this.now();
    const bad = (entry: ProxyEntry) => (this.badUntil.get(pacEntryText(entry)) ?? 0) > now;
    return [...entries.filter((entry) => !bad(entry)), ...entries.filter(bad)];
  }

  /** Sends through one proxy, signing in (Basic) as often as the proxy answers 407 and the user answers the prompt. */
  private async throughProxy(
    server: ProxyServer,
    secureTarget: boolean,
    via: (path: HttpPath) => Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    const agent = this.deps.agents.agentFor(server, secureTarget);
    // A proxy that answers 407 and closes before reading the body (tinyproxy does) can reset a
    // forwarded request before its 407 is read: a few more tries, which then read the 407. Only for
    // forwarded (http, loopback-only) requests; a CONNECT sends nothing before the proxy says yes.
    let resetRetries = secureTarget ? 0 : 3;
    for (;;) {
      const generation = this.deps.signIn.generation(server);
      let challenge: IncomingHttpHeaders;
      try {
        const response = await via({ agent, proxied: true });
        if (response.status !== 407) {
          await this.deps.signIn.accepted(server, generation);
          return response;
        }
        challenge = response.headers;
      } catch (error) {
        const coded = appErrorIn(error);
        if (resetRetries > 0 && !coded && isConnectionReset(error)) {
          resetRetries -= 1;
          this.logger.info('the proxy reset a forwarded request before answering; sending it again', {
            proxy: proxyAddress(server),
          });
          continue;
        }
        if (!(coded instanceof ProxyChallenge)) throw error;
        challenge = coded.headers;
      }
      const offer = readProxyChallenge(challenge['proxy-authenticate']);
      if (!offer.basic) {
        if (offer.schemes.length) throw proxyAuthUnsupported(server, offer.schemes);
        throw new AppError(
          'PROXY_AUTH_REQUIRED',
          `The proxy at ${proxyAddress(server)} asks for sign-in without saying how. Ask IT to let the API's address through the proxy.`,
        );
      }
      this.logger.info('the proxy asks for sign-in (Basic)', { proxy: proxyAddress(server), realm: offer.realm });
      await this.deps.signIn.challenged(server, offer.realm, generation);
    }
  }
}
