// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notConfiguredState } from '../../../common/connection-state';
import type { ProfilesState } from '../../../common/profiles-state';
import { AppError } from '../../../common/result';
import { App } from '../../../renderer/App';
import { connectionState, FakeMain, manySummaries, portfolio, profileView } from './support/fake-main';
import { useFakeLayout } from './support/layout';

useFakeLayout();
afterEach(cleanup);

const appInfo = {
  appName: 'Model Portfolios',
  version: '0.1.0',
  platform: 'linux',
  electronVersion: null,
  keychain: { available: true as const },
};
const configured: ProfilesState = { profiles: [profileView()], activeProfileId: 'p-1', notice: null };
const listing = (n = 30) => ({
  profileId: 'p-1',
  syncedAt: '2025-06-30T15:00:00Z',
  portfolios: manySummaries(n),
  issues: [],
});

function configuredMain(overrides: ConstructorParameters<typeof FakeMain>[0] = {}) {
  return new FakeMain({
    'app:info': () => appInfo,
    'profiles:list': () => configured,
    'connection:state': () => connectionState(),
    'portfolios:list': () => listing(),
    'portfolios:get': ({ id }: { id: string }) => portfolio({ id }),
    'sync:now': () => ({
      status: 'updated' as const,
      portfolioCount: 30,
      syncedAt: '2025-06-30T15:00:00Z',
      issues: [],
    }),
    ...overrides,
  }).install();
}

