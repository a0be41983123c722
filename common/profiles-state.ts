import type { ProfileView } from './profile';
import type { AppErrorData } from './result';

/** The renderer's view of all connection profiles. */
export interface ProfilesState {
  profiles: ProfileView[];
  activeProfileId: string | null;
  /** Set when the settings file was damaged and set aside at start-up. */
  notice: AppErrorData | null;
}
