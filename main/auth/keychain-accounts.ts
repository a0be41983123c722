/** The keychain account holding a profile's client secret. */
export function clientSecretAccount(profileId: string): string {
  return `client-secret:${profileId}`;
}

/** The keychain account holding a profile's current access token and its expiry. */
export function tokenAccount(profileId: string): string {
  return `token:${profileId}`;
}

/** The prefix every proxy credentials account starts with. */
export const proxyCredentialsPrefix = 'proxy:';

/** The keychain account holding the user name and password for the proxy at host:port (shared by every profile). */
export function proxyCredentialsAccount(host: string, port: number): string {
  const name = host.toLowerCase();
  return `${proxyCredentialsPrefix}${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** The proxy a credentials account names (its inverse), or null for any other account. */
export function proxyOfAccount(account: string): { host: string; port: number } | null {
  if (!account.startsWith(proxyCredentialsPrefix)) return null;
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(account.slice(proxyCredentialsPrefix.length));
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65_535) return null;
  return { host: match[1] ?? match[2]!, port };
}
