/** The versioned Accept header the partner API requires on every request. */
export const versionedAccept = 'application/json; version=1.0.0';
