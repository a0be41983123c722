// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/result';
import { configuredMain } from '../support/app-fixtures';
import { connectionState, profilesState, profileView } from '../support/fake-main';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

const networkDown = { code: 'NETWORK_UNREACHABLE' as const, message: 'The API could not be reached.', retryable: true };

describe('status and connection', () => {
  it('shows offline since a time over the cached data, which stays browsable', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    const offlineSince = '2025-06-30T15:30:00Z';
    act(() => main.emit('connection:state', connectionState({ status: 'offline', offlineSince, error: networkDown })));
    const banner = await screen.findByTestId('offline-banner');
    expect(banner.textContent).toMatch(/Offline since/);
    expect(banner.textContent).toContain('you can still browse and export it');
    expect(screen.getByTestId('status-label').textContent).toMatch(/^Offline since/);
    expect(screen.getAllByRole('row').length).toBeGreaterThan(10);
    // Main's retry runs: still offline (reconnecting), the banner does not flicker away.
    act(() =>
      main.emit(
        'connection:state',
        connectionState({
          status: 'syncing',
          offlineSince,
          progress: { pages: 0, portfolios: 0, total: null, details: 0 },
        }),
      ),
    );
    await waitFor(() => expect(screen.getByTestId('offline-banner').textContent).toContain('Reconnecting…'));
    expect(screen.getByTestId('status-label').textContent).toMatch(/^Offline since/);
  });

  it('shows the auth error’s fix and takes the user to Settings', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    const message = 'The API rejected your client ID or secret (invalid_client). Check them in Settings.';
    act(() =>
      main.emit(
        'connection:state',
        connectionState({ status: 'auth-error', error: { code: 'INVALID_CLIENT', message, retryable: false } }),
      ),
    );
    expect((await screen.findByTestId('auth-error-banner')).textContent).toContain(message);
    await userEvent.click(screen.getByRole('button', { name: 'Fix in Settings' }));
    await screen.findByTestId('settings-screen');
    expect(document.title).toBe('Settings — Model Portfolios');
  });

  it('shows syncing progress (each state whole), the token’s expiry time (never a token) and Sync now', async () => {
    const main = configuredMain({
      'profiles:list': () => profilesState(profileView({ tokenValidUntil: '2025-07-01T15:00:00Z' })),
      'sync:cancel': () => true,
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    const syncing = (portfolios: number) =>
      connectionState({
        status: 'syncing',
        offlineSince: null,
        progress: { pages: 1, portfolios, total: 1000, details: 0 },
      });
    act(() => main.emit('connection:state', syncing(100)));
    act(() => main.emit('connection:state', syncing(250)));
    await waitFor(() =>
      expect(screen.getByTestId('status-connection').textContent).toMatch(/250 of 1[,.\s ]?000 portfolios/),
    );
    expect((screen.getByRole('progressbar', { name: 'Sync progress' }) as HTMLProgressElement).value).toBe(0.25);
    expect(screen.getByTestId('status-token').textContent).toMatch(/valid until .*2025/);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel sync' }));
    expect(main.channels()).toContain('sync:cancel');
    act(() => main.emit('connection:state', connectionState()));
    await userEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('Synced 30 portfolios');
  });

  it('syncs when the network comes back, ignoring a sync already running', async () => {
    const main = configuredMain({
      'sync:now': () => {
        throw new AppError('SYNC_IN_PROGRESS');
      },
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(main.channels()).toContain('sync:now'));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
