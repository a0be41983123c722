import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { AllocationRow } from '../../common/model-comparison';
import { formatPercent } from '../format/format';

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
      <figure className="allocation-chart" role="img" aria-label={`${caption}. ${summary}`}>
        <div style={{ width: '100%', height }} data-testid="allocation-compare-chart">
          <ResponsiveContainer width="100%" height="100%" minWidth={200} initialDimension={{ width: 480, height }}>
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
              <XAxis
                type="number"
                domain={[0, 'auto']}
                tickFormatter={(value: number) => formatPercent(value / 100, 0)}
                tick={{ fill: 'currentColor', fontSize: 12 }}
                stroke="currentColor"
              />
              <YAxis
                type="category"
                dataKey="assetClass"
                width={130}
                tick={{ fill: 'currentColor', fontSize: 12 }}
                stroke="currentColor"
              />
              {series.map((label, i) => (
                <Bar
                  key={i}
                  dataKey={`s${i}`}
                  name={label}
                  className={`chart-bar series-${i}`}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
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
