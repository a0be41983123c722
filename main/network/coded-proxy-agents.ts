import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { HttpProxyAgent, type HttpProxyAgentOptions } from 'http-proxy-agent';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import { SocksProxyAgent, type SocksProxyAgentOptions } from 'socks-proxy-agent';
import type { ProxyServer } from './proxy-entry';
import { ProxyChallenge, proxyUnreachable, socksRefused, tunnelRefused } from './proxy-errors';

// The three agents of the proxy libraries, with their failures turned into coded errors at the one
// place that knows what failed: the proxy (unreachable, refused, asking for sign-in) rather than the API.

type ConnectOptions = Parameters<HttpsProxyAgent<string>['connect']>[1];

function target(options: ConnectOptions): string {
  return `${options.host ?? ''}:${options.port}`;
}

/** The request's connect options with the trust list for the TLS to the API (the libraries take it from there). */
function withTrust(options: ConnectOptions, secureContext: SecureContext | undefined): ConnectOptions {
  return secureContext ? ({ ...options, secureContext } as ConnectOptions) : options;
}

/** CONNECT tunnels to https targets through an HTTP or HTTPS proxy (https-proxy-agent). */
export class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    readonly server: ProxyServer,
    proxyUrl: string,
    options: HttpsProxyAgentOptions<string>,
    /** Trusted for the TLS to the API inside the tunnel (and to an HTTPS proxy); undefined = the default store. */
    private readonly secureContext?: SecureContext,
  ) {
    super(proxyUrl, secureContext ? { ...options, secureContext } : options);
  }

  override async connect(req: ClientRequest, options: ConnectOptions): Promise<Socket> {
    let answer: { statusCode: number; headers: IncomingHttpHeaders } | undefined;
    const record = (connect: { statusCode: number; headers: IncomingHttpHeaders }) => {
      answer = connect;
    };
    req.once('proxyConnect', record);
    let socket: Socket;
    try {
      socket = await super.connect(req, withTrust(options, this.secureContext));
    } catch (error) {
      throw proxyUnreachable(this.server, error);
    } finally {
      req.off('proxyConnect', record);
    }
    if (!answer || answer.statusCode === 200) return socket;
    // Not 200: the library handed back a stand-in socket to replay the answer; we answer with a coded error instead.
    socket.destroy();
    // Only the proxy answers a CONNECT, so a 401 is its sign-in answer too (tinyproxy refuses wrong
    // credentials with 401 and WWW-Authenticate): read it as a 407.
    if (answer.statusCode === 407 || answer.statusCode === 401) {
      const offer = answer.headers['proxy-authenticate'] ?? answer.headers['www-authenticate'];
      throw new ProxyChallenge(this.server, { 'proxy-authenticate': offer });
    }
    throw tunnelRefused(this.server, answer.statusCode, target(options));
  }
}

/** Plain http requests forwarded by an HTTP or HTTPS proxy (http-proxy-agent). */
export class ForwardAgent extends HttpProxyAgent<string> {
  constructor(
    readonly server: ProxyServer,
    proxyUrl: string,
    options: HttpProxyAgentOptions<string>,
    /** Trusted for the TLS to an HTTPS proxy; undefined = the default store. */
    secureContext?: SecureContext,
  ) {
    super(proxyUrl, secureContext ? { ...options, secureContext } : options);
  }

  override async connect(
    req: Parameters<HttpProxyAgent<string>['connect']>[0],
    options: ConnectOptions,
  ): Promise<Socket> {
    try {
      const socket = await super.connect(req, options);
      // For an HTTPS proxy, wait for the handshake so an untrusted proxy is a proxy failure.
      if (socket instanceof TLSSocket) await once(socket, 'secureConnect');
      return socket;
    } catch (error) {
      throw proxyUnreachable(this.server, error);
    }
  }
}

/** Connections through a SOCKS4 or SOCKS5 proxy (socks-proxy-agent), for http and https targets. */
export class SocksAgent extends SocksProxyAgent {
  constructor(
    readonly server: ProxyServer,
    proxyUrl: string,
    options: SocksProxyAgentOptions,
    /** Trusted for the TLS to the API through the proxy; undefined = the default store. */
    private readonly secureContext?: SecureContext,
  ) {
    super(proxyUrl, options);
  }

  override async connect(req: ClientRequest, options: ConnectOptions): Promise<Socket> {
    try {
      return await super.connect(req, withTrust(options, this.secureContext));
    } catch (error) {
      // A failed look-up of the API's own name (SOCKS4 resolves locally) is not the proxy's fault.
      if (typeof (error as { code?: unknown }).code === 'string') throw error;
      if (/rejected/i.test(error instanceof Error ? error.message : ''))
        throw socksRefused(this.server, target(options), error);
      throw proxyUnreachable(this.server, error);
    }
  }
}
