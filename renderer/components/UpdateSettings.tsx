import { updateModeLabels, updateModes, type UpdateMode } from '../../common/update-state';
import { useUpdateState } from '../data/update-queries';
import { useNow } from '../hooks/useNow';
import { useUpdateActions } from '../hooks/useUpdateActions';
import { describeUpdateSettings } from '../state/update-view';

const modeHints: Record<UpdateMode, string> = {
  auto: 'Downloads new versions in the background and asks before restarting.',
  ask: 'Tells you when a new version is out, and downloads it when you say so.',
  off: 'Never looks for new versions by itself; “Check now” still does.',
};
// When the organisation turned updates off, "Check now" is refused too.
const offByOrganisation = 'Never looks for new versions.';

/** Settings → Updates: the mode (greyed out when the organisation manages it), where updates stand, "Check now". */
export function UpdateSettings() {
  const state = useUpdateState();
  const now = useNow();
  const { check, setMode } = useUpdateActions();
  if (!state) return null;
  const view = describeUpdateSettings(state, now);
  const error = setMode.error ?? check.error;
  return (
    <section className="card settings-section" aria-labelledby="updates-heading" data-testid="update-settings">
      <h3 id="updates-heading">Updates</h3>
      <fieldset
        className="update-modes"
        disabled={view.locked}
        aria-describedby={view.note ? 'updates-note' : undefined}
      >
        <legend>Install new versions of the app</legend>
        {updateModes.map((mode) => (
          <label key={mode} className="update-mode">
            <input
              type="radio"
              name="update-mode"
              value={mode}
              checked={view.mode === mode}
              disabled={view.locked}
              onChange={() => void setMode.run(mode)}
            />
            <span>
              <span className="update-mode-label">{updateModeLabels[mode]}</span>
              <span className="field-hint">
                {mode === 'off' && !state.canCheck ? offByOrganisation : modeHints[mode]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {view.note ? (
        <p id="updates-note" className="update-note" data-testid="updates-note">
          {view.note}
        </p>
      ) : null}
      {error ? <p className="field-error">{error.message}</p> : null}
      <div className="update-summary">
        <span data-testid="update-summary">{view.summary}</span>
        {view.check !== 'hidden' ? (
          <button
            type="button"
            className="button small"
            onClick={() => void check.run()}
            disabled={view.check === 'busy' || check.pending}
          >
            Check now
          </button>
        ) : null}
      </div>
      {view.whatsNew ? (
        <p className="update-whats-new-line muted" data-testid="update-settings-whats-new">
          {view.whatsNew}
        </p>
      ) : null}
    </section>
  );
}
