import { formatPercent } from '../format/format';

/** The weights-sum check: quiet when the holdings add up to 100 %, flagged when they do not. */
export function WeightsFlag({
  weightSum,
  weightsOk,
  long = false,
}: {
  weightSum: number;
  weightsOk: boolean;
  long?: boolean;
}) {
  const sum = formatPercent(weightSum);
  if (weightsOk) {
    return (
      <span className="weights weights-ok" title={`Weights sum to ${sum}`}>
        <span aria-hidden="true">✓ </span>
        {long ? `Weights sum to ${sum}` : sum}
      </span>
    );
  }
  const gap = formatPercent(Math.abs(1 - weightSum));
  const words = `Weights sum to ${sum}, ${gap} ${weightSum < 1 ? 'short of' : 'over'} ${formatPercent(1, 0)}`;
  return (
    <span className="weights weights-flag" title={words} data-testid="weights-flag">
      <span aria-hidden="true">⚠ </span>
      {long ? (
        words
      ) : (
        <>
          {sum}
          <span className="sr-only"> — does not sum to {formatPercent(1, 0)}</span>
        </>
      )}
    </span>
  );
}
