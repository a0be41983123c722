import { AppError } from '../../../common/result';
import { describeFileError } from '../../fs/file-error-words';

/** CACHE_UNREADABLE for a file-system failure while reading the records, in plain words. */
export function unreadableError(error: unknown): AppError {
  return new AppError(
    'CACHE_UNREADABLE',
    `The offline copy could not be read (${describeFileError(error)}). Sync to rebuild it.`,
  );
}

/** Runs a read, turning a file-system failure into CACHE_UNREADABLE (damage is returned, never thrown). */
export function unreadable<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw error instanceof AppError ? error : unreadableError(error);
  });
}

/** CACHE_UNREADABLE when a damaged record set could not even be moved aside. */
export function notSetAsideError(error: unknown): AppError {
  return new AppError(
    'CACHE_UNREADABLE',
    `The offline copy could not be opened, nor set aside (${describeFileError(error)}). Close other programs using it, then sync to rebuild it.`,
  );
}

/** CACHE_WRITE_FAILED when a profile's records could not be deleted. */
export function notDeletedError(error: unknown): AppError {
  return new AppError(
    'CACHE_WRITE_FAILED',
    `The offline copy could not be deleted (${describeFileError(error)}). Close other programs using it and try again.`,
  );
}
