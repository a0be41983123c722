/** The keychain account holding a profile's client secret. */
export function clientSecretAccount(profileId: string): string {
  return `client-secret:${profileId}`;
}

/** The keychain account holding a profile's current access token and its expiry. */
export function tokenAccount(profileId: string): string {
  return `token:${profileId}`;
}

/** The keychain account holding the user name and password for the proxy at host:port (shared by every profile). */
export function proxyCredentialsAccount(host: string, port: number): string {
  const name = host.toLowerCase();
  return `proxy:${name.includes(':') ? `[${name}]` : name}:${port}`;
}
