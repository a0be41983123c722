import type { Agent } from 'node:http';
import type { SecureContext } from 'node:tls';
import { ForwardAgent, SocksAgent, TunnelAgent } from './coded-proxy-agents';
import { proxyAddress, type ProxyServer } from './proxy-entry';

/** What the pool needs: the Proxy-Authorization value for a proxy (if signed in) and CAs for TLS to HTTPS proxies. */
export interface ProxyAgentPoolOptions {
  authorization: (server: ProxyServer) => string | undefined;
  /** The trust list (default store plus extra CAs) for TLS to the API and to HTTPS proxies; undefined = the default store. */
  secureContext?: SecureContext;
}

function proxyUrl(server: ProxyServer): string {
  const scheme = { http: 'http', https: 'https', socks4: 'socks4', socks5: 'socks5h' }[server.kind];
  return `${scheme}://${proxyAddress(server)}`;
}

/**
 * Chooses the agent for a request through a proxy, and keeps one per proxy and target scheme so
 * keep-alive connections (and CONNECT tunnels) are reused: http targets through PROXY/HTTPS go
 * forwarded on a new connection each (http-proxy-agent), https targets through a CONNECT tunnel (https-proxy-agent), and
 * SOCKS entries through socks-proxy-agent (SOCKS5 resolves names on the proxy).
 */
export class ProxyAgentPool {
  /** Per proxy address, the agents by kind and target scheme. */
  private readonly agents = new Map<string, Map<string, Agent>>();

  constructor(private readonly options: ProxyAgentPoolOptions) {}

  /** The agent for a request to an http (secureTarget false) or https target through `server`. */
  agentFor(server: ProxyServer, secureTarget: boolean): Agent {
    const address = proxyAddress(server);
    let byKind = this.agents.get(address);
    if (!byKind) this.agents.set(address, (byKind = new Map()));
    const key = `${server.kind}|${secureTarget ? 'https' : 'http'}`;
    let agent = byKind.get(key);
    if (!agent) byKind.set(key, (agent = this.create(server, secureTarget)));
    return agent;
  }

  /** Closes the kept connections (and tunnels) through the proxy at host:port, of every kind and target scheme. */
  drop(proxy: Pick<ProxyServer, 'host' | 'port'>): void {
    const address = proxyAddress(proxy);
    for (const agent of this.agents.get(address)?.values() ?? []) agent.destroy();
    this.agents.delete(address);
  }

  /** Closes every kept connection (app quit, or a test's end). */
  destroy(): void {
    for (const byKind of this.agents.values()) for (const agent of byKind.values()) agent.destroy();
    this.agents.clear();
  }

  private create(server: ProxyServer, secureTarget: boolean): Agent {
    const url = proxyUrl(server);
    const { secureContext } = this.options;
    if (server.kind === 'socks4' || server.kind === 'socks5')
      return new SocksAgent(server, url, { keepAlive: true }, secureContext);
    const headers = (): Record<string, string> => {
      const value = this.options.authorization(server);
      return value ? { 'Proxy-Authorization': value } : {};
    };
    // Forwarded requests use a fresh connection each: proxies such as tinyproxy close the client
    // connection after every answer without saying so, and a reused socket would then fail. Only
    // http targets go this way, and the app allows http for loopback addresses only.
    return secureTarget
      ? new TunnelAgent(server, url, { keepAlive: true, headers }, secureContext)
      : new ForwardAgent(server, url, { keepAlive: false, headers }, secureContext);
  }
}
