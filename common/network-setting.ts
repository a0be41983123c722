import { z } from 'zod';

/** How a profile reaches its API: the system's proxy settings, no proxy, or a proxy typed in Settings. */
export const networkModes = ['system', 'none', 'manual'] as const;
/** One of the network modes. */
export type NetworkMode = (typeof networkModes)[number];

/** Plain-language names of the network modes, for the settings screen. */
export const networkModeLabels: Record<NetworkMode, string> = {
  system: 'Use the system’s proxy settings',
  none: 'No proxy',
  manual: 'Manual proxy',
};

/** The proxy schemes a proxy URL may have (socks = SOCKS5; socks4a and socks5h resolve names on the proxy). */
export const proxySchemes = ['http', 'https', 'socks', 'socks4', 'socks4a', 'socks5', 'socks5h'] as const;
/** One of the proxy URL schemes. */
export type ProxyScheme = (typeof proxySchemes)[number];

/** A proxy URL taken apart; `port` is null when the URL has none (the caller picks the default). */
export interface ProxyUrlParts {
  scheme: ProxyScheme;
  /** Lower case; an IPv6 address keeps its brackets. */
  host: string;
  port: number | null;
}

/**
 * Takes a proxy URL apart: `[scheme://]host[:port][/]`, scheme http when missing. A user name or
 * password in the URL is refused: the app asks for them and keeps them in the keychain instead.
 */
export function parseProxyUrl(input: string): { ok: true; parts: ProxyUrlParts } | { ok: false; reason: string } {
  const text = input.trim();
  // Parsed by hand: common/ runs in every process and has no URL global in its type world.
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#\s]*)\/?$/i.exec(text);
  if (!text || !match)
    return { ok: false, reason: 'This is not a proxy address. It should look like http://proxy.example.com:8080' };
  const scheme = (match[1] ?? 'http').toLowerCase();
  const authority = match[2] ?? '';
  const known = proxySchemes.find((candidate) => candidate === scheme);
  if (!known)
    return {
      ok: false,
      reason: `The proxy address must start with http://, https:// or socks5:// (not ${scheme}://).`,
    };
  if (authority.includes('@')) {
    return {
      ok: false,
      reason:
        'Leave the user name and password out of the proxy address: the app asks for them and keeps them in the system keychain.',
    };
  }
  const hostMatch = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(authority);
  const port = hostMatch?.[2] === undefined ? null : Number(hostMatch[2]);
  if (!hostMatch?.[1] || (port !== null && (port < 1 || port > 65535))) {
    return { ok: false, reason: 'The proxy server’s name or port is not valid.' };
  }
  return { ok: true, parts: { scheme: known, host: hostMatch[1].toLowerCase(), port } };
}

/** Splits a bypass list as typed (commas, semicolons, spaces or new lines between entries). */
export function splitBypassList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

const bypassEntry = /^(\*|<local>|(\*\.|\.)?[a-z0-9_.-]+(:\d{1,5})?|\[?[0-9a-f:.]+\]?(\/\d{1,3})?(:\d{1,5})?)$/i;

/** A proxy URL that passes parseProxyUrl, normalised to `scheme://host[:port]`. */
export const proxyUrlSchema = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    const parsed = parseProxyUrl(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.reason });
      return z.NEVER;
    }
    const { scheme, host, port } = parsed.parts;
    return `${scheme}://${host}${port === null ? '' : `:${port}`}`;
  });

/** Hosts that skip the manual proxy: names (a leading `.` or `*.` means "and every sub-domain"), IPs, CIDR ranges, `*`, `<local>`. */
export const bypassListSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(bypassEntry, 'A bypass entry is a host name, .domain, *.domain, an IP address or range, * or <local>.'),
  )
  .max(500);

/** A profile's network setting, saved with its metadata; the default is the system's proxy settings. */
export const networkSettingSchema = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('system') }).strict(),
    z.object({ mode: z.literal('none') }).strict(),
    z.object({ mode: z.literal('manual'), proxyUrl: proxyUrlSchema, bypass: bypassListSchema.default([]) }).strict(),
  ])
  .default({ mode: 'system' });

/** A profile's network setting, as stored. */
export type NetworkSetting = z.output<typeof networkSettingSchema>;

/** The setting a profile has until the user picks another. */
export const defaultNetworkSetting: NetworkSetting = { mode: 'system' };
