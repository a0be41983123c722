import { randomBytes } from 'node:crypto';
import { type SandboxClock } from './clock';

/** Why a bearer token is or is not accepted. */
export type TokenStatus = 'valid' | 'expired' | 'revoked' | 'unknown';

/** The access tokens the sandbox has issued, each valid until issuedAt + ttl on the sandbox clock. */
export class TokenStore {
  private readonly tokens = new Map<string, { expiresAt: number; revoked: boolean }>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly ttlSeconds: number,
  ) {}

  /** Issues a new random token (32 random bytes, base64url) and returns it with its lifetime in seconds. */
  issue(): { token: string; expiresIn: number } {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { expiresAt: this.clock.now() + this.ttlSeconds * 1000, revoked: false });
    return { token, expiresIn: this.ttlSeconds };
  }

  /** Whether a presented token may be used now. */
  check(token: string): TokenStatus {
    const entry = this.tokens.get(token);
    if (!entry) return 'unknown';
    if (entry.revoked) return 'revoked';
    return this.clock.now() < entry.expiresAt ? 'valid' : 'expired';
  }

  /** Makes every token issued so far invalid. */
  revokeAll(): void {
    for (const entry of this.tokens.values()) entry.revoked = true;
  }

  /** Every token issued so far, oldest first (revoked and expired ones included). */
  all(): string[] {
    return [...this.tokens.keys()];
  }
}
