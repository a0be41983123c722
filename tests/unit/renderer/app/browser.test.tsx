// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/result';
import { configuredMain, listing } from '../support/app-fixtures';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

describe('browser', () => {
  it('searches, and counts what is shown', async () => {
    renderApp(configuredMain());
    await screen.findByText('30 portfolios');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search portfolios' }), 'T7 ');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('1 of 30 portfolios'));
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('2');
  });

  it('filters by risk level and by the weights flag', async () => {
    renderApp(configuredMain());
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
    renderApp(main);
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
    renderApp(main);
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

  it('opens a portfolio with Enter and goes back with Escape, to the same cursor', async () => {
    renderApp(configuredMain());
    await screen.findByText('30 portfolios');
    const grid = screen.getByRole('grid');
    act(() => grid.focus());
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    const detail = await screen.findByTestId('detail-screen');
    expect((await within(detail).findByRole('heading', { level: 2 })).textContent).toBe('Core Balanced');
    expect(within(detail).getByTestId('weights-check').textContent).toMatch(/Weights sum to 100[.,]00\s?%/);
    const holdings = within(detail).getByTestId('holdings-table');
    const firstRow = within(holdings).getAllByRole('row')[1]!;
    expect(firstRow.textContent).toContain('VTI');
    expect(firstRow.textContent).toMatch(/40[.,]00\s?%/);
    await userEvent.keyboard('{Escape}');
    await screen.findByTestId('browser-screen');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('grid')));
    expect(screen.getByRole('grid').getAttribute('aria-activedescendant')).toBe('pt-row-2');
  });

  it('lists again when main says the portfolios changed, and reads an open portfolio again', async () => {
    const main = configuredMain();
    renderApp(main);
    await screen.findByText('30 portfolios');
    main.handlers['portfolios:list'] = () => listing(40);
    act(() => main.emit('portfolios:changed', { profileId: 'p-1', syncedAt: '2025-06-30T16:00:00Z' }));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('40 portfolios'));

    await userEvent.click(screen.getAllByRole('button', { name: 'Portfolio 00002' })[0]!);
    await screen.findByRole('heading', { name: 'Core Balanced', level: 2 });
    const reads = main.count('portfolios:get');
    main.handlers['portfolios:get'] = () => {
      throw new AppError('NOT_FOUND', 'That portfolio is not in the data on hand. Sync to refresh the list.');
    };
    act(() => main.emit('portfolios:changed', { profileId: 'p-1', syncedAt: '2025-06-30T17:00:00Z' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not in the data on hand');
    expect(main.count('portfolios:get')).toBe(reads + 1);
    expect(screen.queryByRole('heading', { name: 'Core Balanced', level: 2 })).toBeNull();
  });

  it('says there is no data to export, in the catalog’s words, before any sync', async () => {
    const main = configuredMain({
      'portfolios:list': () => ({ profileId: 'p-1', syncedAt: null, portfolios: [], issues: [] }),
    });
    renderApp(main);
    const empty = (await screen.findByText('There is no data yet.')).parentElement!;
    expect(within(empty).getByRole('button').textContent).toBe('Sync now');
    act(() => main.emit('menu:command', 'export-list'));
    expect((await screen.findByTestId('notice')).textContent).toContain(
      'There is no data yet. Sync to download the model portfolios.',
    );
    expect(main.channels()).not.toContain('export:csv');
  });
});
