/** What a proxy's 407 offers: the sign-in schemes (lower case) and the Basic realm, if any. */
export interface ProxyChallengeOffer {
  schemes: string[];
  basic: boolean;
  realm: string | null;
}

/** Splits on commas outside quoted strings. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '\\' && quoted) {
      current += char + (text[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/**
 * Reads `Proxy-Authenticate` (RFC 9110 §11.7.1): one header or several, each with one or more
 * challenges (`Basic realm="corp", NTLM, Negotiate`).
 */
export function readProxyChallenge(header: string | string[] | undefined): ProxyChallengeOffer {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const schemes: string[] = [];
  let realm: string | null = null;
  let current: string | null = null;
  for (const part of values.flatMap(splitOutsideQuotes)) {
    // A part starting with a token not followed by "=" opens a new challenge; otherwise it is a parameter.
    const opening = /^([!#$%&'*+.^_`|~0-9a-z-]+)(?:\s+(.*))?$/i.exec(part);
    let params = part;
    if (opening?.[1] && !/^[^=\s]+\s*=/.test(part)) {
      current = opening[1].toLowerCase();
      if (!schemes.includes(current)) schemes.push(current);
      params = opening[2] ?? '';
    }
    if (current === 'basic' && realm === null) {
      const found = /(?:^|\s)realm\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/i.exec(params);
      if (found) realm = (found[1] ?? found[2] ?? '').replace(/\\(.)/g, '$1');
    }
  }
  return { schemes, basic: schemes.includes('basic'), realm };
}
