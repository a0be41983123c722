import type { ConnectionState } from '../../common/connection-state';
import { formatCount, formatWhen } from '../format/format';

/** How the status bar shows a connection state: a tone for the dot, a short label, and words for the detail. */
export interface ConnectionView {
  tone: 'ok' | 'busy' | 'warn' | 'error' | 'idle';
  label: string;
  detail: string | null;
  /** 0..1 while syncing when the total is known; null otherwise. */
  progress: number | null;
  /** What the user should do, when there is an action to take in Settings. */
  fixInSettings: boolean;
}

/** Describes a connection state in plain words for the status bar and banners. */
export function describeConnection(state: ConnectionState, now: number = Date.now()): ConnectionView {
  switch (state.status) {
    case 'not-configured':
      return {
        tone: 'idle',
        label: 'Not connected',
        detail: 'No connection is set up yet.',
        progress: null,
        fixInSettings: false,
      };
    case 'online':
      return { tone: 'ok', label: 'Online', detail: null, progress: null, fixInSettings: false };
    case 'syncing': {
      // A retry while offline: still offline until it succeeds, so the state does not flicker.
      if (state.offlineSince) {
        return {
          tone: 'warn',
          label: `Offline since ${formatWhen(state.offlineSince, now)}`,
          detail: 'Reconnecting…',
          progress: null,
          fixInSettings: false,
        };
      }
      // Main's progress so far: nothing before the first page, then portfolios (of the total when known).
      const { pages, portfolios, total, details } = state.progress;
      let detail = 'Starting…';
      let fraction: number | null = null;
      if (total !== null && total > 0) {
        detail = `${formatCount(portfolios)} of ${formatCount(total)} portfolios`;
        fraction = Math.min(1, portfolios / total);
      } else if (pages > 0) {
        detail = `${formatCount(portfolios)} portfolios so far`;
      }
      if (details > 0) detail += `, ${formatCount(details)} details`;
      return { tone: 'busy', label: 'Syncing', detail, progress: fraction, fixInSettings: false };
    }
    case 'offline':
      return {
        tone: 'warn',
        label: `Offline since ${formatWhen(state.offlineSince, now)}`,
        detail:
          (state.error.code === 'PROXY_UNREACHABLE' ? 'The proxy could not be reached. ' : '') +
          (state.lastSyncedAt ? 'Showing cached data.' : 'No cached data yet.'),
        progress: null,
        fixInSettings: false,
      };
    case 'auth-error':
      return {
        tone: 'error',
        label: 'Sign-in failed',
        detail: state.error.message,
        progress: null,
        fixInSettings: true,
      };
    case 'keychain-unavailable':
      return {
        tone: 'error',
        label: 'Keychain unavailable',
        detail: state.error.message,
        progress: null,
        fixInSettings: false,
      };
    case 'error':
      return {
        tone: 'error',
        label: 'Sync failed',
        detail: state.error.message,
        progress: null,
        fixInSettings: false,
      };
  }
}
