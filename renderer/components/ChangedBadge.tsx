import { useContext } from 'react';
import type { PortfolioSummary } from '../../common/portfolio-summary';
import { formatDate } from '../format/format';
import { UnseenChanges } from './unseen-changes';

/** The grid's "Changed" cell: the date of the last change, with a "New" badge until the user looks at it. */
export function ChangedBadge({ summary }: { summary: PortfolioSummary }) {
  const unseen = useContext(UnseenChanges);
  if (!summary.lastChangedAt) return <span className="muted">—</span>;
  return (
    <span className="changed-cell" data-testid="changed-cell">
      {unseen.has(summary.id) ? (
        <span className="badge badge-new" title="Changed since you last looked">
          New
        </span>
      ) : null}
      <time dateTime={summary.lastChangedAt}>{formatDate(summary.lastChangedAt)}</time>
    </span>
  );
}
