import { proxyAddress } from '../../common/proxy-sign-in';

/** The kinds of proxy a PAC result names: PROXY (http), HTTPS (TLS to the proxy), SOCKS (v4) and SOCKS5. */
export type ProxyKind = 'http' | 'https' | 'socks4' | 'socks5';

/** One proxy server: its kind, host (IPv6 without brackets) and port. */
export interface ProxyServer {
  kind: ProxyKind;
  host: string;
  port: number;
}

/** One entry of a proxy list: go direct, or through a proxy server. */
export type ProxyEntry = { kind: 'direct' } | ProxyServer;

/** `host:port` of a proxy (IPv6 in brackets), in `common/` so the window names proxies the same way. */
export { proxyAddress };

/** The default port of each kind, as Chromium reads a PAC result without one. */
export const defaultProxyPorts: Record<ProxyKind, number> = { http: 80, https: 443, socks4: 1080, socks5: 1080 };

const pacKeywords: Record<ProxyKind, string> = { http: 'PROXY', https: 'HTTPS', socks4: 'SOCKS', socks5: 'SOCKS5' };

/** The entry in PAC syntax: `DIRECT`, `PROXY host:port`, `HTTPS host:port`, `SOCKS host:port` or `SOCKS5 host:port`. */
export function pacEntryText(entry: ProxyEntry): string {
  return entry.kind === 'direct' ? 'DIRECT' : `${pacKeywords[entry.kind]} ${proxyAddress(entry)}`;
}

/** True for an entry that goes through a proxy. */
export function isProxyServer(entry: ProxyEntry): entry is ProxyServer {
  return entry.kind !== 'direct';
}
