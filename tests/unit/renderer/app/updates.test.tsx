// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/result';
import type { UpdateState } from '../../../../common/update-state';
import { configuredMain } from '../support/app-fixtures';
import type { FakeMain } from '../support/fake-main';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';
import { updateRelease, updateState } from '../support/update-fixtures';

useFakeLayout();

/** Main moves to a new update state: `update:state` answers it and the event carries it, as the UpdateService does. */
function publish(main: FakeMain, state: UpdateState): UpdateState {
  main.handlers['update:state'] = () => state;
  act(() => main.emit('update:state', state));
  return state;
}

const slot = () => screen.getByTestId('status-update');

async function openUpdateSettings(): Promise<HTMLElement> {
  await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return screen.findByTestId('update-settings');
}

describe('updates in the status bar', () => {
  it('stays quiet while checking and when up to date', async () => {
    const main = configuredMain({ 'update:state': () => updateState({ phase: 'checking' }) });
    renderApp(main);
    const summary = within(await openUpdateSettings()).getByTestId('update-summary');
    expect(summary.textContent).toBe('Checking for updates…');
    expect(slot().textContent).toBe('');
    publish(main, updateState({ phase: 'up-to-date' }));
    await waitFor(() => expect(summary.textContent).toMatch(/^You have the latest version/));
    expect(slot().textContent).toBe('');
    expect(within(slot()).queryByRole('button')).toBeNull();
  });

  it('goes available → Download (mode ask) → progress → Restart to update, which only the click sends', async () => {
    const release = updateRelease();
    const main = configuredMain({
      'update:state': () => updateState({ phase: 'available', release, waitingFor: null }, { mode: 'ask' }),
      'update:download': () =>
        publish(main, updateState({ phase: 'available', release, waitingFor: 'sync' }, { mode: 'ask' })),
      'update:restart': () => publish(main, updateState({ phase: 'installing', release, waitingFor: null })),
    });
    const user = userEvent.setup();
    renderApp(main);
    await waitFor(() => expect(screen.getByTestId('update-label').textContent).toBe('Update 0.2.0 available'));
    const whatsNew = screen.getByTestId('update-whats-new');
    expect(whatsNew.textContent).toBe('· What’s new: Exports keep your column order');
    expect(whatsNew.title).toBe('Exports keep your column order');

    await user.click(within(slot()).getByRole('button', { name: 'Download' }));
    expect(main.count('update:download')).toBe(1);
    // A sync runs: the download waits for it, and says so.
    await waitFor(() => expect(slot().textContent).toContain('Downloads when the sync finishes.'));
    expect(within(slot()).queryByRole('button', { name: 'Download' })).toBeNull();

    const progress = { percent: 42, transferredBytes: 420_000, totalBytes: 1_000_000, bytesPerSecond: 100_000 };
    publish(main, updateState({ phase: 'downloading', release, progress }, { mode: 'ask' }));
    await waitFor(() => expect(screen.getByTestId('update-label').textContent).toBe('Downloading update 0.2.0'));
    const bar = within(slot()).getByRole('progressbar', { name: 'Update download progress' }) as HTMLProgressElement;
    expect(bar.value).toBeCloseTo(0.42);
    expect(screen.getByTestId('update-progress').textContent).toMatch(/42\s?%/);

    publish(main, updateState({ phase: 'ready', release, installOnQuit: true }, { mode: 'ask' }));
    await waitFor(() => expect(screen.getByTestId('update-label').textContent).toBe('Update 0.2.0 is ready'));
    expect(within(slot()).queryByRole('progressbar')).toBeNull();
    expect(main.count('update:restart')).toBe(0);
    // Settings has the whole line of What's new too.
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect((await screen.findByTestId('update-settings-whats-new')).textContent).toBe(
      'What’s new in 0.2.0: Exports keep your column order',
    );
    await user.click(within(slot()).getByRole('button', { name: 'Restart to update' }));
    expect(main.count('update:restart')).toBe(1);
    await waitFor(() => expect(screen.getByTestId('update-label').textContent).toBe('Restarting to update…'));
  });

  it('downloads without asking in mode auto: no Download button, only why it waits', async () => {
    const release = updateRelease({ whatsNew: null });
    const main = configuredMain({
      'update:state': () => updateState({ phase: 'available', release, waitingFor: 'export' }),
    });
    renderApp(main);
    await waitFor(() => expect(slot().textContent).toContain('Downloads when the export finishes.'));
    expect(within(slot()).queryByRole('button')).toBeNull();
    expect(screen.queryByTestId('update-whats-new')).toBeNull();
  });

  it('never shows a failure in the status bar or as an alert: About has it, calmly', async () => {
    const problem = {
      error: {
        code: 'UPDATE_FEED_UNREACHABLE' as const,
        message: 'The update server could not be reached. The app will try again at the next check.',
        retryable: true,
      },
      at: '2025-06-30T14:00:00.000Z',
    };
    const main = configuredMain({
      'update:state': () => updateState({ phase: 'error', problem }, { lastProblem: problem }),
    });
    renderApp(main);
    await screen.findByText('30 portfolios');
    expect(slot().textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    await openUpdateSettings();
    expect(screen.getByTestId('update-last-problem').textContent).toContain(problem.error.message);
    expect(screen.getByTestId('update-last-checked').textContent).toMatch(/2025|ago|\d:\d\d/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Settings → Updates', () => {
  it('shows the mode, changes it through update:setMode, and follows main’s event', async () => {
    const main = configuredMain({
      'update:setMode': ({ mode }) => publish(main, updateState({ phase: 'up-to-date' }, { mode })),
    });
    const user = userEvent.setup();
    renderApp(main);
    const section = await openUpdateSettings();
    const group = within(section).getByRole('group', { name: 'Install new versions of the app' });
    const auto = within(group).getByRole('radio', { name: /^Automatically/ }) as HTMLInputElement;
    const ask = within(group).getByRole('radio', { name: /^Ask before downloading/ }) as HTMLInputElement;
    expect(within(group).getAllByRole('radio')).toHaveLength(3);
    expect(auto.checked).toBe(true);
    expect(auto.disabled).toBe(false);
    expect(within(section).queryByTestId('updates-note')).toBeNull();
    expect(within(section).getByTestId('update-summary').textContent).toMatch(
      /^You have the latest version \(0\.1\.0\)/,
    );

    await user.click(ask);
    expect(main.lastArg('update:setMode')).toEqual({ mode: 'ask' });
    await waitFor(() => expect(ask.checked).toBe(true));
    expect(auto.checked).toBe(false);
  });

  it('greys the mode out with a note when the organisation’s policy sets it', async () => {
    const main = configuredMain({
      'update:state': () => updateState({ phase: 'up-to-date' }, { mode: 'ask', managed: true }),
    });
    const user = userEvent.setup();
    renderApp(main);
    const section = await openUpdateSettings();
    const group = within(section).getByRole('group', { name: 'Install new versions of the app' });
    for (const radio of within(group).getAllByRole('radio')) expect((radio as HTMLInputElement).disabled).toBe(true);
    expect((within(group).getByRole('radio', { name: /^Ask before downloading/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(within(section).getByTestId('updates-note').textContent).toMatch(/^Managed by your organisation/);
    expect(group.getAttribute('aria-describedby')).toBe('updates-note');
    await user.click(within(group).getByRole('radio', { name: /^Off/ }));
    expect(main.count('update:setMode')).toBe(0);
  });

  it('checks now on request, and shows a refusal next to the setting (not as a pop-up)', async () => {
    const main = configuredMain({
      'update:check': () => {
        throw new AppError('UPDATES_MANAGED', 'Your organisation has turned updates off on this computer.');
      },
    });
    const user = userEvent.setup();
    renderApp(main);
    const section = await openUpdateSettings();
    await user.click(within(section).getByRole('button', { name: 'Check now' }));
    expect(main.count('update:check')).toBe(1);
    expect(
      (await within(section).findByText('Your organisation has turned updates off on this computer.')).className,
    ).toBe('field-error');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers no Check now when the organisation turned updates off', async () => {
    const main = configuredMain({
      'update:state': () => updateState({ phase: 'idle' }, { mode: 'off', managed: true, canCheck: false }),
    });
    renderApp(main);
    const section = await openUpdateSettings();
    expect(within(section).queryByRole('button', { name: 'Check now' })).toBeNull();
  });

  it('says so, and offers nothing, when this copy cannot update itself', async () => {
    const main = configuredMain({
      'update:state': () => updateState({ phase: 'unsupported' }, { canCheck: false, lastCheckedAt: null }),
    });
    renderApp(main);
    const section = await openUpdateSettings();
    expect(within(section).getByTestId('updates-note').textContent).toContain('cannot update itself');
    for (const radio of within(section).getAllByRole('radio')) expect((radio as HTMLInputElement).disabled).toBe(true);
    expect(within(section).queryByRole('button')).toBeNull();
    expect(screen.getByTestId('update-last-checked').textContent).toBe('Never');
    expect(slot().textContent).toBe('');
  });
});
