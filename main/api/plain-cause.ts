/**
 * A copy of an error that keeps only what a log needs (name, code, message, and the same of its
 * causes): got's errors carry the request's options (headers, body: the client secret, the token)
 * and a library's may carry a proxy password, so they are never kept as they are.
 */
export function plainCause(error: unknown, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(String(error).slice(0, 200));
  const code = (error as { code?: unknown }).code;
  const cause = error.cause !== undefined && depth < 3 ? { cause: plainCause(error.cause, depth + 1) } : undefined;
  const copy = new Error(error.message, cause);
  copy.name = error.name;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}
