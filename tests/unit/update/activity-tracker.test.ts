import { describe, expect, it } from 'vitest';
import { ActivityTracker } from '../../../main/update/activity-tracker';

describe('the activity tracker (is a sync or an export running?)', () => {
  it('is idle until something begins, and says a sync before an export', () => {
    const tracker = new ActivityTracker();
    expect(tracker.busy()).toBeNull();
    const endExport = tracker.begin('export');
    expect(tracker.busy()).toBe('export');
    const endSync = tracker.begin('sync');
    expect(tracker.busy()).toBe('sync');
    endSync();
    expect(tracker.busy()).toBe('export');
    endExport();
    expect(tracker.busy()).toBeNull();
  });

  it('tells its listeners once everything has ended, not before', () => {
    const tracker = new ActivityTracker();
    let idle = 0;
    const unsubscribe = tracker.onIdle(() => idle++);
    const first = tracker.begin('export');
    const second = tracker.begin('export');
    first();
    first(); // ending twice counts once
    expect(idle).toBe(0);
    expect(tracker.busy()).toBe('export');
    second();
    expect(idle).toBe(1);
    unsubscribe();
    tracker.begin('sync')();
    expect(idle).toBe(1);
  });

  it('ends a tracked piece of work however it ends', async () => {
    const tracker = new ActivityTracker();
    await expect(
      tracker.track('export', () => {
        expect(tracker.busy()).toBe('export');
        return Promise.reject(new Error('disk full'));
      }),
    ).rejects.toThrow('disk full');
    expect(tracker.busy()).toBeNull();
    await expect(tracker.track('sync', () => Promise.resolve(42))).resolves.toBe(42);
    expect(tracker.busy()).toBeNull();
  });
});
