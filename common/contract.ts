import { z } from 'zod';
import type { AppInfo, MenuCommand } from './app-info';
import { event, request } from './contract-kit';

/**
 * The one contract between renderer and main: every request channel (`domain:verb`) with the
 * schema main parses its argument with and its result type, and every main→renderer event.
 * Main registers handlers from it; preload builds the bridge from it.
 */
export const contract = {
  requests: {
    'app:info': request(z.undefined()).returns<AppInfo>(),
  },
  events: {
    'menu:command': event<MenuCommand>(),
  },
} as const;
