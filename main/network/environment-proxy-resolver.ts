import { silentLogger, type Logger } from '../logging/logger';
import { parseBypassList, splitNoProxy } from './bypass-list';
import { pacEntryText, type ProxyKind } from './proxy-entry';
import { proxyServerFromUrl, type ProxyResolver } from './proxy-resolver';

/** The environment variables the resolver reads (process.env, or a copy a test builds). */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** curl's default proxy port is 1080 for every kind but an https:// proxy (443). */
const curlDefaultPorts: Record<ProxyKind, number> = { http: 1080, https: 443, socks4: 1080, socks5: 1080 };

function firstSet(env: ProxyEnvironment, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { name, value: value.trim() };
  }
  return null;
}

/**
 * The proxy choice outside Electron (tests, benchmarks, the sandbox CLI), read from the environment
 * as curl reads it: `http_proxy` for http URLs (lower case only, as curl does since httpoxy),
 * `https_proxy`/`HTTPS_PROXY` for https URLs, then `all_proxy`/`ALL_PROXY`; `no_proxy`/`NO_PROXY`
 * lists hosts that go direct; the lower-case name wins when both are set. A user name and password
 * in a proxy URL are not used (the app asks and keeps them in the keychain), and the URL is ignored
 * with a warning.
 */
export function environmentProxyResolver(
  env: ProxyEnvironment = process.env,
  logger: Logger = silentLogger,
): ProxyResolver {
  const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY']);
  const bypass = parseBypassList(noProxy ? splitNoProxy(noProxy.value) : []);
  for (const warning of bypass.warnings) logger.warn(`${noProxy?.name ?? 'NO_PROXY'}: ${warning}`);
  return (url) => {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      return Promise.resolve('DIRECT');
    }
    if (bypass.matches(url)) return Promise.resolve('DIRECT');
    const names =
      protocol === 'https:'
        ? ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']
        : ['http_proxy', 'all_proxy', 'ALL_PROXY'];
    const chosen = firstSet(env, names);
    if (!chosen) return Promise.resolve('DIRECT');
    const server = proxyServerFromUrl(chosen.value, curlDefaultPorts);
    if (!server) {
      logger.warn(
        `${chosen.name} is not a proxy URL the app can use (or it holds a user name and password); going direct`,
      );
      return Promise.resolve('DIRECT');
    }
    return Promise.resolve(pacEntryText(server));
  };
}
