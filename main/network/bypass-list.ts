import { BlockList, isIP } from 'node:net';

type Rule =
  | { kind: 'all' }
  | { kind: 'local' }
  | { kind: 'name'; name: string; port: number | null }
  | { kind: 'ip'; list: BlockList; port: number | null };

/** Hosts that skip the proxy (NO_PROXY, or a profile's manual bypass list), and what could not be read. */
export interface BypassList {
  /** True when the URL's host (and port, where an entry names one) is on the list. */
  matches(url: string): boolean;
  /** Entries that were not understood, for the log; they match nothing. */
  warnings: string[];
}

function readIpRule(text: string): Rule | null {
  // [v6]:port, [v6]/len, v4:port, v4/len, bare v4 or v6.
  const bracketed = /^\[([0-9a-f:.]+)\](?:\/(\d{1,3}))?(?::(\d{1,5}))?$/i.exec(text);
  const plain = /^([0-9a-f:.]+?)(?:\/(\d{1,3}))?$/i.exec(text);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?:(\d{1,5})$/.exec(text);
  const match = bracketed ?? v4WithPort ?? plain;
  if (!match?.[1]) return null;
  const address = match[1];
  const family = isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  if (match[2] !== undefined) {
    const prefix = Number(match[2]);
    if (prefix > (family === 4 ? 32 : 128)) return null;
    list.addSubnet(address, prefix, type);
  } else {
    list.addAddress(address, type);
  }
  const port = match[3] === undefined ? null : Number(match[3]);
  return { kind: 'ip', list, port };
}

function readRule(entry: string): Rule | null {
  const text = entry.trim().toLowerCase();
  if (text === '*') return { kind: 'all' };
  if (text === '<local>') return { kind: 'local' };
  const ip = readIpRule(text);
  if (ip) return ip;
  const named = /^(?:\*\.|\.)?([a-z0-9_-]+(?:\.[a-z0-9_-]+)*)\.?(?::(\d{1,5}))?$/.exec(text);
  if (!named?.[1]) return null;
  return { kind: 'name', name: named[1], port: named[2] === undefined ? null : Number(named[2]) };
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Reads a bypass list the way curl reads NO_PROXY: `*` is every host; a name matches itself and
 * every sub-domain (a leading `.` or `*.` is allowed and means the same); IP addresses and CIDR
 * ranges match IP hosts; `:port` narrows an entry to that port. `<local>` (as in Windows and
 * Chromium) matches names without a dot.
 */
export function parseBypassList(entries: readonly string[]): BypassList {
  const rules: Rule[] = [];
  const warnings: string[] = [];
  for (const entry of entries) {
    if (!entry.trim()) continue;
    const rule = readRule(entry);
    if (rule) rules.push(rule);
    else warnings.push(`bypass entry "${entry}" is not a host, domain, IP address or range; ignored`);
  }
  return {
    warnings,
    matches(input) {
      let url: URL;
      try {
        url = new URL(input);
      } catch {
        return false;
      }
      const host = url.hostname
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '')
        .toLowerCase();
      const port = effectivePort(url);
      const family = isIP(host);
      return rules.some((rule) => {
        switch (rule.kind) {
          case 'all':
            return true;
          case 'local':
            return family === 0 && !host.includes('.');
          case 'ip':
            return (
              family !== 0 &&
              (rule.port === null || rule.port === port) &&
              rule.list.check(host, family === 4 ? 'ipv4' : 'ipv6')
            );
          case 'name':
            return (
              family === 0 &&
              (rule.port === null || rule.port === port) &&
              (host === rule.name || host.endsWith(`.${rule.name}`))
            );
        }
      });
    },
  };
}

/** Splits a NO_PROXY value (commas, with or without spaces). */
export function splitNoProxy(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}
