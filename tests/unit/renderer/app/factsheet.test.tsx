// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FactsheetOutcome } from '../../../../common/factsheet';
import { AppError } from '../../../../common/result';
import { configuredMain } from '../support/app-fixtures';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

/** Opens "Core Balanced" (mp-000005) from the list. */
async function openDetail() {
  await screen.findByText('30 portfolios');
  await userEvent.click(screen.getAllByRole('button', { name: 'Portfolio 00005' })[0]!);
  await screen.findByRole('heading', { name: 'Core Balanced', level: 2 });
}

const saved: FactsheetOutcome = {
  status: 'saved',
  path: '/tmp/Core Balanced factsheet 2026-03-01.pdf',
  fileName: 'Core Balanced factsheet 2026-03-01.pdf',
  pageSize: 'A4',
  bytes: 48_200,
};

// The factsheet asks main to print once its chart has drawn (at most a few seconds in a slow DOM).
describe('Print / Save as PDF on the detail screen', { timeout: 30_000 }, () => {
  it('shows the factsheet of this portfolio before main prints, and takes it away after', async () => {
    let onPageWhileSaving: HTMLElement | null = null;
    const main = configuredMain({
      'factsheet:savePdf': () => {
        // What main prints: the factsheet of the portfolio in the request, with its holdings.
        onPageWhileSaving = document
          .querySelector<HTMLElement>('[data-testid="factsheet"]')
          ?.cloneNode(true) as HTMLElement;
        return saved;
      },
      'export:showInFolder': () => true,
    });
    renderApp(main);
    await openDetail();
    expect(screen.queryByTestId('factsheet')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Print / Save as PDF…' }));
    await waitFor(() => expect(main.count('factsheet:savePdf')).toBe(1), { timeout: 10_000 });
    expect(main.lastArg('factsheet:savePdf')).toEqual({ id: 'mp-000005' });
    const factsheet = onPageWhileSaving as HTMLElement | null;
    expect(factsheet).not.toBeNull();
    expect(within(factsheet!).getByRole('heading', { level: 1 }).textContent).toBe('Core Balanced');
    const rows = within(factsheet!).getByTestId('factsheet-holdings').querySelectorAll('tbody tr');
    expect(rows.length).toBeGreaterThan(0);
    expect(within(factsheet!).getByText(/^Generated /)).toBeTruthy();
    expect(within(factsheet!).getByText('Data as of')).toBeTruthy();
    // Outside the app's root, so the print stylesheet can hide everything else.
    await waitFor(() => expect(screen.queryByTestId('factsheet')).toBeNull());

    const status = screen.getByTestId('factsheet-status');
    expect(status.textContent).toContain('Saved “Core Balanced factsheet 2026-03-01.pdf” (A4,');
    await userEvent.click(within(status).getByRole('button', { name: 'Show in folder' }));
    await waitFor(() => expect(main.lastArg('export:showInFolder')).toEqual({ path: saved.path }));
  });

  it('sends the paper chosen, and none when it is automatic', async () => {
    const main = configuredMain({ 'factsheet:savePdf': () => ({ ...saved, pageSize: 'Letter' }) });
    renderApp(main);
    await openDetail();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Paper' }), 'US Letter');
    await userEvent.click(screen.getByRole('button', { name: 'Print / Save as PDF…' }));
    await waitFor(() => expect(main.lastArg('factsheet:savePdf')).toEqual({ id: 'mp-000005', pageSize: 'Letter' }), {
      timeout: 10_000,
    });
    expect((await screen.findByTestId('factsheet-status')).textContent).toContain('(US Letter,');
  });

  it('says nothing on a cancel, and main’s words on a failure; the button comes back either way', async () => {
    const answers: Array<() => FactsheetOutcome> = [
      () => ({ status: 'cancelled' }),
      () => {
        throw new AppError('FACTSHEET_PRINT_FAILED');
      },
    ];
    const main = configuredMain({ 'factsheet:savePdf': () => answers.shift()!() });
    renderApp(main);
    await openDetail();
    const button = screen.getByRole('button', { name: 'Print / Save as PDF…' });
    await userEvent.click(button);
    await waitFor(() => expect(main.count('factsheet:savePdf')).toBe(1), { timeout: 10_000 });
    await waitFor(() => expect(screen.queryByTestId('factsheet')).toBeNull());
    expect(screen.getByTestId('factsheet-status').textContent).toBe('');
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Print / Save as PDF…' }) as HTMLButtonElement).disabled).toBe(false),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Print / Save as PDF…' }));
    const failure = await screen.findByText(/could not be turned into a PDF/, undefined, { timeout: 10_000 });
    expect(failure.textContent).toContain('Try again');
    expect(screen.queryByTestId('factsheet')).toBeNull();
  });
});
