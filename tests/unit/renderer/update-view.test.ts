import { describe, expect, it } from 'vitest';
import { describeUpdateAbout, describeUpdateSettings, describeUpdateStatus } from '../../../renderer/state/update-view';
import { updateRelease, updateState } from './support/update-fixtures';

const release = updateRelease();
const progress = { percent: 99.6, transferredBytes: 996, totalBytes: 1000, bytesPerSecond: 10 };
const problem = {
  error: {
    code: 'UPDATE_CHECKSUM_MISMATCH' as const,
    message: 'The downloaded update did not match.',
    retryable: true,
  },
  at: '2025-06-30T14:00:00.000Z',
};
const now = Date.parse('2025-06-30T16:00:00.000Z');

describe('describeUpdateStatus', () => {
  it.each([
    ['idle', updateState({ phase: 'idle' })],
    ['checking', updateState({ phase: 'checking' })],
    ['up to date', updateState({ phase: 'up-to-date' })],
    ['unsupported', updateState({ phase: 'unsupported' })],
    ['a failure', updateState({ phase: 'error', problem }, { lastProblem: problem })],
  ])('shows nothing when %s', (_label, state) => {
    expect(describeUpdateStatus(state)).toBeNull();
  });

  it('offers Download only when the user decides (ask, or off) and nothing waits yet', () => {
    const available = (mode: 'auto' | 'ask' | 'off', waitingFor: 'sync' | 'export' | null, canCheck = true) =>
      describeUpdateStatus(updateState({ phase: 'available', release, waitingFor }, { mode, canCheck }));
    expect(available('ask', null)).toMatchObject({ label: 'Update 0.2.0 available', action: 'download' });
    expect(available('off', null)?.action).toBe('download');
    expect(available('auto', null)?.action).toBeNull();
    expect(available('ask', 'sync')).toMatchObject({ action: null, detail: 'Downloads when the sync finishes.' });
    expect(available('auto', 'export')?.detail).toBe('Downloads when the export finishes.');
    // The organisation turned updates off: main refuses a download, so none is offered.
    expect(available('off', null, false)?.action).toBeNull();
  });

  it('shows progress as a fraction and a whole percent, never over 100', () => {
    const view = describeUpdateStatus(updateState({ phase: 'downloading', release, progress }));
    expect(view).toMatchObject({ label: 'Downloading update 0.2.0', action: null, whatsNew: release.whatsNew });
    expect(view?.progress).toBeCloseTo(0.996);
    expect(view?.progressText).toMatch(/100\s?%/);
    const over = describeUpdateStatus(
      updateState({ phase: 'downloading', release, progress: { ...progress, percent: 140 } }),
    );
    expect(over?.progress).toBe(1);
  });

  it('offers Restart to update when ready, and says why a restart waits', () => {
    expect(describeUpdateStatus(updateState({ phase: 'ready', release, installOnQuit: false }))).toMatchObject({
      label: 'Update 0.2.0 is ready',
      action: 'restart',
    });
    expect(describeUpdateStatus(updateState({ phase: 'installing', release, waitingFor: 'export' }))).toMatchObject({
      label: 'Restarting to update…',
      detail: 'Restarts when the export finishes.',
      action: null,
    });
  });
});

describe('describeUpdateSettings', () => {
  it('lets the user choose and check when nothing is managed', () => {
    expect(describeUpdateSettings(updateState({ phase: 'up-to-date' }), now)).toMatchObject({
      mode: 'auto',
      locked: false,
      note: null,
      check: 'offered',
      summary: expect.stringMatching(/^You have the latest version \(0\.1\.0\)\. Last checked 2 hours ago\.$/),
    });
  });

  it('locks the mode with the organisation’s note; no Check now when it turned updates off', () => {
    const managed = describeUpdateSettings(updateState({ phase: 'idle' }, { mode: 'ask', managed: true }), now);
    expect(managed).toMatchObject({ mode: 'ask', locked: true, check: 'offered' });
    expect(managed.note).toMatch(/^Managed by your organisation/);
    const off = describeUpdateSettings(updateState({ phase: 'idle' }, { mode: 'off', managed: true, canCheck: false }));
    expect(off.check).toBe('hidden');
  });

  it('gives the whole line of What’s new while a release is on offer, and none otherwise', () => {
    expect(describeUpdateSettings(updateState({ phase: 'ready', release, installOnQuit: true })).whatsNew).toBe(
      'What’s new in 0.2.0: Exports keep your column order',
    );
    const noNotes = updateRelease({ whatsNew: null });
    expect(
      describeUpdateSettings(updateState({ phase: 'available', release: noNotes, waitingFor: null })).whatsNew,
    ).toBeNull();
    expect(describeUpdateSettings(updateState({ phase: 'up-to-date' })).whatsNew).toBeNull();
  });

  it('keeps Check now pressed-in while a check or download is under way', () => {
    expect(describeUpdateSettings(updateState({ phase: 'checking' })).check).toBe('busy');
    expect(describeUpdateSettings(updateState({ phase: 'downloading', release, progress })).check).toBe('busy');
    expect(describeUpdateSettings(updateState({ phase: 'error', problem })).check).toBe('offered');
  });

  it('locks everything, with a note, in a copy that cannot update itself', () => {
    const view = describeUpdateSettings(updateState({ phase: 'unsupported' }));
    expect(view).toMatchObject({ locked: true, check: 'hidden' });
    expect(view.note).toContain('cannot update itself');
  });
});

describe('describeUpdateAbout', () => {
  it('gives the last check time and the last problem in words', () => {
    const view = describeUpdateAbout(updateState({ phase: 'up-to-date' }, { lastProblem: problem }), now);
    expect(view.lastChecked).toMatch(/\(2 hours ago\)$/);
    expect(view.problem).toMatch(/^The downloaded update did not match\. \(.+\)$/);
    expect(describeUpdateAbout(updateState({ phase: 'idle' }, { lastCheckedAt: null }))).toEqual({
      lastChecked: 'Never',
      problem: null,
    });
  });
});
