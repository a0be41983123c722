import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Profile } from '../../common/profile';
import { AppError } from '../../common/result';

/** A token as the keychain keeps it: the token, its absolute times, and what it was issued for. */
export const storedTokenSchema = z.object({
  accessToken: z.string().min(1),
  obtainedAt: z.number(),
  expiresAt: z.number(),
  lifetimeAssumed: z.boolean(),
  fingerprint: z.string(),
});
/** A token as kept in the keychain. */
export type StoredToken = z.infer<typeof storedTokenSchema>;

/** The error a token request voided by a sign-out, a secret change or a deletion ends with. */
export function signedOut(): AppError {
  return new AppError('SIGNED_OUT');
}

/** Waits for a promise, or rejects as soon as the caller's signal aborts (the shared work goes on for others). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new AppError('SYNC_CANCELLED'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError('SYNC_CANCELLED'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** Binds a stored token to what it was issued for: a changed base URL, client id or secret drops it. */
export function credentialFingerprint(profile: Profile, secret: string): string {
  return createHash('sha256')
    .update(`${profile.baseUrl}\n${profile.clientId}\n${profile.tokenStyle}\n${secret}`)
    .digest('hex');
}
