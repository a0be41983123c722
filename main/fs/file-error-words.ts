/** Plain words for a file-system failure, from its errno code only (never a path or a stack). */
export function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'the folder does not exist';
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'a folder of that name is in the way';
    case 'EFBIG':
      return 'the file is too large for this disk';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EBUSY':
      return 'the file is in use by another program';
    case 'EIO':
      return 'the disk reported an input/output error';
    default:
      return typeof code === 'string' ? `error ${code}` : 'unexpected error';
  }
}
