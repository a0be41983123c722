import type { ConnectionTestReport, ConnectionTestStep } from '../../common/connection-test';
import type { Profile } from '../../common/profile';
import { AppError, toErrorData } from '../../common/result';
import { ApiClient, type ApiClientOptions } from '../api/api-client';
import { requireApiOrigin } from '../sync/api-origin';
import { readListPage } from '../sync/list-page';
import type { TokenFetcher } from './token-client';

const labels = {
  reach: 'Reach the server',
  credentials: 'Sign in with the client ID and secret',
  api: 'Read the model portfolios',
} as const;

const networkCodes = new Set([
  'NETWORK_UNREACHABLE',
  'TIMEOUT',
  'REDIRECT_REFUSED',
  'RESPONSE_TOO_LARGE',
  'PROXY_UNREACHABLE',
  'PROXY_REFUSED',
  'PROXY_AUTH_REQUIRED',
  'PROXY_AUTH_UNSUPPORTED',
]);

/** "Reached host through the proxy at …" / "Reached host directly." when the route knows; "host answered." otherwise. */
function reachedDetail(profile: Profile, apiOptions: ApiClientOptions): string {
  const host = new URL(profile.baseUrl).host;
  const way = apiOptions.route?.describe?.(profile.baseUrl);
  return way ? `Reached ${host} ${way}.` : `${host} answered.`;
}

/** Runs "Test connection": get a token, then one page of portfolios, reporting each step in plain words. */
export async function testConnection(
  profile: Profile,
  secret: string,
  fetchToken: TokenFetcher,
  apiOptions: ApiClientOptions = {},
): Promise<ConnectionTestReport> {
  const steps: ConnectionTestStep[] = [];
  const skipRest = () => {
    for (const id of ['reach', 'credentials', 'api'] as const) {
      if (!steps.some((step) => step.id === id))
        steps.push({ id, label: labels[id], status: 'skipped', detail: 'Not tried.' });
    }
    return { ok: false, steps };
  };

  let token: string;
  try {
    token = (await fetchToken(profile, secret)).accessToken;
  } catch (error) {
    const data = toErrorData(error);
    if (networkCodes.has(data.code)) {
      steps.push({ id: 'reach', label: labels.reach, status: 'failed', detail: data.message });
    } else {
      steps.push({ id: 'reach', label: labels.reach, status: 'ok', detail: reachedDetail(profile, apiOptions) });
      steps.push({ id: 'credentials', label: labels.credentials, status: 'failed', detail: data.message });
    }
    return skipRest();
  }
  const reach: ConnectionTestStep = { id: 'reach', label: labels.reach, status: 'ok', detail: '' };
  steps.push(reach);
  steps.push({
    id: 'credentials',
    label: labels.credentials,
    status: 'ok',
    detail: 'The API accepted the credentials and issued an access token.',
  });

  const client = new ApiClient(
    profile.baseUrl,
    { getToken: () => Promise.resolve(token), invalidate: () => Promise.resolve() },
    apiOptions,
  );
  try {
    const response = await client.getJson('model-portfolios');
    requireApiOrigin(client, response.url);
    const page = readListPage(response.body, response.link);
    if (!page) throw new AppError('RESPONSE_INVALID', 'The API answered, but not with a list of model portfolios.');
    const count = page.total ?? page.items.length;
    const more = page.total === null && (page.next || page.nextCursor) ? ' on the first page' : '';
    steps.push({
      id: 'api',
      label: labels.api,
      status: 'ok',
      detail: `The API answered with ${count} model portfolio${count === 1 ? '' : 's'}${more}.`,
    });
  } catch (error) {
    steps.push({ id: 'api', label: labels.api, status: 'failed', detail: toErrorData(error).message });
    return { ok: false, steps };
  } finally {
    // Said once the API calls are done, so it names the way they went.
    reach.detail = reachedDetail(profile, apiOptions);
  }
  return { ok: true, steps };
}
