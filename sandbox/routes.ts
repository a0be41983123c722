import { type SandboxRoute } from './faults';

/** What a request path is: one of the API routes, the admin area, or anything else. */
export type MatchedRoute = SandboxRoute | 'admin' | 'other';

/** Path of the token endpoint. */
export const tokenPath = '/oauth/token';
/** Path of the portfolio list. */
export const listPath = '/model-portfolios';
/** Prefix of the admin routes (they exist only when faults are enabled). */
export const adminPrefix = '/__admin/';

/** Classifies a path (exact match; no trailing-slash folding). */
export function matchRoute(pathname: string): MatchedRoute {
  if (pathname === tokenPath) return 'token';
  if (pathname === listPath) return 'list';
  if (
    pathname.startsWith(`${listPath}/`) &&
    pathname.length > listPath.length + 1 &&
    !pathname.slice(listPath.length + 1).includes('/')
  ) {
    return 'detail';
  }
  if (pathname.startsWith(adminPrefix)) return 'admin';
  return 'other';
}
