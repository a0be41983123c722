import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../format/format';

/**
 * The frame every allocation chart shares: a figure read as one image with its figures in words, horizontal bars
 * by asset class on a percent axis. The bars themselves (one series, or one per portfolio) are the children.
 */
export function AllocationBars({
  label,
  testId,
  height,
  data,
  maxPercent,
  rightMargin,
  children,
}: {
  /** What a screen reader says for the whole chart. */
  label: string;
  testId: string;
  height: number;
  /** One object per asset class: `assetClass` and a percent per series. */
  data: ReadonlyArray<{ assetClass: string }>;
  /** The percent axis ends here, or where the data ends ('auto'). */
  maxPercent: number | 'auto';
  /** Room to the right of the bars (for value labels). */
  rightMargin: number;
  children: ReactNode;
}) {
  return (
    <figure className="allocation-chart" role="img" aria-label={label}>
      <div style={{ width: '100%', height }} data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%" minWidth={200} initialDimension={{ width: 480, height }}>
          <BarChart
            data={data as Array<{ assetClass: string }>}
            layout="vertical"
            margin={{ top: 4, right: rightMargin, bottom: 4, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
            <XAxis
              type="number"
              domain={[0, maxPercent]}
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
            {children}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
