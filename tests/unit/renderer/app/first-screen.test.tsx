// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PortfolioListing } from '../../../../common/portfolio-summary';
import { firstScreenOf } from '../../../../main/portfolios/first-screen-rows';
import { askFirstScreenEarly, firstScreenRows } from '../../../../renderer/data/first-screen-ask';
import { configuredMain, listing } from '../support/app-fixtures';
import { useFakeLayout } from '../support/layout';
import { renderApp } from '../support/render-app';

useFakeLayout();

/** A listing main holds back until the test lets it go. */
function heldListing(whole: PortfolioListing) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, answer: () => released.then(() => whole) };
}

const grid = () => screen.getByRole('grid', { name: 'Model portfolios' });

describe('the first screen', () => {
  it('shows a first screen of rows and the total before the whole list is here, then the whole list', async () => {
    const whole = listing(300);
    const held = heldListing(whole);
    const main = configuredMain({
      'portfolios:firstScreen': ({ limit }) => firstScreenOf({ profile: { id: 'p-1' }, listing: whole }, limit),
      'portfolios:list': held.answer,
    });
    renderApp(main);
    await screen.findByText('300 portfolios');
    expect(grid().getAttribute('aria-rowcount')).toBe(String(firstScreenRows + 1));
    expect(main.lastArg('portfolios:firstScreen')).toEqual({ limit: firstScreenRows });
    // The whole list is asked for only once the first screen was on screen, and after it.
    await waitFor(() => expect(main.count('portfolios:list')).toBe(1));
    expect(main.channels().indexOf('portfolios:firstScreen')).toBeLessThan(main.channels().indexOf('portfolios:list'));

    act(() => held.release());
    await waitFor(() => expect(grid().getAttribute('aria-rowcount')).toBe('301'));
    expect(screen.getByTestId('result-count').textContent).toBe('300 portfolios');
  });

  it('takes the first screen asked at start-up, before the profile was read, and asks no second time', async () => {
    const whole = listing(300);
    const main = configuredMain({
      'portfolios:firstScreen': ({ limit }) => firstScreenOf({ profile: { id: 'p-1' }, listing: whole }, limit),
      'portfolios:list': heldListing(whole).answer,
    }).install();
    askFirstScreenEarly();
    renderApp(main);
    await screen.findByText('300 portfolios');
    expect(grid().getAttribute('aria-rowcount')).toBe(String(firstScreenRows + 1));
    expect(main.channels()[0]).toBe('portfolios:firstScreen');
    expect(main.channels().indexOf('portfolios:firstScreen')).toBeLessThan(main.channels().indexOf('profiles:list'));
    await waitFor(() => expect(main.count('portfolios:list')).toBe(1));
    expect(main.count('portfolios:firstScreen')).toBe(1);
  });

  it('asks again when the early answer is for another profile than the one shown', async () => {
    const main = configuredMain({ 'portfolios:list': () => listing(300) }).install();
    main.handlers['portfolios:firstScreen'] = ({ limit }) =>
      firstScreenOf({ profile: { id: 'p-other' }, listing: listing(5, 'p-other') }, limit);
    askFirstScreenEarly();
    main.handlers['portfolios:firstScreen'] = undefined;
    renderApp(main);
    await waitFor(() => expect(grid().getAttribute('aria-rowcount')).toBe('301'));
    expect(main.count('portfolios:firstScreen')).toBe(2);
    expect(screen.queryByText('5 portfolios')).toBeNull();
  });

  it('searches the whole list once it is here, and reads only the whole list again after a sync', async () => {
    const main = configuredMain({ 'portfolios:list': () => listing(300) });
    renderApp(main);
    await waitFor(() => expect(grid().getAttribute('aria-rowcount')).toBe('301'));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search portfolios' }), 'T299');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('1 of 300 portfolios'));

    main.handlers['portfolios:list'] = () => listing(320);
    act(() => main.emit('portfolios:changed', { profileId: 'p-1', syncedAt: '2025-06-30T16:00:00Z' }));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('1 of 320 portfolios'));
    expect(main.count('portfolios:firstScreen')).toBe(1);
    expect(main.count('portfolios:list')).toBe(2);
  });
});
