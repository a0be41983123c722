import { silentLogger, type Logger } from '../logging/logger';
import { parseBypassList } from './bypass-list';
import { pacEntryText } from './proxy-entry';
import { proxyServerFromUrl, type ProxyResolver } from './proxy-resolver';

/**
 * A profile's manual proxy: every URL through `proxyUrl` (http://, https:// or socks5://; a missing
 * port is 80, 443 or 1080 as in browsers) except the hosts on the bypass list, which go direct.
 * No fallback to DIRECT: a manual proxy that cannot be reached is PROXY_UNREACHABLE.
 */
export function manualProxyResolver(
  setting: { proxyUrl: string; bypass: readonly string[] },
  logger: Logger = silentLogger,
): ProxyResolver {
  const server = proxyServerFromUrl(setting.proxyUrl);
  if (!server) throw new RangeError('manualProxyResolver needs a proxy URL that passed proxyUrlSchema');
  const entry = pacEntryText(server);
  const bypass = parseBypassList(setting.bypass);
  for (const warning of bypass.warnings) logger.warn(`manual proxy: ${warning}`);
  return (url) => Promise.resolve(bypass.matches(url) ? 'DIRECT' : entry);
}
