import type { ComparisonFactRow, ModelComparison } from '../../common/model-comparison';
import { formatCount, formatDateTime, formatMoney, formatPercent } from '../format/format';

function factText(row: ComparisonFactRow, value: string | number | null, currency: string | null): string {
  if (value === null) return '—';
  switch (row.kind) {
    case 'date':
      return formatDateTime(String(value));
    case 'percent':
      return formatPercent(Number(value));
    case 'number':
      return row.fact === 'minimumInvestment' ? formatMoney(Number(value), currency) : formatCount(Number(value));
    default:
      return String(value);
  }
}

/** Key facts of 2–4 portfolios side by side; a fact that differs is marked (in words for screen readers). */
export function ComparisonFactsTable({ comparison }: { comparison: ModelComparison }) {
  // Each minimum in its own portfolio's currency (they differ across the models compared).
  const currencies = comparison.facts.find((row) => row.fact === 'currency')?.values ?? [];
  const currencyOf = (i: number) => (typeof currencies[i] === 'string' ? (currencies[i] as string) : null);
  return (
    <table className="data-table compare-facts" data-testid="compare-facts">
      <caption className="sr-only">Key facts side by side</caption>
      <thead>
        <tr>
          <th scope="col">Fact</th>
          {comparison.portfolios.map((p) => (
            <th key={p.id} scope="col">
              {p.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {comparison.facts.map((row) => (
          <tr key={row.fact} className={row.differs ? 'differs' : undefined}>
            <th scope="row">
              {row.label}
              {row.differs ? <span className="sr-only"> (differs)</span> : null}
            </th>
            {row.values.map((value, i) => (
              <td key={i} className={row.kind === 'text' || row.kind === 'date' ? undefined : 'num'}>
                {factText(row, value, currencyOf(i))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
