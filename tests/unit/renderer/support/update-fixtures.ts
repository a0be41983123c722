// Update states as main's UpdateService publishes them, for the renderer's tests.
import type { UpdatePhase, UpdateRelease, UpdateState } from '../../../../common/update-state';

/** A release the feed offers. */
export function updateRelease(overrides: Partial<UpdateRelease> = {}): UpdateRelease {
  return {
    version: '0.2.0',
    releaseDate: '2026-03-01T12:00:00.000Z',
    whatsNew: 'Exports keep your column order',
    ...overrides,
  };
}

/** An update state: a phase with what it carries, and the facts every state has (mode 'auto', up to date by default). */
export function updateState(
  phase: UpdatePhase = { phase: 'up-to-date' },
  facts: Partial<UpdateState> = {},
): UpdateState {
  return {
    currentVersion: '0.1.0',
    mode: 'auto',
    managed: false,
    canCheck: true,
    lastCheckedAt: '2025-06-30T14:00:00.000Z',
    lastProblem: null,
    ...facts,
    ...phase,
  } as UpdateState;
}
