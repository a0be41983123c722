import type { RequestArg } from '../../common/contract-types';
import type { AppErrorData } from '../../common/result';
import type { ExportOutcome } from '../../common/sync-outcome';
import { api } from '../bridge';
import { useMainAction } from '../data/useMainAction';
import type { Notice } from './useNotice';

/** The model-change CSV exports as the screens use them (issue 15). */
export interface ChangeExports {
  /** The export under way, or null. */
  busy: 'trade-list' | 'comparison' | null;
  /** A trade list: one portfolio's versions, or every portfolio changed since a time. */
  tradeList(request: RequestArg<'changes:exportTradeList'>): void;
  /** A comparison of 2–4 portfolios. */
  comparison(ids: string[]): void;
}

/** Runs the trade-list and comparison exports through main's save dialog, reporting them as notices. */
export function useChangeExports(show: (notice: Notice) => void): ChangeExports {
  const onSuccess = (outcome: ExportOutcome) => {
    if (outcome.status !== 'saved') return;
    const { fileName, path, rows, bytes } = outcome;
    show({ kind: 'export-saved', fileName, path, rows, bytes });
  };
  const onError = (error: AppErrorData) => {
    if (error.code !== 'EXPORT_CANCELLED') show({ kind: 'error', message: error.message });
  };
  const trade = useMainAction(
    (request: RequestArg<'changes:exportTradeList'>) => api().changes.exportTradeList(request),
    { onSuccess, onError },
  );
  const compare = useMainAction((ids: string[]) => api().compare.exportCsv({ ids }), { onSuccess, onError });
  return {
    busy: trade.pending ? 'trade-list' : compare.pending ? 'comparison' : null,
    tradeList: (request) => void trade.run(request),
    comparison: (ids) => void compare.run(ids),
  };
}
