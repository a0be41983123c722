import { useCallback, useState } from 'react';

/** A short message at the bottom of the window: an export that landed, an error, a confirmation. */
export type Notice =
  | { kind: 'export-saved'; fileName: string; path: string; rows: number; bytes: number }
  | { kind: 'error'; message: string }
  | { kind: 'info'; message: string };

/** One notice at a time, replaced by the next. */
export function useNotice(): { notice: Notice | null; show(notice: Notice): void; dismiss(): void } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const show = useCallback((next: Notice) => setNotice(next), []);
  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, show, dismiss };
}
