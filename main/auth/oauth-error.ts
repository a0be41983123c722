import type { ErrorCode } from '../../common/error-codes';
import { errorCatalog } from '../../common/error-codes';
import { AppError } from '../../common/result';

const oauthCodes: Record<string, ErrorCode> = {
  invalid_client: 'INVALID_CLIENT',
  invalid_request: 'INVALID_REQUEST',
  unauthorized_client: 'UNAUTHORIZED_CLIENT',
  unsupported_grant_type: 'UNSUPPORTED_GRANT_TYPE',
  invalid_scope: 'INVALID_SCOPE',
  invalid_grant: 'INVALID_CLIENT',
};

/**
 * Keeps a server's error_description readable and harmless: one line, printable, with every form of
 * the secret the request carried replaced (before shortening, so no cut-off form slips through), at
 * most 300 characters.
 */
function cleanDescription(value: unknown, secretsToHide: string[]): string | null {
  if (typeof value !== 'string') return null;
  let text = [...value].map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? ' ' : char)).join('');
  // Longest first, so a form that contains another (client_id:secret contains the secret) goes whole.
  for (const secret of [...secretsToHide].sort((a, b) => b.length - a.length))
    if (secret) text = text.split(secret).join('[redacted]');
  text = text.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 300) : null;
}

/** Turns a token endpoint error (RFC 6749 §5.2) into its coded error, with the server's description shown. */
export function oauthError(status: number, body: unknown, secretsToHide: string[] = []): AppError | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const code = typeof record.error === 'string' ? oauthCodes[record.error] : undefined;
  if (!code) return status === 401 ? new AppError('INVALID_CLIENT') : null;
  const description = cleanDescription(record.error_description, secretsToHide);
  const message = description
    ? `${errorCatalog[code].message} The API said: “${description}”`
    : errorCatalog[code].message;
  return new AppError(code, message);
}
