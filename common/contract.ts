import { z } from 'zod';
import type { AppInfo, MenuCommand } from './app-info';
import type { ConnectionState } from './connection-state';
import type { ConnectionTestReport } from './connection-test';
import {
  changeSettingsSchema,
  comparisonRequestSchema,
  markSeenSchema,
  portfolioChangesRequestSchema,
  tradeListExportSchema,
  type ChangeSettings,
  type ChangesOverview,
  type PortfolioChangesView,
  type SyncChanges,
} from './change-views';
import type { DiagnosticsReport } from './diagnostics';
import { maxFirstScreenRows, type FirstScreen } from './first-screen';
import { event, request } from './contract-kit';
import { pageSizeSchema, type FactsheetOutcome } from './factsheet';
import type { ModelComparison } from './model-comparison';
import type { Portfolio } from './portfolio';
import type { PortfolioListing } from './portfolio-summary';
import { profileDraftSchema, profileIdSchema, secretSchema, type ProfileView } from './profile';
import type { ProfilesState } from './profiles-state';
import {
  proxySignInAnswerSchema,
  savedProxySignInSchema,
  type ProxySignInRequest,
  type SavedProxySignIn,
} from './proxy-sign-in';
import type { ExportOutcome, SyncOutcome } from './sync-outcome';
import { updateModeSchema, type UpdateState } from './update-state';

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

    // Updates (issue 14)
    /** Where updates stand: phase, mode (and whether the organisation sets it), last check, last problem. */
    'update:state': request(z.undefined()).returns<UpdateState>(),
    /** The user's "Check now". */
    'update:check': request(z.undefined()).returns<UpdateState>(),
    /** The user's "Download" (mode 'ask', or after a manual check in mode 'off'). */
    'update:download': request(z.undefined()).returns<UpdateState>(),
    /** The user's "Restart to update": the only way the app quits to install an update. */
    'update:restart': request(z.undefined()).returns<UpdateState>(),
    /** Settings → Updates; refused when the organisation's policy file sets the mode. */
    'update:setMode': request(z.object({ mode: updateModeSchema }).strict()).returns<UpdateState>(),
    // Factsheet (issue 15)
    /**
     * Saves the portfolio's factsheet as PDF through the native save dialog: main prints the window's
     * print stylesheet, so the renderer shows the factsheet of this id while the call runs. Paper:
     * the one given, else the OS region's (US Letter in the US, Canada and the other Letter countries, A4 elsewhere).
     */
    'factsheet:savePdf': request(
      z.object({ id: portfolioId, pageSize: pageSizeSchema.optional() }).strict(),
    ).returns<FactsheetOutcome>(),
    // Network (issue 13)
    /** The proxy sign-in dialog's answer (write-only: no password ever comes back); false when the question is no longer current. */
    'proxy:signIn': request(proxySignInAnswerSchema).returns<boolean>(),
    /** The proxy sign-in dialog was cancelled: that sign-in fails with PROXY_AUTH_REQUIRED. */
    'proxy:cancelSignIn': request(z.object({ id: z.number().int().nonnegative() }).strict()).returns<boolean>(),
    /** The proxy sign-in question waiting now, or null (for a window that opens after it was asked). */
    'proxy:current': request(z.undefined()).returns<ProxySignInRequest | null>(),
    /** Settings → Proxy sign-ins: the proxies whose user name and password the keychain keeps (never the password). */
    'proxy:savedSignIns': request(z.undefined()).returns<SavedProxySignIn[]>(),
    /** Forgets one: out of the keychain and memory, its tunnels closed; true when it was kept. */
    'proxy:forgetSignIn': request(savedProxySignInSchema).returns<boolean>(),
    // Model changes (issue 15)
    /** The active profile's changed models (with "seen" marks) and what the last changing sync changed. */
    'changes:overview': request(z.undefined()).returns<ChangesOverview>(),
    /** One portfolio's kept versions and the trade list between two (default: its latest change). */
    'changes:portfolio': request(portfolioChangesRequestSchema).returns<PortfolioChangesView>(),
    /** Marks portfolios' changes as looked at; answers how many marks moved. */
    'changes:markSeen': request(markSeenSchema).returns<{ marked: number }>(),
    'changes:settings': request(z.undefined()).returns<ChangeSettings>(),
    'changes:saveSettings': request(changeSettingsSchema.partial().strict()).returns<ChangeSettings>(),
    /** Exports trade lists as CSV through the save dialog: one portfolio, or every one changed since a time. */
    'changes:exportTradeList': request(tradeListExportSchema).returns<ExportOutcome>(),
    /** 2–4 portfolios side by side: key facts, allocation by asset class, holdings overlap. */
    'compare:portfolios': request(comparisonRequestSchema).returns<ModelComparison>(),
    /** Exports that comparison as CSV through the save dialog. */
    'compare:exportCsv': request(comparisonRequestSchema).returns<ExportOutcome>(),
  },
  events: {
    'menu:command': event<MenuCommand>(),
    /** The connection state changed (sync progress included): this is the whole state, not a patch. */
    'connection:state': event<ConnectionState>(),
    /** A profile changed (saved, secret, signed out, token obtained or forgotten, activated, removed): list again. */
    'profiles:changed': event<{ profileId: string }>(),
    /** The active profile's portfolio set changed (a sync landed, or the profile switched): list again. */
    'portfolios:changed': event<{ profileId: string | null; syncedAt: string | null }>(),
    // Updates (issue 14)
    /** Updates moved (a check, download progress, ready, an error, the mode): the whole state, not a patch. */
    'update:state': event<UpdateState>(),

    // Network (issue 13)
    /** A proxy asks for sign-in: the question to show (never a password), or null to close the dialog. */
    'proxy:signInRequested': event<ProxySignInRequest | null>(),
    /** A proxy's sign-in was kept in the keychain, or left it (refused, or forgotten): read the list again. */
    'proxy:savedSignInsChanged': event<Record<string, never>>(),

    // Model changes (issue 15)
    /** Seen marks or change settings moved: read the changes again. */
    'changes:changed': event<{ profileId: string | null }>(),
    /** A sync changed models (revisions reached them): the status bar says how many. */
    'changes:synced': event<SyncChanges>(),
    /** The user clicked the desktop notification: show the list of changed models. */
    'changes:showList': event<{ profileId: string }>(),
  },
} as const;
