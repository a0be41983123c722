import type { Profile } from '../../common/profile';

function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/** The stored secret may only go where it went before: a new server (origin) or client id needs it typed again. */
export function secretMustBeRetyped(saved: Profile, next: { baseUrl: string; clientId: string }): boolean {
  return originOf(saved.baseUrl) !== originOf(next.baseUrl) || saved.clientId !== next.clientId;
}

/** What the user is told when a stored secret may not follow the profile to a new server or client id. */
export const retypeSecret =
  'The server address or client ID changed, so enter the client secret again: a stored secret is only ever sent to the server it was saved for.';

/** Whether two profiles connect the same way (base URL, client id, token request style). */
export function sameConnection(a: Profile, b: Profile): boolean {
  return a.baseUrl === b.baseUrl && a.clientId === b.clientId && a.tokenStyle === b.tokenStyle;
}

/** Whether two profiles go out the same way (the same network setting). */
export function sameNetwork(a: Profile, b: Profile): boolean {
  return JSON.stringify(a.network) === JSON.stringify(b.network);
}
