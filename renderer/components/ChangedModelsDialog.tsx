import { api } from '../bridge';
import { useChangesOverview } from '../data/change-queries';
import { useMainAction } from '../data/useMainAction';
import { formatDateTime, formatWhen, plural } from '../format/format';
import { Modal } from './Modal';

/**
 * The models the last sync changed (or, without one this session, every change not looked at yet), each opening
 * its Changes tab; "Mark all as seen" clears the "New" marks (issue 15).
 */
export function ChangedModelsDialog({ onOpen, onClose }: { onOpen: (id: string) => void; onClose: () => void }) {
  const overview = useChangesOverview().data;
  const markSeen = useMainAction((ids: string[]) => api().changes.markSeen({ ids }));
  const unseen = new Set(overview?.portfolios.flatMap((p) => (p.seen ? [] : [p.id])) ?? []);
  const lastSync = overview?.lastSync ?? null;
  const listed = lastSync
    ? lastSync.portfolios
    : (overview?.portfolios.filter((p) => !p.seen).map(({ id, name }) => ({ id, name })) ?? []);
  const title = lastSync
    ? `${plural(listed.length, 'model')} changed in the sync at ${formatWhen(lastSync.syncedAt)}`
    : 'Models changed since you last looked';
  const changedAt = new Map(overview?.portfolios.map((p) => [p.id, p.lastChangedAt]) ?? []);
  return (
    <Modal title={title} onClose={onClose} className="changed-models">
      <div className="modal-body">
        {listed.length === 0 ? (
          <p className="muted">No model has changed since you last looked.</p>
        ) : (
          <ul className="changed-list" data-testid="changed-list">
            {listed.map((p) => (
              <li key={p.id}>
                <button type="button" className="link-button" onClick={() => onOpen(p.id)}>
                  {p.name}
                </button>
                {unseen.has(p.id) ? <span className="badge badge-new">New</span> : null}
                <span className="muted"> {formatDateTime(changedAt.get(p.id))}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="modal-actions">
        <button
          type="button"
          className="button"
          disabled={unseen.size === 0 || markSeen.pending}
          onClick={() => void markSeen.run([...unseen])}
        >
          Mark all as seen
        </button>
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
