import { HttpError, newError } from 'builder-util-runtime';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../../common/error-codes';
import { updateErrorCode } from '../../../main/update/update-errors';

describe("electron-updater's failures, as the app's error codes", () => {
  it.each([
    [
      'a sha512 mismatch',
      newError('sha512 checksum mismatch, expected a, got b', 'ERR_CHECKSUM_MISMATCH'),
      'UPDATE_CHECKSUM_MISMATCH',
    ],
    [
      'an unsigned Windows installer',
      newError('not signed by the application owner', 'ERR_UPDATER_INVALID_SIGNATURE'),
      'UPDATE_SIGNATURE_INVALID',
    ],
    [
      'a macOS bundle Squirrel refused',
      new Error('Code signature at URL file:///x did not pass validation'),
      'UPDATE_SIGNATURE_INVALID',
    ],
    [
      'a missing latest-linux.yml',
      newError('Cannot find channel "latest-linux.yml"', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'),
      'UPDATE_FEED_INVALID',
    ],
    [
      'an unreadable latest.yml',
      newError('Cannot parse update info', 'ERR_UPDATER_INVALID_UPDATE_INFO'),
      'UPDATE_FEED_INVALID',
    ],
    [
      'a connection refused (Node)',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'UPDATE_FEED_UNREACHABLE',
    ],
    [
      'a name that does not resolve (Node)',
      Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      'UPDATE_FEED_UNREACHABLE',
    ],
    ['a proxy failure (Electron net)', new Error('net::ERR_PROXY_CONNECTION_FAILED'), 'UPDATE_FEED_UNREACHABLE'],
    ['a server error', new HttpError(503, 'Service Unavailable'), 'UPDATE_FEED_UNREACHABLE'],
    ['a request that timed out', new Error('Request timed out'), 'UPDATE_FEED_UNREACHABLE'],
    ['an install that failed', new Error('No update filepath provided, can’t quit and install'), 'UPDATE_FAILED'],
    ['something that is not an Error', 'boom', 'UPDATE_FAILED'],
  ])('%s', (_label, error, code) => {
    expect(updateErrorCode(error)).toBe(code);
  });

  it('are all in the catalogue, retryable at the next check, with a calm message', () => {
    for (const code of [
      'UPDATE_FEED_UNREACHABLE',
      'UPDATE_FEED_INVALID',
      'UPDATE_CHECKSUM_MISMATCH',
      'UPDATE_SIGNATURE_INVALID',
      'UPDATE_FAILED',
    ] as const) {
      expect(errorCatalog[code].retryable).toBe(true);
      expect(errorCatalog[code].message).toMatch(/try again at the next check\.$/);
    }
  });
});
