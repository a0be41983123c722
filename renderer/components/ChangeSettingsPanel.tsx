import { useId, useState } from 'react';
import { maxTolerancePp, type ChangeSettings } from '../../common/change-views';
import { api } from '../bridge';
import { useChangeSettings } from '../data/change-queries';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';
import { formatPoints } from '../format/change-format';
import type { Notice } from '../hooks/useNotice';
import { ErrorNotice } from './ErrorNotice';

/** Settings → Model changes: the re-weight tolerance and the desktop notification after a background sync. */
export function ChangeSettingsPanel({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const id = useId();
  const settings = useChangeSettings();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMainAction((patch: Partial<ChangeSettings>) => api().changes.saveSettings(patch), {
    settles: [queryKeys.changeSettings],
    onSuccess: (saved, patch) => {
      setDraft(null);
      if (patch.tolerancePp !== undefined)
        onNotice({ kind: 'info', message: `Re-weights under ${formatPoints(saved.tolerancePp)} are now hidden.` });
    },
  });
  const current = settings.data;
  const text = draft ?? (current ? String(current.tolerancePp) : '');
  const value = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= maxTolerancePp;
  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`} data-testid="change-settings">
      <h3 id={`${id}-heading`}>Model changes</h3>
      {settings.error ? <ErrorNotice error={settings.error} /> : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <form
        className="change-settings"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) void save.run({ tolerancePp: value });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-tolerance`}>Hide re-weights smaller than (percentage points)</label>
          <div className="inline-row">
            <input
              id={`${id}-tolerance`}
              type="number"
              inputMode="decimal"
              min={0}
              max={maxTolerancePp}
              step={0.01}
              value={text}
              aria-invalid={!valid}
              aria-describedby={`${id}-tolerance-hint`}
              onChange={(event) => setDraft(event.target.value)}
              disabled={!current}
              data-testid="tolerance-input"
            />
            <button type="submit" className="button" disabled={!valid || draft === null || save.pending}>
              Save
            </button>
          </div>
          <span id={`${id}-tolerance-hint`} className="field-hint">
            From 0 to {maxTolerancePp}. The default, 0.01, is one basis point: it hides rounding noise only. Added and
            removed holdings always show.
          </span>
        </div>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={current?.notify ?? true}
            disabled={!current || save.pending}
            onChange={(event) => void save.run({ notify: event.target.checked })}
            data-testid="notify-toggle"
          />
          Show a desktop notification when a background sync finds changed models
        </label>
      </form>
    </section>
  );
}
