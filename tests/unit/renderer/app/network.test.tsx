// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProxySignInRequest } from '../../../../common/proxy-sign-in';
import { configuredMain } from '../support/app-fixtures';
import { connectionState, profilesState, profileView } from '../support/fake-main';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

const question: ProxySignInRequest = { id: 7, host: 'proxy.corp', port: 3128, realm: 'Corp', reason: 'required' };

function signInDialog(): HTMLElement {
  return screen.getByRole('dialog', { name: 'Sign in to the proxy' });
}

describe('proxy sign-in dialog', () => {
  it('asks when main publishes a question, sends the answer once, and closes on main’s word', async () => {
    const main = configuredMain({ 'proxy:signIn': () => true });
    const user = userEvent.setup();
    renderApp(main);
    await screen.findByText('30 portfolios');
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => main.emit('proxy:signInRequested', question));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in to the proxy' });
    expect(dialog.textContent).toContain('proxy.corp:3128');
    expect(dialog.textContent).toContain('“Corp”');
    expect(within(dialog).queryByTestId('proxy-sign-in-wrong')).toBeNull();
    const password = within(dialog).getByLabelText('Proxy password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');

    await user.type(within(dialog).getByLabelText('Proxy user name'), 'ann');
    await user.type(password, 'pw-1');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(main.lastArg('proxy:signIn')).toEqual({ id: 7, username: 'ann', password: 'pw-1' }));
    // Write-only: the field is emptied as soon as it is sent.
    expect(password.value).toBe('');
    expect(main.count('proxy:signIn')).toBe(1);

    act(() => main.emit('proxy:signInRequested', null));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('asks again after a wrong password, saying so, with the user name kept and the password empty', async () => {
    const main = configuredMain({ 'proxy:signIn': () => true });
    const user = userEvent.setup();
    renderApp(main);
    await screen.findByText('30 portfolios');
    act(() => main.emit('proxy:signInRequested', question));
    await user.type(within(await screen.findByRole('dialog')).getByLabelText('Proxy user name'), 'ann');
    await user.type(within(signInDialog()).getByLabelText('Proxy password'), 'wrong');
    await user.click(within(signInDialog()).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(main.count('proxy:signIn')).toBe(1));

    act(() => main.emit('proxy:signInRequested', { ...question, id: 8, reason: 'wrong' }));
    await waitFor(() => expect(within(signInDialog()).queryByTestId('proxy-sign-in-wrong')).not.toBeNull());
    expect(within(signInDialog()).getByTestId('proxy-sign-in-wrong').textContent).toContain(
      'did not accept that user name and password',
    );
    expect((within(signInDialog()).getByLabelText('Proxy user name') as HTMLInputElement).value).toBe('ann');
    expect((within(signInDialog()).getByLabelText('Proxy password') as HTMLInputElement).value).toBe('');
    await user.type(within(signInDialog()).getByLabelText('Proxy password'), 'right');
    await user.click(within(signInDialog()).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(main.lastArg('proxy:signIn')).toEqual({ id: 8, username: 'ann', password: 'right' }));
  });

  it('cancels with the question’s id (button or Escape), and checks the user name before sending', async () => {
    const main = configuredMain({ 'proxy:cancelSignIn': () => true });
    const user = userEvent.setup();
    renderApp(main);
    await screen.findByText('30 portfolios');
    act(() => main.emit('proxy:signInRequested', question));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Enter the proxy user name.');
    expect(main.channels()).not.toContain('proxy:signIn');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(main.lastArg('proxy:cancelSignIn')).toEqual({ id: 7 }));

    act(() => main.emit('proxy:signInRequested', { ...question, id: 9 }));
    await waitFor(() => expect(within(signInDialog()).getByLabelText('Proxy user name')).toBeTruthy());
    signInDialog().dispatchEvent(new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(main.lastArg('proxy:cancelSignIn')).toEqual({ id: 9 }));
  });

  it('shows a question main asked before the window opened', async () => {
    const main = configuredMain({ 'proxy:current': () => ({ ...question, realm: undefined }) as ProxySignInRequest });
    renderApp(main);
    const dialog = await screen.findByRole('dialog', { name: 'Sign in to the proxy' });
    expect(dialog.textContent).toContain('proxy.corp:3128');
    expect(main.count('proxy:current')).toBe(1);
  });

  it('reads main’s current question again when its answer came too late', async () => {
    let current: ProxySignInRequest | null = question;
    const main = configuredMain({ 'proxy:current': () => current, 'proxy:signIn': () => false });
    const user = userEvent.setup();
    renderApp(main);
    await screen.findByRole('dialog');
    current = null;
    await user.type(within(signInDialog()).getByLabelText('Proxy user name'), 'ann');
    await user.click(within(signInDialog()).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(main.count('proxy:current')).toBe(2);
  });
});

