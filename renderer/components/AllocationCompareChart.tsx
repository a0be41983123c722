import { Bar } from 'recharts';
import type { AllocationRow } from '../../common/model-comparison';
import { formatPercent } from '../format/format';
import { AllocationBars } from './AllocationBars';

/**
 * Allocation by asset class of 2–4 portfolios (or two versions of one) in one chart, a bar per series side by side,
 * with a legend in words and the same figures in a table.
 */
export function AllocationCompareChart({
  rows,
  series,
  caption,
}: {
  rows: readonly AllocationRow[];
  /** One label per weight column of the rows, in order. */
  series: readonly string[];
  caption: string;
}) {
  const data = rows.map((row) => ({
    assetClass: row.assetClass,
    ...Object.fromEntries(row.weights.map((weight, i) => [`s${i}`, weight * 100])),
  }));
  const summary = rows
    .map((row) => `${row.assetClass}: ${row.weights.map((w, i) => `${series[i]} ${formatPercent(w, 1)}`).join(', ')}`)
    .join('; ');
  const height = Math.max(140, rows.length * (18 * series.length + 14) + 40);
  return (
    <div className="allocation allocation-compare">
      <ul className="chart-legend" aria-hidden="true">
        {series.map((label, i) => (
          <li key={i}>
            <span className={`legend-swatch series-${i}`} />
            {label}
          </li>
        ))}
      </ul>
      <AllocationBars
        label={`${caption}. ${summary}`}
        testId="allocation-compare-chart"
        height={height}
        data={data}
        maxPercent="auto"
        rightMargin={24}
      >
        {series.map((label, i) => (
          <Bar key={i} dataKey={`s${i}`} name={label} className={`chart-bar series-${i}`} isAnimationActive={false} />
        ))}
      </AllocationBars>
      <table className="data-table allocation-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Asset class</th>
            {series.map((label, i) => (
              <th key={i} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.assetClass}>
              <td>{row.assetClass}</td>
              {row.weights.map((weight, i) => (
                <td key={i} className="num">
                  {formatPercent(weight)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
