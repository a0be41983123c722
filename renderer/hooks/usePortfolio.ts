import { useEffect, useState } from 'react';
import type { Portfolio } from '../../common/portfolio';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';

/** One portfolio with its holdings, fetched when the id (or the data generation) changes. */
export type PortfolioState =
  { state: 'loading' } | { state: 'ready'; portfolio: Portfolio } | { state: 'error'; error: AppErrorData };

/** Asks main for one portfolio of the active profile; `generation` re-asks after a sync. */
export function usePortfolio(id: string, generation: unknown): PortfolioState & { retry(): void } {
  const [result, setResult] = useState<{ key: string; value: PortfolioState } | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void api()
      .portfolios.get({ id })
      .then((answer) => {
        if (!live) return;
        setResult({
          key: id,
          value: answer.ok ? { state: 'ready', portfolio: answer.value } : { state: 'error', error: answer.error },
        });
      });
    return () => {
      live = false;
    };
  }, [id, generation, attempt]);
  const retry = () => setAttempt((n) => n + 1);
  if (!result || result.key !== id) return { state: 'loading', retry };
  return { ...result.value, retry };
}
