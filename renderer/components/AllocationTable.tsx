import { formatCount, formatPercent } from '../format/format';
import type { AllocationSlice } from '../state/holdings';

/** Allocation by asset class as a table (asset class, holdings, weight): beside the chart on screen and in print. */
export function AllocationTable({ slices, className }: { slices: readonly AllocationSlice[]; className: string }) {
  return (
    <table className={className}>
      <caption className="sr-only">Allocation by asset class</caption>
      <thead>
        <tr>
          <th scope="col">Asset class</th>
          <th scope="col" className="num">
            Holdings
          </th>
          <th scope="col" className="num">
            Weight
          </th>
        </tr>
      </thead>
      <tbody>
        {slices.map((slice) => (
          <tr key={slice.assetClass}>
            <td>{slice.assetClass}</td>
            <td className="num">{formatCount(slice.holdings)}</td>
            <td className="num">{formatPercent(slice.weight)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
