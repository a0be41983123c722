import { errorCatalog, type ErrorCode } from './error-codes';

/** The error half of every result that crosses the bridge: data, never an exception. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

/** What every request channel answers with. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a coded error as a failed result. */
export function fail<T = never>(error: AppErrorData): Result<T> {
  return { ok: false, error };
}

/** An exception carrying a stable code; the IPC wrapper turns it into a failed result. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  /** `cause` is kept for the log (never sent across the bridge: see toData). */
  constructor(code: ErrorCode, message?: string, options?: { retryable?: boolean; cause?: unknown }) {
    super(message ?? errorCatalog[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options?.retryable ?? errorCatalog[code].retryable;
  }

  /** The serialisable form: code, message and retryable only (no stack, no cause). */
  toData(): AppErrorData {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

/** Converts anything thrown into coded error data without leaking its details. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'INTERNAL', message: errorCatalog.INTERNAL.message, retryable: false };
}
