import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, isRetryableStatus, parseRetryAfter, retryDelayMs } from '../../../main/api/retry-policy';

describe('retry policy', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 304, 400, 401, 403, 404, 406, 409].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('backs off exponentially with jitter, within the ceiling', () => {
    const low = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(defaultRetryPolicy, attempt, null, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(defaultRetryPolicy, attempt, null, () => 1));
    expect(low).toEqual([125, 250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(high).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('honours Retry-After up to the cap', () => {
    expect(retryDelayMs(defaultRetryPolicy, 1, 5_000)).toBe(5_000);
    expect(retryDelayMs(defaultRetryPolicy, 1, 3_600_000)).toBe(defaultRetryPolicy.retryAfterCapMs);
  });
});
