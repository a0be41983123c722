import { Bar, LabelList } from 'recharts';
import { formatPercent } from '../format/format';
import { AllocationBars } from './AllocationBars';
import { AllocationTable } from './AllocationTable';
import type { AllocationSlice } from '../state/holdings';

/** Allocation by asset class as a bar chart, with the same figures in a table beside it for everyone. */
export function AllocationChart({ slices }: { slices: readonly AllocationSlice[] }) {
  const summary = slices.map((slice) => `${slice.assetClass} ${formatPercent(slice.weight, 1)}`).join(', ');
  const data = slices.map((slice) => ({ ...slice, percent: slice.weight * 100 }));
  const height = Math.max(120, slices.length * 36 + 40);
  return (
    <div className="allocation">
      <AllocationBars
        label={`Allocation by asset class: ${summary}`}
        testId="allocation-chart"
        height={height}
        data={data}
        maxPercent={100}
        rightMargin={56}
      >
        <Bar dataKey="percent" className="chart-bar" isAnimationActive={false} radius={[0, 3, 3, 0]}>
          <LabelList
            dataKey="percent"
            position="right"
            formatter={(value: unknown) => formatPercent(Number(value) / 100, 1)}
            className="chart-label"
            fill="currentColor"
          />
        </Bar>
      </AllocationBars>
      <AllocationTable slices={slices} className="data-table allocation-table" />
    </div>
  );
}
