import { errorCatalog } from '../../common/error-codes';
import { AppError } from '../../common/result';
import { describeFileError } from '../fs/file-error-words';

function advice(code: unknown): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space or choose another drive, then export again.';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'Choose a folder you may write to, then export again.';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'Choose an existing folder, then export again.';
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'Choose another file name, then export again.';
    case 'EBUSY':
      return 'Close the file in the other program (such as Excel), then export again.';
    default:
      return errorCatalog.EXPORT_FAILED.message.replace(/^[^.]*\.\s*/, '');
  }
}

/** The coded error for a failed export: what went wrong in plain words and what to do, never a path or a stack. */
export function exportFailed(error: unknown): AppError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new AppError(
    'EXPORT_FAILED',
    `The CSV file could not be written (${describeFileError(error)}). ${advice(code)}`,
  );
}
