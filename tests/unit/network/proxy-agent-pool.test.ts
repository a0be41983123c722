import { describe, expect, it, vi } from 'vitest';
import { ForwardAgent, SocksAgent, TunnelAgent } from '../../../main/network/coded-proxy-agents';
import { ProxyAgentPool } from '../../../main/network/proxy-agent-pool';

const pool = () => new ProxyAgentPool({ authorization: () => undefined });

describe('choosing the agent for a request through a proxy', () => {
  it('forwards http targets and tunnels https targets through an HTTP proxy', () => {
    const agents = pool();
    const server = { kind: 'http', host: 'proxy.corp', port: 3128 } as const;
    const forward = agents.agentFor(server, false);
    const tunnel = agents.agentFor(server, true);
    expect(forward).toBeInstanceOf(ForwardAgent);
    expect(tunnel).toBeInstanceOf(TunnelAgent);
    expect((tunnel as TunnelAgent).proxy.href).toBe('http://proxy.corp:3128/');
    agents.destroy();
  });

  it('speaks TLS to an HTTPS-type proxy', () => {
    const agents = pool();
    const tunnel = agents.agentFor({ kind: 'https', host: 'secure.corp', port: 8443 }, true) as TunnelAgent;
    expect(tunnel.proxy.protocol).toBe('https:');
    const forward = agents.agentFor({ kind: 'https', host: 'secure.corp', port: 8443 }, false) as ForwardAgent;
    expect(forward.proxy.protocol).toBe('https:');
    agents.destroy();
  });

  it('uses SOCKS for SOCKS entries, SOCKS5 resolving names on the proxy', () => {
    const agents = pool();
    const five = agents.agentFor({ kind: 'socks5', host: 's.corp', port: 1080 }, true) as SocksAgent;
    const four = agents.agentFor({ kind: 'socks4', host: 'old.corp', port: 1080 }, false) as SocksAgent;
    expect(five).toBeInstanceOf(SocksAgent);
    expect(five.proxy).toMatchObject({ type: 5, host: 's.corp', port: 1080 });
    expect(five.shouldLookup).toBe(false);
    expect(four.proxy).toMatchObject({ type: 4 });
    agents.destroy();
  });

  it('keeps one agent per proxy and target scheme, so connections are reused', () => {
    const agents = pool();
    const server = { kind: 'http', host: 'proxy.corp', port: 3128 } as const;
    expect(agents.agentFor(server, true)).toBe(agents.agentFor({ ...server }, true));
    expect(agents.agentFor(server, true)).not.toBe(agents.agentFor({ ...server, port: 3129 }, true));
    expect((agents.agentFor(server, true) as TunnelAgent).keepAlive).toBe(true);
    // Forwarded requests do not reuse connections: proxies such as tinyproxy close them after each answer.
    expect((agents.agentFor(server, false) as ForwardAgent).keepAlive).toBe(false);
    agents.destroy();
  });

  it('adds the proxy credentials to every CONNECT and forwarded request, read when sent', () => {
    const signedIn: { value?: string } = {};
    const agents = new ProxyAgentPool({ authorization: () => signedIn.value });
    const tunnel = agents.agentFor({ kind: 'http', host: 'p', port: 1 }, true) as TunnelAgent;
    const headers = () => (typeof tunnel.proxyHeaders === 'function' ? tunnel.proxyHeaders() : tunnel.proxyHeaders);
    expect(headers()).toEqual({});
    signedIn.value = 'Basic dXNlcjpwYXNz';
    expect(headers()).toEqual({ 'Proxy-Authorization': 'Basic dXNlcjpwYXNz' });
    agents.destroy();
  });

  it('drops every agent through one proxy (each kind and target scheme) and no other', () => {
    const agents = pool();
    const http = { kind: 'http', host: 'proxy.corp', port: 3128 } as const;
    const dropped = [
      agents.agentFor(http, true),
      agents.agentFor(http, false),
      agents.agentFor({ ...http, kind: 'socks5' }, true),
    ];
    const kept = [
      agents.agentFor({ ...http, port: 3129 }, true),
      agents.agentFor({ ...http, host: 'a.proxy.corp' }, true),
      agents.agentFor({ kind: 'http', host: '::1', port: 3128 }, true),
    ];
    const destroyed = [...dropped, ...kept].map((agent) => vi.spyOn(agent, 'destroy'));
    agents.drop({ host: 'proxy.corp', port: 3128 });
    expect(destroyed.map((spy) => spy.mock.calls.length)).toEqual([1, 1, 1, 0, 0, 0]);
    // The next request through that proxy gets a new agent (a new CONNECT, signed in afresh); the others keep theirs.
    expect(agents.agentFor(http, true)).not.toBe(dropped[0]);
    expect(agents.agentFor({ ...http, port: 3129 }, true)).toBe(kept[0]);
    agents.drop({ host: '::1', port: 3128 });
    expect(destroyed[5]!.mock.calls.length).toBe(1);
    agents.destroy();
  });
});
