import { errorCatalog } from '../../common/error-codes';
import { AppError } from '../../common/result';
import { describeFileError } from '../fs/file-error-words';

function advice(code: unknown): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space or choose another drive, then save again.';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'Choose a folder you may write to, then save again.';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'Choose an existing folder, then save again.';
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'Choose another file name, then save again.';
    case 'EBUSY':
      return 'Close the file in the other program (such as a PDF viewer), then save again.';
    default:
      return errorCatalog.FACTSHEET_WRITE_FAILED.message.replace(/^[^.]*\.\s*/, '');
  }
}

/** The coded error for a PDF that could not be written: what went wrong in plain words and what to do, never a path. */
export function factsheetWriteFailed(error: unknown): AppError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new AppError(
    'FACTSHEET_WRITE_FAILED',
    `The PDF file could not be written (${describeFileError(error)}). ${advice(code)}`,
    { cause: error },
  );
}

/** The coded error for a print that failed or gave no PDF (the cause is kept for the log). */
export function factsheetPrintFailed(cause: unknown): AppError {
  return new AppError('FACTSHEET_PRINT_FAILED', undefined, { cause });
}
