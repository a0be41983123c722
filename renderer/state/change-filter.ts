import type { PortfolioSummary } from '../../common/portfolio-summary';

/** The browser's "Changed" filter: any portfolio, those changed since the user last looked, or in the last N days. */
export type ChangeFilter = { kind: 'any' } | { kind: 'unseen' } | { kind: 'days'; days: number };

/** No change filter. */
export const anyChange: ChangeFilter = { kind: 'any' };

/** The day counts the "Changed in the last N days" filter offers. */
export const changeDayOptions = [1, 7, 30, 90] as const;

/** What the change filter needs besides the summary: the unseen changes and the time now. */
export interface ChangeMarks {
  /** Ids of portfolios whose last change the user has not looked at. */
  unseen: ReadonlySet<string>;
  now: number;
}

const dayMs = 86_400_000;

/** True when a portfolio passes the change filter. */
export function matchesChange(p: PortfolioSummary, filter: ChangeFilter, marks: ChangeMarks): boolean {
  switch (filter.kind) {
    case 'any':
      return true;
    case 'unseen':
      return marks.unseen.has(p.id);
    case 'days': {
      const changed = p.lastChangedAt ? Date.parse(p.lastChangedAt) : Number.NaN;
      return changed >= marks.now - filter.days * dayMs;
    }
  }
}

/** The select's value for a filter, and back. */
export function changeFilterValue(filter: ChangeFilter): string {
  return filter.kind === 'days' ? `days-${filter.days}` : filter.kind;
}

/** The filter a select value stands for (anything unknown is no filter). */
export function changeFilterFrom(value: string): ChangeFilter {
  if (value === 'unseen') return { kind: 'unseen' };
  const days = /^days-(\d+)$/.exec(value);
  return days ? { kind: 'days', days: Number(days[1]) } : anyChange;
}
