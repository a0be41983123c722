import { z } from 'zod';
import type { AppInfo, MenuCommand } from './app-info';
import type { ConnectionTestReport } from './connection-test';
import { event, request } from './contract-kit';
import { profileDraftSchema, profileIdSchema, secretSchema, type ProfileView } from './profile';
import type { ProfilesState } from './profiles-state';

const byProfile = z.object({ profileId: profileIdSchema }).strict();

/**
 * The one contract between renderer and main: every request channel (`domain:verb`) with the
 * schema main parses its argument with and its result type, and every main→renderer event.
 * Main registers handlers from it; preload builds the bridge from it.
 */
export const contract = {
  requests: {
    'app:info': request(z.undefined()).returns<AppInfo>(),

    'profiles:list': request(z.undefined()).returns<ProfilesState>(),
    'profiles:save': request(profileDraftSchema.strict()).returns<ProfileView>(),
    'profiles:setSecret': request(z.object({ profileId: profileIdSchema, secret: secretSchema }).strict()).returns<ProfileView>(),
    'profiles:deleteSecret': request(byProfile).returns<ProfileView>(),
    'profiles:hasSecret': request(byProfile).returns<boolean>(),
    'profiles:activate': request(byProfile).returns<ProfilesState>(),
    'profiles:remove': request(byProfile).returns<ProfilesState>(),

    'auth:signOut': request(byProfile).returns<ProfileView>(),
    'auth:testConnection': request(
      z.union([byProfile, z.object({ draft: profileDraftSchema.strict() }).strict()]),
    ).returns<ConnectionTestReport>(),
  },
  events: {
    'menu:command': event<MenuCommand>(),
  },
} as const;
