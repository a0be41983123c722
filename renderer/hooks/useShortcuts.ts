import { useEffect, useEffectEvent } from 'react';
import type { Screens } from './useScreens';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** The window's own keys: `/` focuses the search box, Escape leaves a portfolio for the list. */
export function useShortcuts({ screen, configured, go }: Screens): void {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]') || isTyping(event.target)) return;
    if (event.key === '/' && configured) {
      event.preventDefault();
      go({ name: 'browser' }, 'search');
    } else if (event.key === 'Escape' && screen?.name === 'detail') {
      event.preventDefault();
      go({ name: 'browser' }, 'grid');
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
