/** The keys main's data is cached under; main's events invalidate them by prefix. */
export const queryKeys = {
  profiles: ['profiles'],
  connection: ['connection'],
  appInfo: ['app-info'],
  /** Every portfolio query (listing and details), of any profile. */
  portfolios: ['portfolios'],
  listing: (profileId: string) => ['portfolios', 'list', profileId],
  firstScreen: (profileId: string) => ['portfolios', 'first-screen', profileId],
  portfolio: (profileId: string, id: string) => ['portfolios', 'detail', profileId, id],
} as const;
