function encodedForms(value: string): string[] {
  const forms = new Set([
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    Buffer.from(value).toString('base64').replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
  ]);
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** Scrubs secrets from text: every value it was told about, plus anything shaped like a credential. */
export class Redactor {
  private readonly values = new Set<string>();

  /**
   * Remembers a secret or token so it is replaced wherever it appears: as it is, and in the forms it
   * takes inside a JSON string, a URL or form body, and base64 (HTTP Basic).
   */
  add(value: string | null | undefined): void {
    if (!value || value.length < 4) return;
    for (const form of encodedForms(value)) this.values.add(form);
  }

  /** Forgets a value (e.g. a token that was replaced); harmless to keep, but the set stays small. */
  remove(value: string): void {
    for (const form of encodedForms(value)) this.values.delete(form);
  }

  /** The text with every known value and credential-shaped fragment replaced by [redacted]. */
  redact(text: string): string {
    let out = text;
    const longestFirst = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of longestFirst) out = out.split(value).join('[redacted]');
    return out
      .replace(/\b(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[^\s"',;]+/gi, '$1$2 [redacted]')
      .replace(/\b(bearer)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, '$1 [redacted]')
      .replace(
        /(["']?(?:client_secret|clientSecret|access_token|accessToken|accessTtoken|refresh_token|password|secret)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
        '$1[redacted]',
      );
  }
}
