import type { ErrorCode } from '../../common/error-codes';

const checksumCodes = new Set(['ERR_CHECKSUM_MISMATCH']);
const signatureCodes = new Set(['ERR_UPDATER_INVALID_SIGNATURE']);
const feedCodes = new Set([
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_ASSET_NOT_FOUND',
  'ERR_UPDATER_ZIP_FILE_NOT_FOUND',
  'ERR_UPDATER_INVALID_RELEASE_FEED',
]);
// Node's socket errors (tests, and anything on Node's http); Electron's net reports Chromium's net::ERR_… names.
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * The app's error code for a failure of electron-updater (or of the network under it): checksum and
 * signature mismatches, an unreachable or unusable feed, anything else as UPDATE_FAILED.
 */
export function updateErrorCode(error: unknown): ErrorCode {
  const code = field(error, 'code');
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    if (checksumCodes.has(code)) return 'UPDATE_CHECKSUM_MISMATCH';
    if (signatureCodes.has(code)) return 'UPDATE_SIGNATURE_INVALID';
    if (feedCodes.has(code)) return 'UPDATE_FEED_INVALID';
    if (networkCodes.has(code)) return 'UPDATE_FEED_UNREACHABLE';
  }
  // builder-util-runtime's HttpError: the server answered, but with an error status.
  if (typeof field(error, 'statusCode') === 'number') return 'UPDATE_FEED_UNREACHABLE';
  if (field(error, 'name') === 'YAMLException') return 'UPDATE_FEED_INVALID';
  // Squirrel.Mac checks the new bundle's code signature itself and reports it in words.
  if (/code signature|did not pass validation/i.test(message)) return 'UPDATE_SIGNATURE_INVALID';
  if (/^net::ERR_/.test(message) || /request timed out|aborted by the server/i.test(message)) {
    return 'UPDATE_FEED_UNREACHABLE';
  }
  return 'UPDATE_FAILED';
}
