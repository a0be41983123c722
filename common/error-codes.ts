/** Every error code the app can show, with the plain-language message and whether a retry may help. */
export const errorCatalog = {
  // The bridge itself
  VALIDATION: { retryable: false, message: 'The request was not valid.' },
  UNTRUSTED_SENDER: { retryable: false, message: 'This request came from outside the app window and was refused.' },
  UNKNOWN_CHANNEL: { retryable: false, message: 'The app does not know this request.' },
  BRIDGE_UNAVAILABLE: {
    retryable: true,
    message: 'The window could not reach the app’s main process. Try again; if it persists, restart the app.',
  },
  INTERNAL: {
    retryable: false,
    message: 'Something went wrong inside the app. Try again; if it persists, copy diagnostics for support.',
  },
  // Keychain and settings
  KEYCHAIN_UNAVAILABLE: {
    retryable: true,
    message:
      'The system keychain did not answer, so credentials cannot be stored or read. On Linux, install and unlock a Secret Service (GNOME Keyring or KWallet) and try again.',
  },
  SETTINGS_CORRUPT: {
    retryable: false,
    message:
      'The settings file was damaged. It was set aside and the app started with empty settings; add your connection again.',
  },
  SETTINGS_UNREADABLE: {
    retryable: true,
    message:
      'The settings file could not be read just now (another program may be using it). It was left as it is; try again in a moment.',
  },
  PROFILE_NOT_FOUND: {
    retryable: false,
    message: 'That connection profile no longer exists. Pick another in Settings.',
  },
  NOT_CONFIGURED: {
    retryable: false,
    message: 'No connection is set up yet. Connect to your API or explore with demo data.',
  },
  SECRET_MISSING: {
    retryable: false,
    message: 'No client secret is stored for this connection. Enter it in Settings.',
  },
  INVALID_BASE_URL: {
    retryable: false,
    message:
      'The base URL must start with https:// (http:// is allowed only for this computer, 127.0.0.1 or localhost).',
  },
  // Reaching the partner API
  NETWORK_UNREACHABLE: {
    retryable: true,
    message: 'The API could not be reached. Check your network connection; cached data is shown meanwhile.',
  },
  TIMEOUT: {
    retryable: true,
    message: 'The API took too long to answer. Try again in a moment; cached data is shown meanwhile.',
  },
  SERVER_ERROR: {
    retryable: true,
    message: 'The API had a problem on its side. Try again later; cached data is shown meanwhile.',
  },
  RATE_LIMITED: { retryable: true, message: 'The API asked the app to slow down. It will try again shortly.' },
  RESPONSE_TOO_LARGE: {
    retryable: false,
    message: 'The API sent a response larger than the app accepts, so it was stopped.',
  },
  RESPONSE_INVALID: { retryable: true, message: 'The API sent a response the app could not read. Try again later.' },
  UNSUPPORTED_API_VERSION: {
    retryable: false,
    message: 'The API no longer accepts the version this app speaks (1.0.0). Update the app or ask the API provider.',
  },
  // Proxies between the app and the API (docs/network.md)
  PROXY_UNREACHABLE: {
    retryable: true,
    message:
      'The proxy server could not be reached. Check the proxy in Settings (or ask IT whether it is running); cached data is shown meanwhile.',
  },
  PROXY_REFUSED: {
    retryable: false,
    message:
      'The proxy server refused to connect the app to the API. Ask IT to allow the API’s address through the proxy.',
  },
  PROXY_AUTH_REQUIRED: {
    retryable: false,
    message:
      'The proxy server asks for a user name and password. Sign in to the proxy when the app asks, or check them with IT.',
  },
  PROXY_AUTH_UNSUPPORTED: {
    retryable: false,
    message:
      'The proxy server accepts only Windows sign-in (NTLM or Negotiate), which the app cannot use. Ask IT to let the API’s address through the proxy without sign-in, or to allow Basic sign-in.',
  },
  REDIRECT_REFUSED: {
    retryable: false,
    message: 'The API tried to send the app elsewhere; the request was stopped to protect your credentials.',
  },
  FORBIDDEN: {
    retryable: false,
    message: 'Your API client is not allowed to see this data. Ask the API provider for access.',
  },
  NOT_FOUND: { retryable: false, message: 'The API does not have that item. Sync again to refresh the list.' },
  // OAuth token endpoint (RFC 6749 §5.2) and bearer use
  INVALID_CLIENT: {
    retryable: false,
    message: 'The API rejected your client ID or secret (invalid_client). Check them in Settings.',
  },
  INVALID_REQUEST: {
    retryable: false,
    message:
      'The API rejected the sign-in request (invalid_request). Check the token request style under Advanced in Settings.',
  },
  UNAUTHORIZED_CLIENT: {
    retryable: false,
    message: 'Your API client may not use this sign-in method (unauthorized_client). Ask the API provider.',
  },
  UNSUPPORTED_GRANT_TYPE: {
    retryable: false,
    message: 'The API does not support client-credentials sign-in (unsupported_grant_type). Ask the API provider.',
  },
  INVALID_SCOPE: {
    retryable: false,
    message: 'The API rejected the requested scope (invalid_scope). Ask the API provider.',
  },
  TOKEN_RESPONSE_INVALID: {
    retryable: true,
    message: 'The API answered the sign-in with something the app could not use. Try again later.',
  },
  SIGNED_OUT: {
    retryable: true,
    message: 'The sign-in was stopped because you signed out or changed this connection. Sync to sign in again.',
  },
  AUTH_REJECTED: {
    retryable: false,
    message: 'The API refused the app’s access token even after signing in again. Check your credentials in Settings.',
  },
  // Sync and cache
  SYNC_IN_PROGRESS: { retryable: true, message: 'A sync is already running for this connection.' },
  SYNC_CANCELLED: { retryable: true, message: 'The sync was cancelled. The previous data is still shown.' },
  CACHE_UNREADABLE: {
    retryable: false,
    message:
      'The offline copy could not be opened (its key is gone or the file is damaged). It was set aside; sync to rebuild it.',
  },
  CACHE_WRITE_FAILED: {
    retryable: true,
    message: 'The offline copy could not be saved. The previous copy is kept. Check free disk space.',
  },
  NO_DATA: { retryable: false, message: 'There is no data yet. Sync to download the model portfolios.' },
  // CSV export
  EXPORT_CANCELLED: { retryable: false, message: 'Export cancelled.' },
  EXPORT_NOTHING_SELECTED: { retryable: false, message: 'Nothing to export: select portfolios, or export all.' },
  EXPORT_FAILED: {
    retryable: true,
    message: 'The CSV file could not be written. Check that the folder exists and you may write there.',
  },
  // Factsheet (issue 15)
  FACTSHEET_PRINT_FAILED: {
    retryable: true,
    message:
      'The factsheet could not be turned into a PDF. Try again; if it keeps failing, copy diagnostics for support.',
  },
  FACTSHEET_BUSY: {
    retryable: true,
    message: 'A factsheet is being saved already. Wait for it to finish, then try again.',
  },
  FACTSHEET_WRITE_FAILED: {
    retryable: true,
    message: 'The PDF file could not be written. Check that the folder exists and you may write there.',
  },
  // Updates (shown in About and diagnostics, never as a pop-up; the next scheduled check tries again)
  UPDATES_MANAGED: {
    retryable: false,
    message: 'Updates are managed by your organisation, so this setting cannot be changed here.',
  },
  UPDATES_UNSUPPORTED: {
    retryable: false,
    message:
      'This copy of the app cannot update itself (a development run or an unpacked folder). Install the app with its installer to get updates.',
  },
  UPDATE_NOT_READY: {
    retryable: false,
    message: 'There is no update to download or install right now. Check for updates first.',
  },
  UPDATE_FEED_UNREACHABLE: {
    retryable: true,
    message: 'The update server could not be reached. The app will try again at the next check.',
  },
  UPDATE_FEED_INVALID: {
    retryable: true,
    message: 'The update server sent information the app could not use. The app will try again at the next check.',
  },
  UPDATE_CHECKSUM_MISMATCH: {
    retryable: true,
    message:
      'The downloaded update did not match its published checksum, so it was discarded and nothing was installed. The app will try again at the next check.',
  },
  UPDATE_SIGNATURE_INVALID: {
    retryable: true,
    message:
      'The downloaded update was not signed by the app’s publisher, so it was discarded and nothing was installed. The app will try again at the next check.',
  },
  UPDATE_FAILED: {
    retryable: true,
    message: 'The update could not be completed. The app keeps working as it is and will try again at the next check.',
  },

  // Model changes (issue 15)
  VERSION_NOT_KEPT: {
    retryable: false,
    message: 'That version of the portfolio is no longer kept (the app keeps the last 12). Pick another version.',
  },
  NO_CHANGES: {
    retryable: false,
    message: 'No model changed in that period, so there is no trade list to export. Pick an earlier date.',
  },
  PREFERENCES_WRITE_FAILED: {
    retryable: true,
    message: 'The setting could not be saved. Check free disk space and try again.',
  },
} as const satisfies Record<string, { retryable: boolean; message: string }>;

/** A stable error code shared by main and renderer. */
export type ErrorCode = keyof typeof errorCatalog;

/** True when the string is one of the catalogued error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalog, code);
}
