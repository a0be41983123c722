import { describe, expect, it } from 'vitest';
import { describeConnection } from '../../../renderer/state/connection-view';
import { connectionState } from './support/fake-main';

describe('describeConnection', () => {
  it('shows syncing with progress when the total is known', () => {
    const view = describeConnection(
      connectionState({ status: 'syncing', progress: { pages: 2, portfolios: 500, total: 1000, details: 0 } }),
    );
    expect(view.tone).toBe('busy');
    expect(view.progress).toBe(0.5);
    expect(view.detail).toMatch(/500 of 1[,.\s ]?000 portfolios/);
  });

  it('shows syncing without a fraction when the total is unknown', () => {
    const view = describeConnection(
      connectionState({ status: 'syncing', progress: { pages: 1, portfolios: 50, total: null, details: 3 } }),
    );
    expect(view.progress).toBeNull();
    expect(view.detail).toContain('50 portfolios so far');
  });

  it('shows offline since a time, with cached data', () => {
    const view = describeConnection(
      connectionState({ status: 'offline', offlineSince: '2025-06-30T15:30:00Z' }),
      Date.parse('2025-06-30T16:00:00Z'),
    );
    expect(view.label).toMatch(/^Offline since /);
    expect(view.detail).toBe('Showing cached data.');
    expect(view.tone).toBe('warn');
  });

  it('shows an auth error with main’s message and the fix in Settings', () => {
    const message = 'The API rejected your client ID or secret (invalid_client). Check them in Settings.';
    const view = describeConnection(
      connectionState({ status: 'auth-error', error: { code: 'INVALID_CLIENT', message, retryable: false } }),
    );
    expect(view.detail).toBe(message);
    expect(view.fixInSettings).toBe(true);
  });
});

describe('a retry while offline', () => {
  it('stays offline (reconnecting) instead of flickering to syncing', () => {
    const view = describeConnection(
      connectionState({ status: 'syncing', offlineSince: '2025-06-30T15:30:00Z', progress: null }),
    );
    expect(view.label).toMatch(/^Offline since /);
    expect(view.detail).toBe('Reconnecting…');
    expect(view.tone).toBe('warn');
  });
});
