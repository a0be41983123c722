import { plural } from '../format/format';
import { changeDayOptions, changeFilterFrom, changeFilterValue, type ChangeFilter } from '../state/change-filter';

/** The browser's "Changed" filter: since my last look, or in the last N days (issue 15). */
export function ChangeFilterSelect({
  value,
  unseenCount,
  onChange,
}: {
  value: ChangeFilter;
  unseenCount: number;
  onChange: (filter: ChangeFilter) => void;
}) {
  return (
    <label className="inline-field">
      <span>Changed</span>
      <select
        value={changeFilterValue(value)}
        onChange={(event) => onChange(changeFilterFrom(event.target.value))}
        data-testid="change-filter"
      >
        <option value="any">Any time or never</option>
        <option value="unseen">Since my last look ({unseenCount})</option>
        {changeDayOptions.map((days) => (
          <option key={days} value={`days-${days}`}>
            In the last {plural(days, 'day')}
          </option>
        ))}
      </select>
    </label>
  );
}
