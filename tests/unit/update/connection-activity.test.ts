import { describe, expect, it } from 'vitest';
import { notConfiguredState, type ConnectionState } from '../../../common/connection-state';
import { ActivityTracker } from '../../../main/update/activity-tracker';
import { followConnectionState } from '../../../main/update/connection-activity';

function state(status: ConnectionState['status']): ConnectionState {
  const facts = { profileId: 'p1', lastSyncedAt: null, portfolioCount: 0 };
  const error = { code: 'SERVER_ERROR' as const, message: 'down', retryable: true };
  switch (status) {
    case 'not-configured':
      return notConfiguredState;
    case 'online':
      return { ...facts, status };
    case 'syncing':
      return { ...facts, status, progress: { pages: 0, portfolios: 0, total: null, details: 0 }, offlineSince: null };
    case 'offline':
      return { ...facts, status, error, offlineSince: '2026-11-30T08:00:00.000Z' };
    default:
      return { ...facts, status, error };
  }
}

describe('following the published connection state', () => {
  it('tracks a sync while the status says syncing, and reports the first sync’s end once', () => {
    const tracker = new ActivityTracker();
    let firstSyncDone = 0;
    const follow = followConnectionState(tracker, () => firstSyncDone++);
    follow('connection:state', state('online')); // the cache loaded: no sync has run yet
    expect(firstSyncDone).toBe(0);
    follow('connection:state', state('syncing'));
    follow('connection:state', state('syncing'));
    expect(tracker.busy()).toBe('sync');
    follow('connection:state', state('offline'));
    expect(tracker.busy()).toBeNull();
    expect(firstSyncDone).toBe(1);
    follow('connection:state', state('syncing'));
    expect(tracker.busy()).toBe('sync');
    follow('connection:state', state('online'));
    expect(tracker.busy()).toBeNull();
    expect(firstSyncDone).toBe(1);
  });

  it('reports at once when there is nothing to sync', () => {
    let firstSyncDone = 0;
    const follow = followConnectionState(new ActivityTracker(), () => firstSyncDone++);
    follow('sync:progress', { pages: 1, portfolios: 0, total: null, details: 0 });
    expect(firstSyncDone).toBe(0);
    follow('connection:state', state('not-configured'));
    expect(firstSyncDone).toBe(1);
  });
});
