import type { NetworkSetting } from '../../common/network-setting';
import { proxyAddress, type ProxyEntry } from './proxy-entry';
import { proxyServerFromUrl } from './proxy-resolver';

/** Which way a request went, for Test connection and diagnostics: "through the proxy at host:port" or "directly". */
export function describeWay(entry: ProxyEntry): string {
  if (entry.kind === 'direct') return 'directly';
  const kind = entry.kind === 'socks4' || entry.kind === 'socks5' ? 'SOCKS proxy' : 'proxy';
  return `through the ${kind} at ${proxyAddress(entry)}`;
}

/** A profile's network setting in one line for diagnostics: the mode and the proxy's host, never credentials. */
export function describeNetworkSetting(setting: NetworkSetting): string {
  if (setting.mode === 'system') return 'Proxy: the system’s settings';
  if (setting.mode === 'none') return 'Proxy: none (direct)';
  const server = proxyServerFromUrl(setting.proxyUrl);
  const where = server ? `${server.kind} proxy at ${proxyAddress(server)}` : 'an unreadable proxy address';
  const bypass = setting.bypass.length
    ? `; ${setting.bypass.length} bypass entr${setting.bypass.length === 1 ? 'y' : 'ies'}`
    : '';
  return `Proxy: manual, ${where}${bypass}`;
}
