/** Scrubs secrets from text: every value it was told about, plus anything shaped like a credential. */
export class Redactor {
  private readonly values = new Set<string>();

  /** Remembers a secret or token so it is replaced wherever it appears. */
  add(value: string | null | undefined): void {
    if (value && value.length >= 4) this.values.add(value);
  }

  /** Forgets a value (e.g. a token that was replaced); harmless to keep, but the set stays small. */
  remove(value: string): void {
    this.values.delete(value);
  }

  /** The text with every known value and credential-shaped fragment replaced by [redacted]. */
  redact(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join('[redacted]');
    return out
      .replace(/\b(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[^\s"',;]+/gi, '$1$2 [redacted]')
      .replace(/\b(bearer)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, '$1 [redacted]')
      .replace(
        /(["']?(?:client_secret|clientSecret|access_token|accessToken|accessTtoken|refresh_token|password|secret)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
        '$1[redacted]',
      );
  }
}
