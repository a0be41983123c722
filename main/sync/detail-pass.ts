import { getMaxListeners, setMaxListeners } from 'node:events';
import type { SyncIssue } from '../../common/cache-snapshot';
import type { Portfolio } from '../../common/portfolio';
import { AppError } from '../../common/result';
import { classifyResponse, type HttpValidators } from '../api/conditional-request';
import { parsePortfolio, withHoldings } from './portfolio-parse';
import { checkCancelled, type SyncBudget } from './sync-budget';

/** A portfolio as the sync will hand it to the cache: kept as stored, or fetched content (with its detail's validators). */
export type SyncedEntry =
  | { kind: 'kept'; id: string; validators?: HttpValidators }
  | { kind: 'fetched'; portfolio: Portfolio; validators?: HttpValidators; listHash?: string };

/** What the detail pass needs of the cache: each detail's validators and list hash, a stored detail when a merge needs it. */
export interface StoredDetails {
  validators: (id: string) => HttpValidators | undefined;
  /** stableHash of the list item the stored record was merged with, if its holdings came from the detail. */
  listHash: (id: string) => string | undefined;
  read: (id: string) => Promise<Portfolio | null>;
}

/** A detail to ask for: a fresh list item without holdings, or a kept portfolio whose holdings came from its detail. */
export interface DetailJob {
  position: number;
  id: string;
  /** The list's fresh version, or null when the list page was a 304 (the stored one stands for it). */
  listed: Portfolio | null;
  /** stableHash of the fresh raw list item (null with `listed`): equal to the stored one, a 304 keeps the record. */
  listHash: string | null;
  name: string;
}

function validatorsKnown(validators: HttpValidators | undefined): validators is HttpValidators {
  return Boolean(validators && (validators.etag || validators.lastModified || validators.bodyHash));
}

/** Whether a kept portfolio must be revalidated at its detail route (its holdings came from there). */
export function cameFromDetail(stored: StoredDetails, id: string): boolean {
  return validatorsKnown(stored.validators(id));
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
) {
  let index = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && index < items.length) {
      checkCancelled(signal);
      const item = items[index++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Fetches details, conditionally with what the cache stored: a 304 (or the same body) keeps the stored
 * record as it is when its list item is unchanged too (same hash), else merges the stored holdings with
 * the fresh list item; a 200 is parsed and merged. A 404 skips the portfolio with a note; any other
 * failure fails the sync.
 */
export async function readDetails(
  budget: SyncBudget,
  jobs: readonly DetailJob[],
  entries: Array<SyncedEntry | null>,
  stored: StoredDetails | null,
  issues: SyncIssue[],
  concurrency: number,
): Promise<void> {
  const { api, signal } = budget;
  // Each request in flight listens to the run's signal (to stop when the run is cancelled): room for all of them
  // (Node warns of a leak past 10 listeners by default; 0 is no limit).
  const limit = getMaxListeners(signal);
  if (limit !== 0 && limit < concurrency + 10) setMaxListeners(concurrency + 10, signal);
  await eachLimited(jobs, concurrency, signal, async (job) => {
    const path = `model-portfolios/${encodeURIComponent(job.id)}`;
    const get = async (validators: HttpValidators | null) => {
      try {
        return budget.accept(await api.getJson(path, { validators, signal }));
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        return null;
      }
    };
    const previous = stored?.validators(job.id);
    const condition = validatorsKnown(previous) ? previous : null;
    let response = await get(condition);
    let outcome = response && classifyResponse(condition, response);
    let storedCopy: Portfolio | null = null;
    // A 304 for a kept portfolio, or for a list item equal to the one the record was merged with, needs nothing
    // read: the record stands as stored (a record found damaged has no validators, so it is never asked
    // conditionally). Only a list item that differs needs the stored holdings to merge.
    const unchanged = outcome !== null && outcome.outcome !== 'changed';
    const sameItem = job.listHash !== null && job.listHash === stored?.listHash(job.id);
    if (unchanged && job.listed && !sameItem) {
      storedCopy = (await stored?.read(job.id)) ?? null;
      if (!storedCopy) {
        // The stored copy is gone or damaged: ask again without a condition.
        response = await get(null);
        outcome = response && classifyResponse(null, response);
      }
    }
    if (!response || !outcome) {
      issues.push({ portfolioId: job.id, message: `${job.name}: the API no longer has it (404); it was skipped.` });
      entries[job.position] = null;
      return;
    }
    if (outcome.outcome === 'unexpected-304') throw new AppError('RESPONSE_INVALID');
    let merged: { portfolio: Portfolio; notes: string[] } | null = null;
    if (outcome.outcome !== 'changed' && (!job.listed || sameItem)) {
      entries[job.position] = { kind: 'kept', id: job.id, validators: outcome.validators };
    } else if (outcome.outcome !== 'changed' && job.listed && storedCopy) {
      const { holdings, weightSum, weightsOk } = storedCopy;
      merged = { portfolio: { ...job.listed, holdings, weightSum, weightsOk }, notes: [] };
    } else {
      const base = job.listed ?? storedCopy ?? (await stored?.read(job.id)) ?? null;
      merged = base ? withHoldings(base, response.body) : detailAlone(response.body);
      if (!merged) {
        issues.push({
          portfolioId: job.id,
          message: `${job.name}: the API’s detail for it could not be read; it was skipped.`,
        });
        entries[job.position] = null;
      }
    }
    if (merged) {
      const { validators } = outcome;
      entries[job.position] = {
        kind: 'fetched',
        portfolio: merged.portfolio,
        validators,
        listHash: job.listHash ?? undefined,
      };
      for (const note of merged.notes) issues.push({ portfolioId: job.id, message: `${job.name}: ${note}` });
    }
    budget.progress.details += 1;
    budget.report(false);
  });
  checkCancelled(signal);
}

function detailAlone(body: unknown): { portfolio: Portfolio; notes: string[] } | null {
  const parsed = parsePortfolio(body);
  return parsed.ok ? { portfolio: parsed.portfolio, notes: parsed.notes } : null;
}
