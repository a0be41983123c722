import { useCallback, useEffect, useState } from 'react';
import { api } from '../bridge';

/** The list of changed models: opened from the status bar or by main when the desktop notification is clicked. */
export interface ChangedList {
  open: boolean;
  show(): void;
  close(): void;
}

/** Whether the changed-models list is on screen; main's `changes:showList` opens it (issue 15). */
export function useChangedList(): ChangedList {
  const [open, setOpen] = useState(false);
  useEffect(() => api().changes.onShowList(() => setOpen(true)), []);
  // Stable functions: the memoised status bar takes `show` as a prop.
  const show = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  return { open, show, close };
}
