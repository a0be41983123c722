import { AppError } from '../../common/result';
import type { ApiClient } from '../api/api-client';

/**
 * Data is taken only from the API's own origin: a redirect or a next link elsewhere is refused with
 * REDIRECT_REFUSED, in the same words wherever data is read (sync, Test connection).
 */
export function requireApiOrigin(api: Pick<ApiClient, 'isApiOrigin'>, url: string): void {
  if (api.isApiOrigin(url)) return;
  let host = 'another server';
  try {
    host = new URL(url).host;
  } catch {
    // keep the generic words
  }
  throw new AppError(
    'REDIRECT_REFUSED',
    `The API sent the app to ${host} for its data. To keep the data trustworthy it was not used; the previous data is still shown.`,
  );
}