describe('first run', () => {
  let main: FakeMain;
  beforeEach(() => {
    main = new FakeMain({
      'app:info': () => appInfo,
      'profiles:list': () => ({ profiles: [], activeProfileId: null, notice: null }),
      'connection:state': () => notConfiguredState,
    }).install();
  });

  it('opens on the welcome screen with both paths', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Welcome to Model Portfolios' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect to your API…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Explore with demo data' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Portfolios' })).toBeNull();
  });

  it('starts the demo and lands on the browser with its portfolios', async () => {
    main.handlers['demo:start'] = () => ({
      profiles: [profileView({ demo: true, name: 'Demo data', baseUrl: 'http://127.0.0.1:4010' })],
      activeProfileId: 'p-1',
      notice: null,
    });
    main.handlers['portfolios:list'] = () => listing(12);
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Explore with demo data' }));
    expect(await screen.findByTestId('browser-screen')).toBeTruthy();
    expect(await screen.findByText('12 portfolios')).toBeTruthy();
    expect(main.channels()).toContain('demo:start');
  });

  it('shows why the demo did not start, in words', async () => {
    main.handlers['demo:start'] = () => {
      throw new AppError('KEYCHAIN_UNAVAILABLE');
    };
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Explore with demo data' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The system keychain did not answer');
    expect(alert.textContent).not.toContain('KEYCHAIN_UNAVAILABLE');
  });

  it('connects: checks the fields, tests each step, saves with the secret and activates', async () => {
    const user = userEvent.setup();
    main.handlers['auth:testConnection'] = () => ({
      ok: false,
      steps: [
        { id: 'reach', label: 'Reach the server', status: 'ok', detail: '127.0.0.1:4010 answered.' },
        {
          id: 'credentials',
          label: 'Sign in with the client ID and secret',
          status: 'failed',
          detail: 'The API rejected your client ID or secret (invalid_client). Check them in Settings.',
        },
        { id: 'api', label: 'Read the model portfolios', status: 'skipped', detail: 'Not tried.' },
      ],
    });
    main.handlers['profiles:save'] = () => profileView({ id: 'p-9', name: 'Acme' });
    main.handlers['profiles:activate'] = () => ({
      profiles: [profileView({ id: 'p-9', name: 'Acme' })],
      activeProfileId: 'p-9',
      notice: null,
    });
    main.handlers['portfolios:list'] = () => ({ ...listing(3), profileId: 'p-9' });
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Connect to your API…' }));
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    expect(screen.getByLabelText('Connection name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Connection name'));
    expect(main.channels()).not.toContain('profiles:save');

    await user.type(screen.getByLabelText('Connection name'), 'Acme');
    await user.type(screen.getByLabelText('Base URL'), 'http://127.0.0.1:4010/');
    await user.type(screen.getByLabelText('Client ID'), 'client-1');
    const secret = screen.getByLabelText('Client secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    await user.type(secret, 'wrong-secret');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = await screen.findByTestId('test-report');
    expect(within(report).getByTestId('test-step-credentials').textContent).toContain(
      'invalid_client). Check them in Settings.',
    );
    expect(main.lastArg('auth:testConnection')).toEqual({
      draft: {
        name: 'Acme',
        baseUrl: 'http://127.0.0.1:4010',
        clientId: 'client-1',
        tokenStyle: 'json',
        secret: 'wrong-secret',
      },
    });

    await user.click(screen.getByText('Advanced'));
    await user.click(screen.getByLabelText('RFC 6749 form, secret as HTTP Basic'));
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    await screen.findByTestId('browser-screen');
    expect(main.lastArg('profiles:save')).toMatchObject({ tokenStyle: 'form-basic', secret: 'wrong-secret' });
    expect(main.lastArg('profiles:activate')).toEqual({ profileId: 'p-9' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('browser', () => {
  it('searches, and counts what is shown', async () => {
    configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search portfolios' }), 'T7 ');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('1 of 30 portfolios'));
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('2');
  });

  it('filters by risk level and by the weights flag', async () => {
    configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    await userEvent.selectOptions(screen.getByLabelText('Risk level'), 'Aggressive');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('6 of 30 portfolios'));
    await userEvent.selectOptions(screen.getByLabelText('Risk level'), '');
    await userEvent.click(screen.getByLabelText('Weights not 100%'));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('1 of 30 portfolios'));
  });

  it('exports all, or the selection, and offers Show in folder', async () => {
    const main = configuredMain({
      'export:csv': () => ({
        status: 'saved',
        path: '/tmp/x/portfolios.csv',
        fileName: 'portfolios.csv',
        rows: 30,
        bytes: 4096,
      }),
      'export:showInFolder': () => true,
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('30 portfolios');
    await user.click(screen.getByRole('button', { name: 'Export list CSV…' }));
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toContain('Saved “portfolios.csv”');
    expect(notice.textContent).toContain('30 rows');
    expect(main.lastArg('export:csv')).toEqual({ kind: 'list', ids: 'all' });
    await user.click(within(notice).getByRole('button', { name: 'Show in folder' }));
    expect(main.lastArg('export:showInFolder')).toEqual({ path: '/tmp/x/portfolios.csv' });

    const rows = within(screen.getByRole('grid')).getAllByRole('row');
    await user.click(rows[1]!);
    await user.keyboard('{Shift>}');
    await user.click(rows[3]!);
    await user.keyboard('{/Shift}');
    expect(screen.getByTestId('selection-info').textContent).toContain('3 selected');
    expect((screen.getByTestId('export-scope') as HTMLSelectElement).value).toBe('selected');
    await user.click(screen.getByRole('button', { name: 'Export holdings CSV…' }));
    await waitFor(() =>
      expect(main.lastArg('export:csv')).toEqual({ kind: 'holdings', ids: ['mp-000001', 'mp-000002', 'mp-000003'] }),
    );
  });

  it('says nothing when the save dialog is cancelled, and shows an export error in words', async () => {
    const main = configuredMain({ 'export:csv': () => ({ status: 'cancelled' }) });
    render(<App />);
    await screen.findByText('30 portfolios');
    await userEvent.click(screen.getByRole('button', { name: 'Export list CSV…' }));
    await waitFor(() => expect(main.channels()).toContain('export:csv'));
    expect(screen.queryByTestId('notice')).toBeNull();
    main.handlers['export:csv'] = () => {
      throw new AppError('EXPORT_FAILED');
    };
    await userEvent.click(screen.getByRole('button', { name: 'Export list CSV…' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('The CSV file could not be written');
  });

  it('opens a portfolio with Enter and goes back with Escape', async () => {
    configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    const grid = screen.getByRole('grid');
    act(() => grid.focus());
    await userEvent.keyboard('{ArrowDown}{Enter}');
    const detail = await screen.findByTestId('detail-screen');
    expect(await within(detail).findByRole('heading', { name: 'Core Balanced', level: 2 })).toBeTruthy();
    expect(within(detail).getByTestId('weights-check').textContent).toMatch(/Weights sum to 100[.,]00\s?%/);
    const holdings = within(detail).getByTestId('holdings-table');
    const firstRow = within(holdings).getAllByRole('row')[1]!;
    expect(firstRow.textContent).toContain('VTI');
    expect(firstRow.textContent).toMatch(/40[.,]00\s?%/);
    await userEvent.keyboard('{Escape}');
    expect(await screen.findByTestId('browser-screen')).toBeTruthy();
  });

  it('lists again when main says the portfolios changed', async () => {
    const main = configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    main.handlers['portfolios:list'] = () => listing(40);
    act(() => main.emit('portfolios:changed', { profileId: 'p-1', syncedAt: '2025-06-30T16:00:00Z' }));
    expect(await screen.findByText('40 portfolios')).toBeTruthy();
  });
});

describe('status and connection', () => {
  it('shows offline since a time over the cached data, which stays browsable', async () => {
    const main = configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    act(() =>
      main.emit('connection:state', connectionState({ status: 'offline', offlineSince: '2025-06-30T15:30:00Z' })),
    );
    const banner = await screen.findByTestId('offline-banner');
    expect(banner.textContent).toMatch(/Offline since/);
    expect(banner.textContent).toContain('you can still browse and export it');
    expect(screen.getByTestId('status-label').textContent).toMatch(/^Offline since/);
    expect(screen.getAllByRole('row').length).toBeGreaterThan(10);
    // Main's retry runs: still offline (reconnecting), the banner does not flicker away.
    act(() =>
      main.emit(
        'connection:state',
        connectionState({ status: 'syncing', offlineSince: '2025-06-30T15:30:00Z', progress: null }),
      ),
    );
    expect(screen.getByTestId('offline-banner').textContent).toContain('Reconnecting…');
    expect(screen.getByTestId('status-label').textContent).toMatch(/^Offline since/);
  });

  it('shows the auth error’s fix and takes the user to Settings', async () => {
    const main = configuredMain();
    render(<App />);
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
    expect(await screen.findByTestId('settings-screen')).toBeTruthy();
  });

  it('shows syncing progress, the token’s expiry time (never a token) and Sync now', async () => {
    const main = configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    act(() =>
      main.emit(
        'connection:state',
        connectionState({ status: 'syncing', tokenValidUntil: '2025-07-01T15:00:00Z', progress: null }),
      ),
    );
    act(() => main.emit('sync:progress', { pages: 1, portfolios: 250, total: 1000, details: 0 }));
    expect(screen.getByTestId('status-connection').textContent).toMatch(/250 of 1[,.\s ]?000 portfolios/);
    expect((screen.getByRole('progressbar', { name: 'Sync progress' }) as HTMLProgressElement).value).toBe(0.25);
    expect(screen.getByTestId('status-token').textContent).toMatch(/valid until .*2025/);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel sync' }));
    expect(main.channels()).toContain('sync:cancel');
    act(() => main.emit('connection:state', connectionState()));
    await userEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('Synced 30 portfolios');
  });

  it('syncs when the network comes back, ignoring a sync already running', async () => {
    const main = configuredMain({
      'sync:now': () => {
        throw new AppError('SYNC_IN_PROGRESS');
      },
    });
    render(<App />);
    await screen.findByText('30 portfolios');
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(main.channels()).toContain('sync:now'));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});

describe('menu commands', () => {
  it('focus-search, open-settings, export-list and sync-now all work', async () => {
    const main = configuredMain({
      'export:csv': () => ({ status: 'saved', path: '/tmp/a.csv', fileName: 'a.csv', rows: 1, bytes: 10 }),
    });
    render(<App />);
    await screen.findByText('30 portfolios');
    act(() => main.emit('menu:command', 'open-settings'));
    expect(await screen.findByTestId('settings-screen')).toBeTruthy();
    act(() => main.emit('menu:command', 'focus-search'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox')));
    act(() => main.emit('menu:command', 'export-holdings'));
    await waitFor(() => expect(main.lastArg('export:csv')).toEqual({ kind: 'holdings', ids: 'all' }));
    act(() => main.emit('menu:command', 'sync-now'));
    await waitFor(() => expect(main.channels()).toContain('sync:now'));
  });

  it('exports the open portfolio from its detail view', async () => {
    const main = configuredMain({
      'export:csv': () => ({ status: 'saved', path: '/tmp/a.csv', fileName: 'a.csv', rows: 4, bytes: 10 }),
    });
    render(<App />);
    await screen.findByText('30 portfolios');
    await userEvent.click(screen.getAllByRole('button', { name: 'Portfolio 00005' })[0]!);
    await screen.findByRole('heading', { name: 'Core Balanced', level: 2 });
    act(() => main.emit('menu:command', 'export-list'));
    await waitFor(() => expect(main.lastArg('export:csv')).toEqual({ kind: 'list', ids: ['mp-000005'] }));
  });
});

describe('settings', () => {
  it('shows the About facts and never a secret', async () => {
    configuredMain();
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(await screen.findByTestId('app-version')).toBeTruthy();
    expect(screen.getByTestId('app-keychain').textContent).toBe('Available');
    expect(screen.getByText('Stored in the system keychain')).toBeTruthy();
  });

  it('deletes a connection only after confirming, then returns to the welcome screen', async () => {
    const main = configuredMain({
      'profiles:remove': () => ({ profiles: [], activeProfileId: null, notice: null }),
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Delete Acme Partners' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Acme Partners”?' });
    expect(dialog.textContent).toContain('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(main.channels()).not.toContain('profiles:remove');
    await user.click(screen.getByRole('button', { name: 'Delete Acme Partners' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete connection' }));
    expect(await screen.findByTestId('welcome-screen')).toBeTruthy();
    expect(main.lastArg('profiles:remove')).toEqual({ profileId: 'p-1' });
  });

  it('replaces the secret through a masked field, and signs out', async () => {
    const main = configuredMain({
      'profiles:setSecret': () => profileView(),
      'auth:signOut': () => profileView(),
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Replace the secret of Acme Partners' }));
    const field = screen.getByLabelText('New client secret') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(field.value).toBe('');
    await user.type(field, 'new-secret');
    await user.click(screen.getByRole('button', { name: 'Replace secret' }));
    await waitFor(() => expect(main.lastArg('profiles:setSecret')).toEqual({ profileId: 'p-1', secret: 'new-secret' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('Replaced the secret');
    await user.click(screen.getByRole('button', { name: 'Sign out of Acme Partners' }));
    await waitFor(() => expect(main.lastArg('auth:signOut')).toEqual({ profileId: 'p-1' }));
  });

  it('edits a connection without ever filling the secret', async () => {
    const main = configuredMain({ 'profiles:save': () => profileView({ name: 'Acme 2' }) });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Acme Partners' }));
    expect((screen.getByLabelText('Base URL') as HTMLInputElement).value).toBe('https://api.acme.test');
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
    await user.clear(screen.getByLabelText('Connection name'));
    await user.type(screen.getByLabelText('Connection name'), 'Acme 2');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByTestId('settings-screen');
    expect(main.lastArg('profiles:save')).toEqual({
      id: 'p-1',
      name: 'Acme 2',
      baseUrl: 'https://api.acme.test',
      clientId: 'client-1',
      tokenStyle: 'json',
    });
  });
});

describe('first run without a keychain', () => {
  it('says the keychain is unavailable, with the reason, on the welcome screen', async () => {
    new FakeMain({
      'app:info': () => ({
        ...appInfo,
        keychain: { available: false as const, reason: 'No Secret Service is running.' },
      }),
      'profiles:list': () => ({ profiles: [], activeProfileId: null, notice: null }),
      'connection:state': () => notConfiguredState,
    }).install();
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No Secret Service is running.');
    expect(screen.getByTestId('app-keychain').textContent).toBe('Unavailable: No Secret Service is running.');
    expect(document.title).toBe('Welcome — Model Portfolios');
  });
});

describe('following main', () => {
  it('follows a profile switch main made on its own, once', async () => {
    const main = configuredMain();
    render(<App />);
    await screen.findByText('30 portfolios');
    const other = profileView({ id: 'p-2', name: 'Other partner' });
    main.handlers['profiles:list'] = () => ({ profiles: [profileView(), other], activeProfileId: 'p-2', notice: null });
    main.handlers['portfolios:list'] = () => ({ ...listing(7), profileId: 'p-2' });
    act(() => main.emit('connection:state', connectionState({ profileId: 'p-2', profileName: 'Other partner' })));
    expect(await screen.findByText('7 portfolios')).toBeTruthy();
    expect(screen.getByTestId('status-profile').textContent).toContain('Other partner');
    const lists = main.channels().filter((channel) => channel === 'profiles:list').length;
    act(() => main.emit('connection:state', connectionState({ profileId: 'p-2', profileName: 'Other partner' })));
    await waitFor(() => expect(main.channels().filter((channel) => channel === 'profiles:list')).toHaveLength(lists));
  });
});
