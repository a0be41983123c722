import { useId } from 'react';
import type { PortfolioChangesView } from '../../common/change-views';
import { versionLabel } from '../format/change-format';

/** Two version selects (from, to) over a portfolio's kept versions, and a way back to its latest change. */
export function VersionPicker({
  view,
  onPick,
  onLatest,
  picked,
}: {
  view: PortfolioChangesView;
  onPick: (from: number, to: number) => void;
  onLatest: () => void;
  /** True when the user picked versions (not main's default). */
  picked: boolean;
}) {
  const id = useId();
  const { versions, from, to } = view;
  if (versions.length < 2) return null;
  return (
    <div className="version-picker" role="group" aria-label="Versions to compare">
      <label htmlFor={`${id}-from`}>From version</label>
      <select
        id={`${id}-from`}
        value={from?.revision ?? ''}
        onChange={(event) => onPick(Number(event.target.value), to.revision)}
        data-testid="version-from"
      >
        {versions.map((entry) => (
          <option key={entry.revision} value={entry.revision} disabled={entry.revision === to.revision}>
            {versionLabel(entry)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-to`}>To version</label>
      <select
        id={`${id}-to`}
        value={to.revision}
        onChange={(event) => onPick(from?.revision ?? versions[1]!.revision, Number(event.target.value))}
        data-testid="version-to"
      >
        {versions.map((entry) => (
          <option key={entry.revision} value={entry.revision} disabled={entry.revision === from?.revision}>
            {versionLabel(entry)}
          </option>
        ))}
      </select>
      {picked ? (
        <button type="button" className="link-button" onClick={onLatest}>
          Latest change
        </button>
      ) : null}
      <span className="muted">{versions.length} versions kept</span>
    </div>
  );
}
