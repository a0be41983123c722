import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfileView } from '../../common/profile';
import type { ProfilesState } from '../../common/profiles-state';

/** The app's screens: a small state machine instead of a router. */
export type Screen =
  | { name: 'welcome' }
  | { name: 'setup'; profile: ProfileView | null; back: 'welcome' | 'settings' }
  | { name: 'browser' }
  | { name: 'detail'; id: string; tab?: DetailTab }
  | { name: 'settings' }
  // Model changes (issue 15)
  | { name: 'compare'; ids: string[] };

/** The detail screen's tabs: the portfolio as it is, and what changed in it. */
export type DetailTab = 'holdings' | 'changes';

/** Where focus goes after a move: the search box, the grid, or where the screen puts it. */
export type FocusTarget = 'search' | 'grid' | null;

/** The screen on show and how to move. */
export interface Screens {
  /** Null until the profiles are known. */
  screen: Screen | null;
  /** At least one connection is set up. */
  configured: boolean;
  go(next: Screen, focus?: FocusTarget): void;
}

const titles: Record<Screen['name'], string> = {
  welcome: 'Welcome',
  setup: 'Connection',
  browser: 'Portfolios',
  detail: 'Portfolio',
  settings: 'Settings',
  compare: 'Compare',
};

/** The screen the user chose, else where a start lands (first run or the browser); keeps focus and title. */
export function useScreens(profiles: ProfilesState | null): Screens {
  const [chosen, setChosen] = useState<Screen | null>(null);
  const pendingFocus = useRef<FocusTarget>(null);
  const configured = (profiles?.profiles.length ?? 0) > 0;

  let screen = chosen;
  if (profiles === null) screen = null;
  else if (!configured && (screen === null || ['browser', 'detail', 'compare'].includes(screen.name))) {
    screen = { name: 'welcome' };
  } else if (screen === null) screen = { name: 'browser' };

  const go = useCallback((next: Screen, focus: FocusTarget = null) => {
    pendingFocus.current = focus;
    setChosen(next);
  }, []);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    const selector = target === 'search' ? '[data-testid="portfolio-search"]' : '[data-testid="portfolio-grid"]';
    document.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
  });

  const name = screen?.name ?? null;
  useEffect(() => {
    document.title = name ? `${titles[name]} — Model Portfolios` : 'Model Portfolios';
  }, [name]);

  return { screen, configured, go };
}
