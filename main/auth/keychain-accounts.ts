/** The keychain account holding a profile's client secret. */
export function clientSecretAccount(profileId: string): string {
  return `client-secret:${profileId}`;
}

/** The keychain account holding a profile's current access token and its expiry. */
export function tokenAccount(profileId: string): string {
  return `token:${profileId}`;
}
