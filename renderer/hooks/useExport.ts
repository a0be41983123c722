import type { ExportKind } from '../../common/sync-outcome';
import { api } from '../bridge';
import { catalogError } from '../data/main-result';
import { useMainAction } from '../data/useMainAction';
import type { Notice } from './useNotice';

/** Which portfolios an export covers: every one, or these ids. */
export type ExportIds = 'all' | string[];

/** The CSV exports as the screens use them. */
export interface Exporter {
  /** The export under way, or null. */
  busy: ExportKind | null;
  run(kind: ExportKind, ids: ExportIds): void;
  /** Shows an exported file in the OS file manager. */
  showInFolder(path: string): void;
}

/** Runs CSV exports through main's save dialog and reports how they went as notices. */
export function useExport(show: (notice: Notice) => void): Exporter {
  const onError = (error: { code: string; message: string }) => {
    if (error.code !== 'EXPORT_CANCELLED') show({ kind: 'error', message: error.message });
  };
  const exportCsv = useMainAction((request: { kind: ExportKind; ids: ExportIds }) => api().export.csv(request), {
    onSuccess: (outcome) => {
      if (outcome.status !== 'saved') return;
      const { fileName, path, rows, bytes } = outcome;
      show({ kind: 'export-saved', fileName, path, rows, bytes });
    },
    onError,
  });
  const reveal = useMainAction((path: string) => api().export.showInFolder({ path }), { onError });
  return {
    busy: exportCsv.pending ? (exportCsv.arg?.kind ?? null) : null,
    run(kind, ids) {
      if (Array.isArray(ids) && ids.length === 0) {
        show({ kind: 'error', message: catalogError('EXPORT_NOTHING_SELECTED').message });
        return;
      }
      void exportCsv.run({ kind, ids });
    },
    showInFolder: (path) => void reveal.run(path),
  };
}
