import { defaultProxyPorts, type ProxyEntry, type ProxyKind } from './proxy-entry';

/** A PAC result read into entries, with what was skipped and why (for the log). */
export interface PacResult {
  /** Never empty: a result with no usable entry is DIRECT, as browsers do. */
  entries: ProxyEntry[];
  warnings: string[];
}

const keywords: Record<string, ProxyKind | 'direct'> = {
  direct: 'direct',
  proxy: 'http',
  http: 'http',
  https: 'https',
  socks: 'socks4',
  socks4: 'socks4',
  socks5: 'socks5',
};

/** Reads `host`, `host:port` or `[v6]:port`; null when it is not a server address. */
function readAddress(text: string, kind: ProxyKind): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::(\d{1,5}))?$/i.exec(text);
  if (!match) return null;
  const host = (match[1] ?? match[2] ?? '').toLowerCase();
  const port = match[3] === undefined ? defaultProxyPorts[kind] : Number(match[3]);
  if (!host || port < 1 || port > 65535) return null;
  return { host, port };
}

/**
 * Reads a PAC result string (`PROXY host:port; HTTPS host:port; SOCKS5 host:port; DIRECT`), as
 * Electron's resolveProxy and a PAC script's FindProxyForURL give it: keywords in any case, any
 * spacing, empty entries ignored. An entry that cannot be read is skipped with a warning; when no
 * entry is left the result is DIRECT with a warning, which is what Chromium does with a broken
 * PAC result (docs/network.md).
 */
export function parsePacResult(text: string): PacResult {
  const entries: ProxyEntry[] = [];
  const warnings: string[] = [];
  for (const raw of String(text).split(';')) {
    const part = raw.trim();
    if (!part) continue;
    const [word = '', ...rest] = part.split(/\s+/);
    const kind = keywords[word.toLowerCase()];
    const address = rest.join(' ');
    if (kind === undefined) {
      warnings.push(`PAC entry "${part}" has an unknown or unsupported type; skipped`);
      continue;
    }
    if (kind === 'direct') {
      if (address) warnings.push(`PAC entry "${part}": DIRECT takes no address; the address was ignored`);
      entries.push({ kind: 'direct' });
      continue;
    }
    const server = readAddress(address, kind);
    if (!server) {
      warnings.push(`PAC entry "${part}" has no valid host:port; skipped`);
      continue;
    }
    entries.push({ kind, ...server });
  }
  if (entries.length === 0) {
    warnings.push(`PAC result "${String(text).slice(0, 200)}" has no usable entry; going DIRECT`);
    entries.push({ kind: 'direct' });
  }
  return { entries, warnings };
}
