import type { ModelComparison, OverlapRow } from '../../common/model-comparison';
import { formatPercent, plural } from '../format/format';

function OverlapTable({
  title,
  rows,
  comparison,
  testId,
}: {
  title: string;
  rows: readonly OverlapRow[];
  comparison: ModelComparison;
  testId: string;
}) {
  return (
    <section className="overlap-section" aria-label={title}>
      <h4>
        {title} <span className="muted">({plural(rows.length, 'security', 'securities')})</span>
      </h4>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data-table overlap-table" data-testid={testId}>
          <caption className="sr-only">{title}, with each portfolio’s weight</caption>
          <thead>
            <tr>
              <th scope="col">Ticker</th>
              <th scope="col">Security</th>
              {comparison.portfolios.map((p) => (
                <th key={p.id} scope="col" className="num">
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td className="mono">{row.ticker || '—'}</td>
                <td>{row.name}</td>
                {row.weights.map((weight, i) => (
                  <td key={i} className="num">
                    {weight === null ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">not held</span>
                      </>
                    ) : (
                      formatPercent(weight)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Holdings overlap: what every portfolio holds (with each weight), what some hold, what only one holds. */
export function HoldingsOverlapTables({ comparison }: { comparison: ModelComparison }) {
  const { overlap, portfolios } = comparison;
  const n = portfolios.length;
  return (
    <div className="overlap" data-testid="holdings-overlap">
      <p className="overlap-summary">
        In common:{' '}
        {portfolios.map((p, i) => `${p.name} ${formatPercent(overlap.commonWeights[i] ?? 0, 1)}`).join(' · ')}
      </p>
      <OverlapTable
        title={n === 2 ? 'Held by both' : `Held by all ${n}`}
        rows={overlap.common}
        comparison={comparison}
        testId="overlap-common"
      />
      {n > 2 ? (
        <OverlapTable title="Held by some" rows={overlap.partial} comparison={comparison} testId="overlap-partial" />
      ) : null}
      <OverlapTable title="Held by one only" rows={overlap.unique} comparison={comparison} testId="overlap-unique" />
    </div>
  );
}
