import type { SyncProgress } from '../../common/connection-state';
import { AppError } from '../../common/result';
import type { ApiClient, ApiResponse } from '../api/api-client';
import { requireApiOrigin } from './api-origin';

/** Portfolios one sync accepts across all pages, by default. */
export const defaultMaxSyncItems = 250_000;
/** Bytes one sync accepts across all responses, by default. */
export const defaultMaxSyncBytes = 512 * 1024 * 1024;

function tooLarge(): AppError {
  return new AppError(
    'RESPONSE_TOO_LARGE',
    'The API’s model portfolios add up to more than the app accepts in one sync, so it was stopped. The previous data is still shown.',
  );
}

/** Stops a sync that was cancelled. */
export function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('SYNC_CANCELLED');
}

/**
 * What a sync run shares across its passes: the API, the cancel signal, its caps across all
 * responses (items and bytes), its progress, and the one origin rule for every response.
 */
export class SyncBudget {
  readonly progress: SyncProgress = { pages: 0, portfolios: 0, total: null, details: 0 };
  /** Responses answered 304 (pages and details), for the outcome and the benches. */
  notModified = 0;
  private bytes = 0;
  private lastReport = 0;

  constructor(
    readonly api: ApiClient,
    readonly signal: AbortSignal,
    private readonly limits: { maxItems: number; maxBytes: number },
    private readonly onProgress?: (progress: SyncProgress) => void,
  ) {}

  /** Accepts a response: from the API's own origin, within the byte cap. */
  accept(response: ApiResponse): ApiResponse {
    requireApiOrigin(this.api, response.url);
    this.bytes += response.bytes;
    if (this.bytes > this.limits.maxBytes) throw tooLarge();
    if (response.status === 304) this.notModified += 1;
    return response;
  }

  /** Counts listed portfolios against the item cap. */
  listed(count: number): void {
    if (this.progress.portfolios + count > this.limits.maxItems) throw tooLarge();
    this.progress.portfolios += count;
  }

  /** Tells the listener where the sync is (at most every 100 ms unless forced). */
  report(force = true): void {
    const now = Date.now();
    if (!force && now - this.lastReport <= 100) return;
    this.lastReport = now;
    this.onProgress?.({ ...this.progress });
  }
}
