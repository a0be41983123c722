import type { PortfolioSummary } from './portfolio-summary';

/** Compares names as the browser sorts them: numbers by value ("Model 9" before "Model 10"), case and accents aside. */
export const nameCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The browser's starting order: by name, then by id (so equal names keep one order everywhere). */
export function byNameThenId(
  a: Pick<PortfolioSummary, 'name' | 'id'>,
  b: Pick<PortfolioSummary, 'name' | 'id'>,
): number {
  return nameCollator.compare(a.name, b.name) || nameCollator.compare(a.id, b.id);
}

/** The most rows one first-screen request may ask for. */
export const maxFirstScreenRows = 500;

/**
 * The browser's first screen, sent before the whole list: the first rows in the starting order and how many
 * portfolios there are in all. The renderer shows it at once and asks for the whole list once it is painted.
 */
export interface FirstScreen {
  profileId: string;
  syncedAt: string | null;
  /** Every portfolio on hand (the whole list's length). */
  total: number;
  /** The first rows by name then id; at most the number asked for. */
  portfolios: PortfolioSummary[];
}
