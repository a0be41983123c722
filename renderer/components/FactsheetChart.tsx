import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../format/format';
import type { AllocationSlice } from '../state/holdings';

/** The printed chart's width in CSS pixels: fits beside the allocation table on A4 and US Letter alike. */
export const factsheetChartWidth = 420;
const rowHeight = 26;
const axisHeight = 30;
// Ink, not theme colours: the page is printed in black and white whatever the screen's scheme.
const ink = '#000000';
const barInk = '#4d4d4d';

/** An asset class on the axis, on one line (Recharts would wrap it by a width it measures on screen). */
function AssetClassTick({
  x,
  y,
  payload,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}) {
  return (
    <text x={x} y={y} dy="0.35em" textAnchor="end" fill={ink} fontSize={10.5} className="fs-chart-class">
      {String(payload?.value ?? '')}
    </text>
  );
}

/** The printed chart's height for a number of asset classes. */
export function factsheetChartHeight(slices: number): number {
  return Math.max(1, slices) * rowHeight + axisHeight;
}

/**
 * Allocation by asset class for print: a fixed-size SVG (no ResponsiveContainer, which measures a
 * box the print layout does not have), 0–100 % on the axis, grey bars with black labels.
 */
export function FactsheetChart({ slices }: { slices: readonly AllocationSlice[] }) {
  const summary = slices.map((slice) => `${slice.assetClass} ${formatPercent(slice.weight, 1)}`).join(', ');
  const data = slices.map((slice) => ({ assetClass: slice.assetClass, percent: slice.weight * 100 }));
  const height = factsheetChartHeight(slices.length);
  return (
    <figure
      className="fs-chart"
      role="img"
      aria-label={`Allocation by asset class: ${summary}`}
      data-testid="factsheet-chart"
      style={{ width: factsheetChartWidth, height }}
    >
      <BarChart
        width={factsheetChartWidth}
        height={height}
        data={data}
        layout="vertical"
        margin={{ top: 2, right: 48, bottom: 2, left: 4 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke="#b0b0b0" strokeDasharray="2 2" />
        <XAxis
          type="number"
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={(value: number) => formatPercent(value / 100, 0)}
          tick={{ fill: ink, fontSize: 10 }}
          stroke={ink}
          height={20}
        />
        <YAxis type="category" dataKey="assetClass" width={165} tick={AssetClassTick} stroke={ink} interval={0} />
        <Bar dataKey="percent" fill={barInk} isAnimationActive={false} barSize={16}>
          <LabelList
            dataKey="percent"
            position="right"
            formatter={(value: unknown) => formatPercent(Number(value) / 100, 1)}
            fill={ink}
            fontSize={10}
          />
        </Bar>
      </BarChart>
    </figure>
  );
}
