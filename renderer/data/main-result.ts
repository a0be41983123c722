import { errorCatalog, type ErrorCode } from '../../common/error-codes';
import type { AppErrorData, Result } from '../../common/result';

/** Main's coded error, thrown so react-query sees a failure; the UI shows its `data.message`. */
export class MainError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
    this.name = 'MainError';
  }
}

/** The catalog's error for a code, as main would send it (for the few errors the renderer finds itself). */
export function catalogError(code: ErrorCode): AppErrorData {
  return { code, ...errorCatalog[code] };
}

/** The Result adapter: main's value, or a thrown MainError for react-query to keep. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new MainError(result.error);
}

/** The coded error behind anything a query or action failed with (an uncoded throw is INTERNAL). */
export function errorData(error: unknown): AppErrorData {
  return error instanceof MainError ? error.data : catalogError('INTERNAL');
}
