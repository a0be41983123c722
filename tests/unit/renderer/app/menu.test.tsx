// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { configuredMain, firstRunMain } from '../support/app-fixtures';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

describe('menu commands', () => {
  it('focus-search, open-settings, export-list and sync-now all work', async () => {
    const main = configuredMain({
      'export:csv': () => ({ status: 'saved', path: '/tmp/a.csv', fileName: 'a.csv', rows: 1, bytes: 10 }),
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    act(() => main.emit('menu:command', 'open-settings'));
    await screen.findByTestId('settings-screen');
    expect(document.title).toBe('Settings — Model Portfolios');
    act(() => main.emit('menu:command', 'focus-search'));
    // The browser mounts again first (its list re-read): give a loaded machine time, this is no timing check.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox')), { timeout: 10_000 });
    act(() => main.emit('menu:command', 'export-holdings'));
    await waitFor(() => expect(main.lastArg('export:csv')).toEqual({ kind: 'holdings', ids: 'all' }));
    act(() => main.emit('menu:command', 'sync-now'));
    await waitFor(() => expect(main.channels()).toContain('sync:now'));
  });

  it('exports the open portfolio from its detail view', async () => {
    const main = configuredMain({
      'export:csv': () => ({ status: 'saved', path: '/tmp/a.csv', fileName: 'a.csv', rows: 4, bytes: 10 }),
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    await userEvent.click(screen.getAllByRole('button', { name: 'Portfolio 00005' })[0]!);
    await screen.findByRole('heading', { name: 'Core Balanced', level: 2 });
    act(() => main.emit('menu:command', 'export-list'));
    await waitFor(() => expect(main.lastArg('export:csv')).toEqual({ kind: 'list', ids: ['mp-000005'] }));
  });

  it('says what to do when there is no connection yet, in the catalog’s words', async () => {
    const main = firstRunMain();
    renderApp(main);
    await screen.findByTestId('welcome-screen');
    act(() => main.emit('menu:command', 'export-list'));
    expect((await screen.findByTestId('notice')).textContent).toContain(
      'No connection is set up yet. Connect to your API or explore with demo data.',
    );
    act(() => main.emit('menu:command', 'sync-now'));
    act(() => main.emit('menu:command', 'focus-search'));
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(document.title).toBe('Welcome — Model Portfolios');
    expect(main.channels()).not.toContain('sync:now');
  });

  it('focuses the search box with / from another screen, and types it once in a text field', async () => {
    renderApp(configuredMain());
    await screen.findByText('30 portfolios');
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByTestId('settings-screen');
    await userEvent.keyboard('/');
    // The browser mounts again first (its list re-read): give a loaded machine time, this is no timing check.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox')), { timeout: 10_000 });
    await userEvent.keyboard('/');
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('/');
  });
});
