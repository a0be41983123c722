import { z } from 'zod';

/** Why the app asks for proxy credentials: the proxy asked for the first time, or refused the last ones. */
export type ProxySignInReason = 'required' | 'wrong';

/** What the proxy sign-in dialog shows: which proxy asks, its realm, and why (never a stored password). */
export interface ProxySignInRequest {
  /** Names this question; the dialog's answer carries it back, so a stale dialog cannot answer a newer question. */
  id: number;
  host: string;
  port: number;
  realm?: string;
  reason: ProxySignInReason;
}

/** Proxy credentials as the dialog sends them to main (write-only: main never sends a password back). */
export const proxyCredentialsSchema = z.object({
  // RFC 7617: the user-id of Basic cannot contain a colon; neither part may hold control characters.
  username: z
    .string()
    .min(1, 'Enter the proxy user name.')
    .max(256)
    .regex(/^[^:\p{Cc}]+$/u, 'The user name cannot contain a colon or control characters.'),
  password: z
    .string()
    .max(1024)
    .regex(/^\P{Cc}*$/u, 'The password cannot contain control characters.'),
});

/** A proxy user name and password. */
export type ProxyCredentials = z.output<typeof proxyCredentialsSchema>;

/** `host:port` of a proxy (IPv6 in brackets): how the app names a proxy to people and in the keychain. */
export function proxyAddress(proxy: { host: string; port: number }): string {
  return `${proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host}:${proxy.port}`;
}

/** A proxy whose sign-in the keychain keeps (Settings lists them; never a user name or password). */
export const savedProxySignInSchema = z
  .object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65_535) })
  .strict();
export type SavedProxySignIn = z.output<typeof savedProxySignInSchema>;

/** The dialog's answer to one question: the credentials, for the request with this id. */
export const proxySignInAnswerSchema = proxyCredentialsSchema.extend({ id: z.number().int().nonnegative() }).strict();
