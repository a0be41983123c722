// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { appInfo, configuredMain, listing } from '../support/app-fixtures';
import { profilesState, profileView } from '../support/fake-main';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

describe('settings', () => {
  it('shows the About facts and never a secret', async () => {
    renderApp(configuredMain());
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect((await screen.findByTestId('app-version')).textContent).toBe(appInfo.version);
    expect(screen.getByTestId('app-keychain').textContent).toBe('Available');
    const secret = within(screen.getByTestId('profile-item')).getByText('Client secret').nextElementSibling;
    expect(secret?.textContent).toBe('Stored in the system keychain');
  });

  it('deletes a connection only after confirming, then returns to the welcome screen', async () => {
    const main = configuredMain({
      'profiles:remove': ({ profileId }) => {
        main.publishProfiles(profilesState(), profileId);
        return { profileId };
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Delete Acme Partners' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Acme Partners”?' });
    expect(dialog.textContent).toContain('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(main.channels()).not.toContain('profiles:remove');
    await user.click(screen.getByRole('button', { name: 'Delete Acme Partners' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete connection' }));
    await screen.findByTestId('welcome-screen');
    expect(document.title).toBe('Welcome — Model Portfolios');
    expect(main.lastArg('profiles:remove')).toEqual({ profileId: 'p-1' });
    expect(screen.getByTestId('notice').textContent).toContain('Deleted “Acme Partners”');
  });

  it('replaces the secret through a masked field, and signs out', async () => {
    const main = configuredMain({
      'profiles:setSecret': ({ profileId }) => {
        main.publishProfiles(profilesState(profileView()), profileId);
        return profileView();
      },
      'auth:signOut': ({ profileId }) => {
        main.publishProfiles(profilesState(profileView()), profileId);
        return profileView();
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Replace the secret of Acme Partners' }));
    const field = screen.getByLabelText('New client secret') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(field.value).toBe('');
    await user.type(field, 'new-secret');
    await user.click(screen.getByRole('button', { name: 'Replace secret' }));
    await waitFor(() => expect(main.lastArg('profiles:setSecret')).toEqual({ profileId: 'p-1', secret: 'new-secret' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('Replaced the secret');
    expect(screen.queryByRole('dialog')).toBeNull();
    // Main signs in again by itself: the renderer asks for no sync.
    expect(main.channels()).not.toContain('sync:now');
    await user.click(screen.getByRole('button', { name: 'Sign out of Acme Partners' }));
    await waitFor(() => expect(main.lastArg('auth:signOut')).toEqual({ profileId: 'p-1' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('Signed out of “Acme Partners”');
  });

  it('edits a connection without ever filling the secret, and shows the new name', async () => {
    const main = configuredMain({
      'profiles:save': (draft) => {
        const saved = profileView({ name: draft.name });
        main.publishProfiles(profilesState(saved), saved.id);
        return saved;
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Acme Partners' }));
    expect((screen.getByLabelText('Base URL') as HTMLInputElement).value).toBe('https://api.acme.test');
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
    await user.clear(screen.getByLabelText('Connection name'));
    await user.type(screen.getByLabelText('Connection name'), 'Acme 2');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const settings = await screen.findByTestId('settings-screen');
    expect(main.lastArg('profiles:save')).toEqual({
      id: 'p-1',
      name: 'Acme 2',
      baseUrl: 'https://api.acme.test',
      clientId: 'client-1',
      tokenStyle: 'json',
      network: { mode: 'system' },
    });
    expect(
      within(settings)
        .getAllByRole('heading', { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(['Acme 2']);
    expect(screen.getByTestId('status-profile').textContent).toContain('Acme 2');
  });

  it('switches to a connection added while another is in use', async () => {
    const acme = profileView();
    const beta = profileView({ id: 'p-2', name: 'Beta' });
    const main = configuredMain({
      'profiles:save': () => {
        main.publishProfiles(profilesState(acme, beta), beta.id);
        return beta;
      },
      'profiles:activate': ({ profileId }) => {
        main.publishProfiles({ ...profilesState(acme, beta), activeProfileId: profileId }, profileId);
        return beta;
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Add connection…' }));
    await user.type(screen.getByLabelText('Connection name'), 'Beta');
    await user.type(screen.getByLabelText('Base URL'), 'https://api.beta.test');
    await user.type(screen.getByLabelText('Client ID'), 'client-2');
    await user.type(screen.getByLabelText('Client secret'), 'beta-secret');
    main.handlers['portfolios:list'] = () => listing(5, 'p-2');
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('5 portfolios'));
    expect(main.lastArg('profiles:activate')).toEqual({ profileId: 'p-2' });
    expect(screen.getByTestId('status-profile').textContent).toContain('Beta');
  });
});
