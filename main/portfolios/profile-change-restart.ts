import type { ProfileChange } from '../profiles/profile-events';

/**
 * Whether a profile change makes the portfolio service start over with the active profile: an activation, the
 * active profile removed, its secret changed, or its connection details saved. A sign-out only cancels the sync.
 */
export function restartsOnChange(change: ProfileChange): boolean {
  switch (change.kind) {
    case 'activated':
      return true;
    case 'removed':
    case 'secret-changed':
      return change.active;
    case 'saved':
      return change.active && change.connectionChanged;
    case 'signed-out':
    case 'removing':
    case 'token':
      return false;
  }
}
