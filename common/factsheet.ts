import { z } from 'zod';

/** The paper sizes a factsheet is printed on. */
export const pageSizeSchema = z.enum(['A4', 'Letter']);

/** A factsheet's paper: ISO A4 or US Letter. */
export type PageSize = z.infer<typeof pageSizeSchema>;

/** What "Print / Save as PDF" did: saved (file, paper, size), or cancelled in the save dialog. */
export type FactsheetOutcome =
  { status: 'saved'; path: string; fileName: string; pageSize: PageSize; bytes: number } | { status: 'cancelled' };

/** The words the app uses for a paper size. */
export const pageSizeLabels: Record<PageSize, string> = { A4: 'A4', Letter: 'US Letter' };
