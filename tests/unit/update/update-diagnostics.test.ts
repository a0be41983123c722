import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../common/update-state';
import { updateDiagnosticsLine } from '../../../main/update/update-diagnostics';

const base = {
  currentVersion: '0.1.0',
  mode: 'auto',
  managed: false,
  canCheck: true,
  lastCheckedAt: null,
  lastProblem: null,
} as const;

describe('the updates line of the diagnostics report', () => {
  it('says the mode, the phase and that no check ran yet', () => {
    expect(updateDiagnosticsLine({ ...base, phase: 'idle' })).toBe(
      'Updates: auto; idle; version 0.1.0; last checked never',
    );
  });

  it('names a policy, the release in hand and the last problem with its time', () => {
    const state: UpdateState = {
      ...base,
      mode: 'ask',
      managed: true,
      phase: 'available',
      release: { version: '0.2.0', releaseDate: null, whatsNew: null },
      waitingFor: null,
      lastCheckedAt: '2026-03-02T09:00:00.000Z',
      lastProblem: {
        at: '2026-03-02T03:00:00.000Z',
        error: { code: 'UPDATE_FEED_UNREACHABLE', message: 'The update server could not be reached.', retryable: true },
      },
    };
    expect(updateDiagnosticsLine(state)).toBe(
      'Updates: ask (set by the organisation’s policy file); available 0.2.0; version 0.1.0; last checked 2026-03-02T09:00:00.000Z; last problem UPDATE_FEED_UNREACHABLE at 2026-03-02T03:00:00.000Z: The update server could not be reached.',
    );
  });
});
