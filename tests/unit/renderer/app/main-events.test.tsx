// @vitest-environment happy-dom
// The renderer shows main's facts as main publishes them: a profile change reaches every view through
// `profiles:changed` alone, `connection:state` is the whole state each time, and nothing the renderer
// did is patched into what it shows.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../common/connection-state';
import type { ProfileView } from '../../../../common/profile';
import { configuredMain, listing } from '../support/app-fixtures';
import { connectionState, profilesState, profileView } from '../support/fake-main';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

/** Lets every pending promise and queued notification run (one macrotask). */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

describe('following main', () => {
  it('follows a profile switch main made on its own, from its events, and starts the browser afresh', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search portfolios' }), 'T7');
    const other = profileView({ id: 'p-2', name: 'Other partner' });
    main.handlers['portfolios:list'] = () => listing(7, 'p-2');
    act(() => {
      main.publishProfiles({ ...profilesState(profileView(), other), activeProfileId: 'p-2' }, 'p-2');
      main.emit('portfolios:changed', { profileId: 'p-2', syncedAt: null });
      main.emit('connection:state', connectionState({ status: 'online', profileId: 'p-2' }));
    });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('7 portfolios'));
    expect(screen.getByTestId('status-profile').textContent).toContain('Other partner');
    expect((screen.getByRole('searchbox', { name: 'Search portfolios' }) as HTMLInputElement).value).toBe('');
  });

  it('reads nothing again on a connection state alone (no guessing the profile from it)', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    const lists = main.count('profiles:list');
    act(() => main.emit('connection:state', connectionState({ status: 'online', profileId: 'p-2' })));
    await settle();
    expect(main.count('profiles:list')).toBe(lists);
    expect(screen.getByTestId('status-profile').textContent).toContain('Acme Partners');
  });

  it('keeps main’s connection state when it arrives while the first read is still under way', async () => {
    let answer: (state: ConnectionState) => void = () => {};
    const main = configuredMain({
      'connection:state': () => new Promise<ConnectionState>((resolve) => (answer = resolve)),
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    await waitFor(() => expect(main.count('connection:state')).toBe(1));
    const error = { code: 'NETWORK_UNREACHABLE' as const, message: 'The API could not be reached.', retryable: true };
    act(() =>
      main.emit(
        'connection:state',
        connectionState({ status: 'offline', offlineSince: '2025-06-30T15:30:00Z', error }),
      ),
    );
    await act(async () => answer(connectionState()));
    await settle();
    expect(screen.getByTestId('status-label').textContent).toMatch(/^Offline since/);
    expect(screen.getByTestId('offline-banner').textContent).toContain('you can still browse and export it');
  });
});

describe('a profile change reaches the status bar and Settings through events alone', () => {
  it('signs out: nothing changes on the answer, everything on main’s event, with no re-list of its own', async () => {
    const signedIn = profileView({ tokenValidUntil: '2025-07-01T15:00:00Z' });
    const signedOut = profileView({ tokenValidUntil: null });
    let reply: (view: ProfileView) => void = () => {};
    const main = configuredMain({
      'profiles:list': () => profilesState(signedIn),
      // Main's answer, given by the test; its event is sent separately below.
      'auth:signOut': () => new Promise<ProfileView>((resolve) => (reply = resolve)),
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    expect(screen.getByTestId('status-token').textContent).toMatch(/valid until .*2025/);
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const item = (await screen.findAllByTestId('profile-item'))[0]!;
    expect(within(item).getByTestId('profile-token').textContent).toMatch(/^Valid until/);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Acme Partners' }));
    await waitFor(() => expect(main.lastArg('auth:signOut')).toEqual({ profileId: 'p-1' }));
    const lists = main.count('profiles:list');
    // The answer names the profile signed out of; the renderer copies nothing from it and reads nothing.
    await act(async () => reply(signedOut));
    await settle();
    expect(main.count('profiles:list')).toBe(lists);
    expect(screen.getByTestId('status-token').textContent).toMatch(/valid until/);
    expect(within(item).getByTestId('profile-token').textContent).toMatch(/^Valid until/);
    expect(screen.queryByTestId('notice')).toBeNull();

    // Main publishes the change: the renderer lists once, and both views follow.
    act(() => main.publishProfiles(profilesState(signedOut), 'p-1'));
    await waitFor(() => expect(screen.getByTestId('status-token').textContent).toBe('Token none'));
    expect(within(item).getByTestId('profile-token').textContent).toBe('None (the app signs in at the next sync)');
    expect(main.count('profiles:list')).toBe(lists + 1);
    expect((await screen.findByTestId('notice')).textContent).toContain('Signed out of “Acme Partners”');
  });

  it('shows a token main obtained on its own (a sync signed in), in both places', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const item = (await screen.findAllByTestId('profile-item'))[0]!;
    expect(within(item).getByTestId('profile-token').textContent).toBe('None (the app signs in at the next sync)');
    expect(screen.getByTestId('status-token').textContent).toBe('Token none');
    act(() => main.publishProfiles(profilesState(profileView({ tokenValidUntil: '2025-07-01T15:00:00Z' })), 'p-1'));
    await waitFor(() => expect(screen.getByTestId('status-token').textContent).toMatch(/valid until .*2025/));
    expect(within(item).getByTestId('profile-token').textContent).toMatch(/^Valid until .*2025/);
  });
});
