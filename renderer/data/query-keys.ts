/** The keys main's data is cached under; main's events invalidate them by prefix. */
export const queryKeys = {
  profiles: ['profiles'],
  connection: ['connection'],
  appInfo: ['app-info'],
  /** The proxy sign-in question main waits on (issue 13). */
  proxySignIn: ['proxy-sign-in'],
  /** The proxies whose sign-in the keychain keeps (Settings → Proxy sign-ins), read again on `proxy:savedSignInsChanged`. */
  savedProxySignIns: ['saved-proxy-sign-ins'],
  /** Every portfolio query (listing and details), of any profile. */
  portfolios: ['portfolios'],
  listing: (profileId: string) => ['portfolios', 'list', profileId],
  firstScreen: (profileId: string) => ['portfolios', 'first-screen', profileId],
  portfolio: (profileId: string, id: string) => ['portfolios', 'detail', profileId, id],
  /** Updates (issue 14): main's whole update state, replaced by each `update:state` event. */
  updates: ['updates'],
  // Model changes (issue 15): every changes query but the settings sits under ['changes'], read again on changes and portfolio events.
  changes: ['changes'],
  changeOverview: (profileId: string) => ['changes', 'overview', profileId],
  portfolioChanges: (profileId: string, id: string, from: number | null, to: number | null) => [
    'changes',
    'portfolio',
    profileId,
    id,
    from,
    to,
  ],
  comparison: (profileId: string, ids: readonly string[]) => ['changes', 'compare', profileId, ...ids],
  /** The change settings: read again on `changes:changed` only (a sync does not move them). */
  changeSettings: ['change-settings'],
} as const;
