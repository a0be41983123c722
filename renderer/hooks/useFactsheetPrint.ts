import { useCallback, useRef, useState } from 'react';
import type { FactsheetOutcome, PageSize } from '../../common/factsheet';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';
import { useMainAction } from '../data/useMainAction';

/** The factsheet being printed: which portfolio, on which paper (null: main picks the OS region's). */
export interface FactsheetJob {
  id: string;
  pageSize: PageSize | null;
  /** ISO 8601 instant the factsheet was asked for (printed on it as its generation time). */
  startedAt: string;
}

/** How the last "Print / Save as PDF" went. */
export type FactsheetResult =
  { kind: 'saved'; outcome: Extract<FactsheetOutcome, { status: 'saved' }> } | { kind: 'error'; error: AppErrorData };

/** "Print / Save as PDF" as the detail screen uses it. */
export interface FactsheetPrint {
  /** The factsheet on show for printing, or null. */
  job: FactsheetJob | null;
  /** True from the click until main has answered. */
  busy: boolean;
  /** The last save's result (a cancel clears it). */
  result: FactsheetResult | null;
  /** Shows the factsheet of this portfolio for printing; `ready` then asks main to save it. */
  start(id: string, pageSize: PageSize | null): void;
  /** Called by the factsheet once it has drawn: main asks where to save, prints the window, writes the PDF. */
  ready(): void;
}

/**
 * The print handshake: the renderer shows the factsheet (print-only, over nothing on screen) first,
 * and only once it has drawn asks main to save it; main's answer takes it away again. So what main
 * prints is always the factsheet of the id in its request, whole.
 */
export function useFactsheetPrint(): FactsheetPrint {
  const [job, setJob] = useState<FactsheetJob | null>(null);
  const [result, setResult] = useState<FactsheetResult | null>(null);
  const save = useMainAction((request: { id: string; pageSize?: PageSize }) => api().factsheet.savePdf(request), {
    onSuccess: (outcome) => setResult(outcome.status === 'saved' ? { kind: 'saved', outcome } : null),
    onError: (error) => setResult({ kind: 'error', error }),
  });
  const { run } = save;
  // One request per job, however often the factsheet redraws (a sync may land while it is on show).
  const asked = useRef<FactsheetJob | null>(null);
  const start = useCallback((id: string, pageSize: PageSize | null) => {
    setResult(null);
    setJob((current) => current ?? { id, pageSize, startedAt: new Date().toISOString() });
  }, []);
  const ready = useCallback(() => {
    if (!job || asked.current === job) return;
    asked.current = job;
    void run(job.pageSize ? { id: job.id, pageSize: job.pageSize } : { id: job.id }).finally(() => setJob(null));
  }, [job, run]);
  return { job, busy: job !== null || save.pending, result, start, ready };
}
