import { useCallback, useState } from 'react';
import type { ExportKind } from '../../common/sync-outcome';
import { api } from '../bridge';
import type { Notice } from './useNotice';

/** Which portfolios an export covers: every one, or these ids. */
export type ExportIds = 'all' | string[];

/** Runs CSV exports through main's save dialog and reports how they went as notices. */
export function useExport(show: (notice: Notice) => void): {
  busy: ExportKind | null;
  run(kind: ExportKind, ids: ExportIds): Promise<void>;
} {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const run = useCallback(
    async (kind: ExportKind, ids: ExportIds) => {
      if (Array.isArray(ids) && ids.length === 0) {
        show({ kind: 'error', message: 'Nothing to export: select portfolios, or export all.' });
        return;
      }
      setBusy(kind);
      try {
        const result = await api().export.csv({ kind, ids });
        if (!result.ok) {
          if (result.error.code !== 'EXPORT_CANCELLED') show({ kind: 'error', message: result.error.message });
          return;
        }
        const outcome = result.value;
        if (outcome.status === 'saved') {
          show({
            kind: 'export-saved',
            fileName: outcome.fileName,
            path: outcome.path,
            rows: outcome.rows,
            bytes: outcome.bytes,
          });
        }
      } finally {
        setBusy(null);
      }
    },
    [show],
  );
  return { busy, run };
}
