// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/result';
import { appInfo, firstRunMain, listing } from '../support/app-fixtures';
import { profilesState, profileView } from '../support/fake-main';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

describe('first run', () => {
  it('opens on the welcome screen with both paths', async () => {
    renderApp(firstRunMain());
    const welcome = await screen.findByTestId('welcome-screen');
    expect(within(welcome).getByRole('heading', { level: 2 }).textContent).toBe('Welcome to Model Portfolios');
    expect(
      within(welcome)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Connect to your API…', 'Explore with demo data']);
    expect(screen.queryByRole('button', { name: 'Portfolios' })).toBeNull();
  });

  it('starts the demo and lands on the browser with its portfolios', async () => {
    const demo = profileView({ demo: true, name: 'Demo data', baseUrl: 'http://127.0.0.1:4010' });
    const main = firstRunMain({
      'demo:start': () => {
        main.publishProfiles(profilesState(demo), demo.id);
        return demo;
      },
      'portfolios:list': () => listing(12),
    });
    renderApp(main);
    await userEvent.click(await screen.findByRole('button', { name: 'Explore with demo data' }));
    await screen.findByTestId('browser-screen');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('12 portfolios'));
    expect(screen.getByTestId('status-profile').textContent).toContain('Demo data');
    expect(main.channels()).toContain('demo:start');
  });

  it('shows why the demo did not start, in words', async () => {
    renderApp(
      firstRunMain({
        'demo:start': () => {
          throw new AppError('KEYCHAIN_UNAVAILABLE');
        },
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Explore with demo data' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The system keychain did not answer');
    expect(alert.textContent).not.toContain('KEYCHAIN_UNAVAILABLE');
  });

  it('connects: checks the fields, tests each step, saves with the secret, and the first profile is in use', async () => {
    const user = userEvent.setup();
    const acme = profileView({ id: 'p-9', name: 'Acme' });
    const main = firstRunMain({
      'auth:testConnection': () => ({
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
      }),
      // Main makes the first profile saved the active one, and says so.
      'profiles:save': () => {
        main.publishProfiles(profilesState(acme), acme.id);
        return acme;
      },
      'portfolios:list': () => listing(3, 'p-9'),
    });
    renderApp(main);
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
        network: { mode: 'system' },
        secret: 'wrong-secret',
      },
    });

    await user.click(screen.getByText('Advanced'));
    await user.click(screen.getByLabelText('RFC 6749 form, secret as HTTP Basic'));
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    await screen.findByTestId('browser-screen');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('3 portfolios'));
    expect(main.lastArg('profiles:save')).toMatchObject({ tokenStyle: 'form-basic', secret: 'wrong-secret' });
    expect(main.channels()).not.toContain('profiles:activate');
    expect(screen.getByTestId('status-profile').textContent).toContain('Acme');
    expect((await screen.findByTestId('notice')).textContent).toContain('Connected “Acme”.');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('first run without a keychain', () => {
  it('says the keychain is unavailable, with the reason, on the welcome screen', async () => {
    renderApp(
      firstRunMain({
        'app:info': () => ({ ...appInfo, keychain: { available: false, reason: 'No Secret Service is running.' } }),
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No Secret Service is running.');
    expect(screen.getByTestId('app-keychain').textContent).toBe('Unavailable: No Secret Service is running.');
    expect(document.title).toBe('Welcome — Model Portfolios');
  });
});