describe('network settings and proxy errors', () => {
  it('edits a connection’s network: manual proxy checked in words, then saved with its bypass list', async () => {
    const manual = profileView({
      network: { mode: 'manual', proxyUrl: 'http://proxy.corp:3128', bypass: ['.internal'] },
    });
    const main = configuredMain({
      'profiles:list': () => profilesState(manual),
      'profiles:save': (draft) => {
        const saved = profileView({ network: draft.network });
        main.publishProfiles(profilesState(saved), saved.id);
        return saved;
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Acme Partners' }));
    const network = screen.getByTestId('network-fields');
    expect((within(network).getByLabelText(/Manual proxy/) as HTMLInputElement).checked).toBe(true);
    const address = within(network).getByLabelText('Proxy address') as HTMLInputElement;
    expect(address.value).toBe('http://proxy.corp:3128');
    expect((within(network).getByLabelText('Go direct to these hosts') as HTMLTextAreaElement).value).toBe('.internal');

    await user.clear(address);
    await user.type(address, 'http://ann:pw@proxy.corp:3128');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(within(network).getByText(/Leave the user name and password out/)).toBeTruthy();
    expect(main.channels()).not.toContain('profiles:save');
    expect(document.activeElement).toBe(address);

    await user.clear(address);
    await user.type(address, 'proxy.corp:8080');
    await user.type(within(network).getByLabelText('Go direct to these hosts'), '\n10.0.0.0/8');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByTestId('settings-screen');
    expect(main.lastArg('profiles:save')).toMatchObject({
      network: { mode: 'manual', proxyUrl: 'proxy.corp:8080', bypass: ['.internal', '10.0.0.0/8'] },
    });
  });

  it('picks “No proxy” for a new connection, and shows which way Test connection went', async () => {
    const main = configuredMain({
      'auth:testConnection': () => ({
        ok: true,
        steps: [
          { id: 'reach', label: 'Reach the server', status: 'ok', detail: 'Reached 127.0.0.1:4010 directly.' },
          { id: 'credentials', label: 'Sign in', status: 'ok', detail: 'Signed in.' },
          { id: 'api', label: 'Read', status: 'ok', detail: '3 portfolios.' },
        ],
      }),
    });
    const user = userEvent.setup();
    renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Add connection…' }));
    const network = screen.getByTestId('network-fields');
    expect((within(network).getByLabelText(/Use the system’s proxy settings/) as HTMLInputElement).checked).toBe(true);
    expect(within(network).queryByLabelText('Proxy address')).toBeNull();
    await user.click(within(network).getByLabelText(/No proxy/));
    await user.type(screen.getByLabelText('Connection name'), 'Local');
    await user.type(screen.getByLabelText('Base URL'), 'http://127.0.0.1:4010');
    await user.type(screen.getByLabelText('Client ID'), 'client-1');
    await user.type(screen.getByLabelText('Client secret'), 'secret-1');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const reach = await screen.findByTestId('test-step-reach');
    expect(reach.textContent).toContain('Reached 127.0.0.1:4010 directly.');
    expect(main.lastArg('auth:testConnection')).toMatchObject({ draft: { network: { mode: 'none' } } });
  });

  it('shows a proxy that cannot be reached as offline over the cached data, in its words', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    const message = 'The proxy at proxy.corp:3128 could not be reached. Check the proxy in Settings.';
    act(() =>
      main.emit(
        'connection:state',
        connectionState({
          status: 'offline',
          offlineSince: '2025-06-30T15:30:00Z',
          error: { code: 'PROXY_UNREACHABLE', message, retryable: true },
        }),
      ),
    );
    const banner = await screen.findByTestId('offline-banner');
    expect(within(banner).getByTestId('offline-reason').textContent).toContain(message);
    expect(banner.textContent).toContain('you can still browse and export it');
    expect(screen.getByTestId('status-connection').textContent).toContain('The proxy could not be reached.');
    expect(screen.getAllByRole('row').length).toBeGreaterThan(10);
  });

  it.each([
    ['PROXY_AUTH_REQUIRED', 'Sign-in to the proxy at proxy.corp:3128 was cancelled, so the API could not be reached.'],
    ['PROXY_REFUSED', 'The proxy at proxy.corp:3128 refused to connect the app to api.acme.test:443 (403).'],
    ['PROXY_AUTH_UNSUPPORTED', 'The proxy at proxy.corp:3128 accepts only NTLM, Negotiate sign-in.'],
  ] as const)('shows %s in the banner in its words, with Try again', async (code, message) => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    act(() =>
      main.emit('connection:state', connectionState({ status: 'error', error: { code, message, retryable: false } })),
    );
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain(message);
    expect(within(banner).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('Settings → Proxy sign-ins', () => {
  it('lists the proxies whose password is kept, forgets one, and reads the list again on main’s event', async () => {
    let kept = [
      { host: 'proxy.corp', port: 3128 },
      { host: '::1', port: 8080 },
    ];
    const main = configuredMain({
      'proxy:savedSignIns': () => kept,
      'proxy:forgetSignIn': ({ host, port }) => {
        const before = kept.length;
        kept = kept.filter((proxy) => proxy.host !== host || proxy.port !== port);
        main.emit('proxy:savedSignInsChanged', {});
        return kept.length < before;
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    await screen.findByText('30 portfolios');
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const panel = await screen.findByTestId('proxy-sign-ins');
    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(2));
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['proxy.corp:3128Forget', '[::1]:8080Forget']);

    await user.click(within(panel).getByRole('button', { name: 'Forget the password for proxy.corp:3128' }));
    await waitFor(() => expect(main.lastArg('proxy:forgetSignIn')).toEqual({ host: 'proxy.corp', port: 3128 }));
    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(1));
    expect(within(panel).getByRole('listitem').textContent).toContain('[::1]:8080');
    expect(await screen.findByText(/Forgot the password for the proxy at proxy\.corp:3128/)).toBeTruthy();

    // A sign-in kept (or dropped) elsewhere reaches the list through the event alone.
    kept = [];
    act(() => main.emit('proxy:savedSignInsChanged', {}));
    expect(await within(panel).findByText('No proxy password is kept.')).toBeTruthy();
    expect(main.count('proxy:forgetSignIn')).toBe(1);
  });
});
