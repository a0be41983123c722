import { useContext } from 'react';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import { formatDate } from '../format/format';
import { UnseenChanges } from './unseen-changes';

const thisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const otherYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

/** A change date short enough for the grid: "Nov 30" this year, "Nov 2024" before. */
function shortDate(iso: string): string {
  const date = new Date(iso);
  return date.getFullYear() === new Date().getFullYear() ? thisYear.format(date) : otherYear.format(date);
}

/** The grid's "Changed" cell: the date of the last change, marked "New" until the user looks at it (issue 15). */
export function ChangedBadge({ summary }: { summary: PortfolioSummary }) {
  const unseen = useContext(UnseenChanges);
  if (!summary.lastChangedAt) return <span className="muted">—</span>;
  const isNew = unseen.has(summary.id);
  const full = formatDate(summary.lastChangedAt);
  return (
    <span
      className={`changed-cell${isNew ? ' is-new' : ''}`}
      data-testid="changed-cell"
      title={isNew ? `Changed ${full}: new since you last looked` : `Changed ${full}`}
    >
      {isNew ? (
        <>
          <span className="new-dot" aria-hidden="true" />
          <span className="sr-only">New, </span>
        </>
      ) : null}
      <time dateTime={summary.lastChangedAt}>{shortDate(summary.lastChangedAt)}</time>
    </span>
  );
}
