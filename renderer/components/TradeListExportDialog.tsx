import { useId, useState } from 'react';
import { Modal } from './Modal';

const dayMs = 86_400_000;

function isoDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Asks from which day to export the trade lists of every portfolio changed since (local midnight of that day). */
export function TradeListExportDialog({
  onExport,
  onCancel,
}: {
  onExport: (since: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [today] = useState(() => Date.now());
  const [day, setDay] = useState(() => isoDay(today - 7 * dayMs));
  const since = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00`) : null;
  const valid = since !== null && !Number.isNaN(since.getTime());
  return (
    <Modal title="Export trade lists" onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onExport(since.toISOString());
        }}
      >
        <div className="modal-body">
          <p>
            One CSV with the trade list of every model that changed since the day you pick: for each, the changes from
            the version it had then to the current one.
          </p>
          <div className="field">
            <label htmlFor={`${id}-since`}>Changed since</label>
            <input
              id={`${id}-since`}
              type="date"
              value={day}
              max={isoDay(today)}
              onChange={(event) => setDay(event.target.value)}
              data-testid="trade-list-since"
              required
            />
          </div>
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!valid}>
            Export CSV…
          </button>
        </div>
      </form>
    </Modal>
  );
}
