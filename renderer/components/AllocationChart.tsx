import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../format/format';
import { AllocationTable } from './AllocationTable';
import type { AllocationSlice } from '../state/holdings';

/** Allocation by asset class as a bar chart, with the same figures in a table beside it for everyone. */
export function AllocationChart({ slices }: { slices: readonly AllocationSlice[] }) {
  const summary = slices.map((slice) => `${slice.assetClass} ${formatPercent(slice.weight, 1)}`).join(', ');
  const data = slices.map((slice) => ({ ...slice, percent: slice.weight * 100 }));
  const height = Math.max(120, slices.length * 36 + 40);
  return (
    <div className="allocation">
      <figure className="allocation-chart" role="img" aria-label={`Allocation by asset class: ${summary}`}>
        <div style={{ width: '100%', height }} data-testid="allocation-chart">
          <ResponsiveContainer width="100%" height="100%" minWidth={200} initialDimension={{ width: 480, height }}>
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 4, right: 56, bottom: 4, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
              <XAxis
                type="number"
                domain={[0, 100]}
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
              <Bar dataKey="percent" className="chart-bar" isAnimationActive={false} radius={[0, 3, 3, 0]}>
                <LabelList
                  dataKey="percent"
                  position="right"
                  formatter={(value: unknown) => formatPercent(Number(value) / 100, 1)}
                  className="chart-label"
                  fill="currentColor"
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <AllocationTable slices={slices} className="data-table allocation-table" />
    </div>
  );
}
