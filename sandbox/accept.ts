import { errorReply, type Reply } from './reply';

/** The one API version the sandbox serves. */
export const apiVersion = '1.0.0';

/** The Accept header the partner doc sends. */
export const versionedAccept = `application/json; version=${apiVersion}`;

/**
 * Checks an Accept header: `application/json; version=1.0.0`, plain `application/json`, `application/*`, `*\/*` or
 * no header at all are fine; returns the 406 to send otherwise (unsupported_version or not_acceptable).
 */
export function checkAccept(header: string | undefined): Reply | null {
  if (header === undefined || header.trim() === '') return null;
  const versions: string[] = [];
  for (const range of header.split(',')) {
    const [mediaType = '', ...rawParams] = range.split(';').map((part) => part.trim());
    const params = new Map(
      rawParams.map((p) => {
        const eq = p.indexOf('=');
        const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
        const value =
          eq < 0
            ? ''
            : p
                .slice(eq + 1)
                .trim()
                .replace(/^"(.*)"$/, '$1');
        return [key, value] as const;
      }),
    );
    if (params.get('q') !== undefined && Number(params.get('q')) === 0) continue;
    const type = mediaType.toLowerCase();
    if (type !== 'application/json' && type !== 'application/*' && type !== '*/*') continue;
    const version = params.get('version');
    if (version === undefined || version === apiVersion) return null;
    versions.push(version);
  }
  if (versions.length > 0) {
    return errorReply(
      406,
      'unsupported_version',
      `API version ${versions.join(', ')} is not supported; supported: ${apiVersion}`,
    );
  }
  return errorReply(406, 'not_acceptable', `This API answers only ${versionedAccept}; supported: ${apiVersion}`);
}
