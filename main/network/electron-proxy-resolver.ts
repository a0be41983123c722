import type { ProxyResolver } from './proxy-resolver';

/** The part of Electron's Session the resolver needs (session.defaultSession in the app). */
export interface ProxySession {
  resolveProxy(url: string): Promise<string>;
}

/**
 * The system's proxy choice as Chromium makes it (OS settings, PAC scripts, WPAD): a thin adapter
 * over `session.resolveProxy(url)`, which answers in PAC syntax.
 */
export function electronProxyResolver(session: ProxySession): ProxyResolver {
  return (url) => session.resolveProxy(url);
}
