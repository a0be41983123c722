import { parseProxyUrl, type ProxyUrlParts } from '../../common/network-setting';
import { defaultProxyPorts, type ProxyKind, type ProxyServer } from './proxy-entry';

/**
 * The proxy choice for one URL, as a PAC result string (`PROXY host:port; DIRECT`): the port every
 * way of choosing a proxy implements (Electron's resolveProxy, the environment, a manual setting).
 */
export type ProxyResolver = (url: string) => Promise<string>;

/** "No proxy": every URL goes direct, whatever the system or the environment says. */
export const directResolver: ProxyResolver = () => Promise.resolve('DIRECT');

const kindOfScheme: Record<ProxyUrlParts['scheme'], ProxyKind> = {
  http: 'http',
  https: 'https',
  socks: 'socks5',
  socks4: 'socks4',
  socks4a: 'socks4',
  socks5: 'socks5',
  socks5h: 'socks5',
};

/** A proxy URL as a server; `defaultPorts` fills a missing port (browsers and curl differ). Null when unreadable. */
export function proxyServerFromUrl(
  url: string,
  defaultPorts: Record<ProxyKind, number> = defaultProxyPorts,
): ProxyServer | null {
  const parsed = parseProxyUrl(url);
  if (!parsed.ok) return null;
  const kind = kindOfScheme[parsed.parts.scheme];
  const host = parsed.parts.host.replace(/^\[|\]$/g, '');
  return { kind, host, port: parsed.parts.port ?? defaultPorts[kind] };
}
