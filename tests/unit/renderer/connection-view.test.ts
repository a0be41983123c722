import { describe, expect, it } from 'vitest';
import { startingProgress } from '../../../common/connection-state';
import { describeConnection } from '../../../renderer/state/connection-view';
import { connectionState } from './support/fake-main';

const networkDown = { code: 'NETWORK_UNREACHABLE' as const, message: 'The API could not be reached.', retryable: true };

describe('describeConnection', () => {
  it('shows syncing with progress when the total is known', () => {
    const view = describeConnection(
      connectionState({
        status: 'syncing',
        offlineSince: null,
        progress: { pages: 2, portfolios: 500, total: 1000, details: 0 },
      }),
    );
    expect(view.tone).toBe('busy');
    expect(view.progress).toBe(0.5);
    expect(view.detail).toMatch(/500 of 1[,.\s ]?000 portfolios/);
  });

  it('says starting before the first page arrives', () => {
    const view = describeConnection(
      connectionState({ status: 'syncing', offlineSince: null, progress: startingProgress }),
    );
    expect(view.detail).toBe('Starting…');
    expect(view.progress).toBeNull();
  });

  it('shows syncing without a fraction when the total is unknown', () => {
    const view = describeConnection(
      connectionState({
        status: 'syncing',
        offlineSince: null,
        progress: { pages: 1, portfolios: 50, total: null, details: 3 },
      }),
    );
    expect(view.progress).toBeNull();
    expect(view.detail).toBe('50 portfolios so far, 3 details');
  });

  it('shows offline since a time, with cached data', () => {
    const view = describeConnection(
      connectionState({ status: 'offline', offlineSince: '2025-06-30T15:30:00Z', error: networkDown }),
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

describe('states that always carry an error', () => {
  it('shows main’s message for a keychain problem and a failed sync, word for word', () => {
    const keychain = {
      code: 'KEYCHAIN_UNAVAILABLE' as const,
      message: 'The system keychain did not answer.',
      retryable: true,
    };
    expect(describeConnection(connectionState({ status: 'keychain-unavailable', error: keychain })).detail).toBe(
      keychain.message,
    );
    const failed = { code: 'SERVER_ERROR' as const, message: 'The API had a problem on its side.', retryable: true };
    const view = describeConnection(connectionState({ status: 'error', error: failed }));
    expect([view.label, view.detail, view.tone]).toEqual(['Sync failed', failed.message, 'error']);
  });
});

describe('a retry while offline', () => {
  it('stays offline (reconnecting) instead of flickering to syncing', () => {
    const view = describeConnection(
      connectionState({ status: 'syncing', offlineSince: '2025-06-30T15:30:00Z', progress: startingProgress }),
    );
    expect(view.label).toMatch(/^Offline since /);
    expect(view.detail).toBe('Reconnecting…');
    expect(view.tone).toBe('warn');
  });
});
