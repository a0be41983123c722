/** Where a list request starts, or why its paging parameter was refused. */
export type PageRequest = { ok: true; offset: number; page: number } | { ok: false; reason: string };

/** Reads `?page=N` (1-based, default 1). */
export function readPageParam(value: string | null, pageSize: number): PageRequest {
  if (value === null) return { ok: true, offset: 0, page: 1 };
  if (!/^[1-9]\d{0,9}$/.test(value)) return { ok: false, reason: `page must be a whole number from 1, got ${value}` };
  const page = Number(value);
  return { ok: true, offset: (page - 1) * pageSize, page };
}

/** Reads `?cursor=…` (absent = the start). */
export function readCursorParam(value: string | null, pageSize: number): PageRequest {
  if (value === null || value === '') return { ok: true, offset: 0, page: 1 };
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^o:(\d{1,12})$/.exec(decoded);
  if (!match?.[1] || encodeCursor(Number(match[1])) !== value)
    return { ok: false, reason: 'cursor is not one this server issued' };
  const offset = Number(match[1]);
  return { ok: true, offset, page: Math.floor(offset / pageSize) + 1 };
}

/** The opaque cursor that starts a page at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}
