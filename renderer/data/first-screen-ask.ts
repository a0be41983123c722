import { api } from '../bridge';

/** Rows the first screen asks for: more than the tallest window shows, few enough to arrive at once. */
export const firstScreenRows = 100;
/** The performance mark the UI benchmark reads: when the first screen was asked for. */
export const firstScreenAskedMark = 'mp:first-screen-asked';

type FirstScreenAnswer = Awaited<ReturnType<ReturnType<typeof api>['portfolios']['firstScreen']>>;
let early: Promise<FirstScreenAnswer> | null = null;

/**
 * Asks main for the first screen at start-up (main answers for its active profile), before the rest of the page's
 * code is even evaluated: this module imports nothing but the bridge, and `renderer/start-first-screen.ts` runs it
 * first. The browser's first query takes the answer when it is for the profile it shows (else it asks again).
 */
export function askFirstScreenEarly(): void {
  performance.mark(firstScreenAskedMark);
  early = api().portfolios.firstScreen({ limit: firstScreenRows });
}

/** The early answer, once: a later first screen (another profile, a reload of the query) asks afresh. */
export function takeEarlyFirstScreen(): Promise<FirstScreenAnswer> | null {
  const asked = early;
  early = null;
  return asked;
}
