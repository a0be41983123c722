import { z } from 'zod';
import type { AppInfo, MenuCommand } from './app-info';
import type { ConnectionState } from './connection-state';
import type { ConnectionTestReport } from './connection-test';
import type { DiagnosticsReport } from './diagnostics';
import { maxFirstScreenRows, type FirstScreen } from './first-screen';
import { event, request } from './contract-kit';
import type { Portfolio } from './portfolio';
import type { PortfolioListing } from './portfolio-summary';
import { profileDraftSchema, profileIdSchema, secretSchema, type ProfileView } from './profile';
import type { ProfilesState } from './profiles-state';
import type { ExportOutcome, SyncOutcome } from './sync-outcome';

const byProfile = z.object({ profileId: profileIdSchema }).strict();
const portfolioId = z.string().min(1).max(200);

/**
 * The one contract between renderer and main: every request channel (`domain:verb`) with the
 * schema main parses its argument with and its result type, and every main→renderer event.
 * Main registers handlers from it; preload builds the bridge from it.
 */
export const contract = {
  requests: {
    'app:info': request(z.undefined()).returns<AppInfo>(),
    /** Builds the redacted support report and copies it to the clipboard. */
    'app:copyDiagnostics': request(z.undefined()).returns<DiagnosticsReport>(),

    /** Every profile (metadata, whether a secret is stored, token validity) and which is active. */
    'profiles:list': request(z.undefined()).returns<ProfilesState>(),
    /** Creates or edits a profile; the answer names it (read everything else from `profiles:list`). */
    'profiles:save': request(profileDraftSchema.strict()).returns<ProfileView>(),
    'profiles:setSecret': request(
      z.object({ profileId: profileIdSchema, secret: secretSchema }).strict(),
    ).returns<ProfileView>(),
    'profiles:activate': request(byProfile).returns<ProfileView>(),
    'profiles:remove': request(byProfile).returns<{ profileId: string }>(),

    'auth:signOut': request(byProfile).returns<ProfileView>(),
    'auth:testConnection': request(
      z.union([byProfile, z.object({ draft: profileDraftSchema.strict() }).strict()]),
    ).returns<ConnectionTestReport>(),

    /** Starts the built-in sandbox of the partner API and makes it the active profile. */
    'demo:start': request(z.undefined()).returns<ProfileView>(),

    /** The active profile's portfolios (cached or synced), without holdings. */
    'portfolios:list': request(z.undefined()).returns<PortfolioListing>(),
    /** One portfolio of the active profile, with its holdings. */
    'portfolios:get': request(z.object({ id: portfolioId }).strict()).returns<Portfolio>(),
    // Start fast (issue 12)
    /** The browser's first screen (the first rows by name, and the total), sent before the whole list. */
    'portfolios:firstScreen': request(
      z.object({ limit: z.number().int().min(1).max(maxFirstScreenRows) }).strict(),
    ).returns<FirstScreen>(),

    'sync:now': request(z.undefined()).returns<SyncOutcome>(),
    'sync:cancel': request(z.undefined()).returns<boolean>(),
    'connection:state': request(z.undefined()).returns<ConnectionState>(),

    /** Exports CSV through the native save dialog: the portfolio list or the holdings, of some ids or all. */
    'export:csv': request(
      z
        .object({
          kind: z.enum(['list', 'holdings']),
          ids: z.union([z.literal('all'), z.array(portfolioId).min(1).max(1_000_000)]),
        })
        .strict(),
    ).returns<ExportOutcome>(),
    /** Shows a file this session exported in the OS file manager. */
    'export:showInFolder': request(z.object({ path: z.string().min(1).max(4096) }).strict()).returns<boolean>(),
  },
  events: {
    'menu:command': event<MenuCommand>(),
    /** The connection state changed (sync progress included): this is the whole state, not a patch. */
    'connection:state': event<ConnectionState>(),
    /** A profile changed (saved, secret, signed out, token obtained or forgotten, activated, removed): list again. */
    'profiles:changed': event<{ profileId: string }>(),
    /** The active profile's portfolio set changed (a sync landed, or the profile switched): list again. */
    'portfolios:changed': event<{ profileId: string | null; syncedAt: string | null }>(),
  },
} as const;
