import { defaultNetworkSetting, type NetworkSetting } from '../../common/network-setting';
import type { Profile } from '../../common/profile';
import type { ApiClientOptions } from '../api/api-client';
import type { HttpRoute } from '../api/http-request';
import type { TokenFetcher } from '../auth/token-client';

/** How requests for one network setting leave the machine: the route, and the token fetcher and API options along it. */
export interface ConnectionWay {
  /** The setting it follows, as text: a profile's way is rebuilt when this changes. */
  key: string;
  route: HttpRoute;
  /** The token POST, along the route (the redacting fetcher). */
  fetchToken: TokenFetcher;
  /** The API client's options, with the route. */
  apiOptions: ApiClientOptions;
}

/** What building a way needs: the composition root gives HttpRouter.routeFor and the redacting token fetcher. */
export interface ConnectionWayDeps {
  /** The route for a network setting (HttpRouter.routeFor). */
  routeFor: (setting: NetworkSetting) => HttpRoute;
  /** The token fetcher along a route (createTokenFetcher with the route, wrapped by redactingTokenFetcher). */
  tokenFetcher: (route: HttpRoute) => TokenFetcher;
  /** Options every API client shares (logger, clock, retries, timeouts); the way's route is added. */
  apiOptions: ApiClientOptions;
}

/** The demo's sandbox runs inside main on 127.0.0.1: it is always reached directly, whatever its profile says. */
const demoNetwork: NetworkSetting = { mode: 'none' };

/** The network setting a profile's requests follow: its own, or "no proxy" for the demo. */
export function networkOf(profile: Pick<Profile, 'demo'> & { network?: NetworkSetting }): NetworkSetting {
  if (profile.demo) return demoNetwork;
  return profile.network ?? defaultNetworkSetting;
}

/** Builds the way for a network setting: one route, one token fetcher and the API options along it. */
export function buildConnectionWay(deps: ConnectionWayDeps, setting: NetworkSetting): ConnectionWay {
  const route = deps.routeFor(setting);
  return {
    key: JSON.stringify(setting),
    route,
    fetchToken: deps.tokenFetcher(route),
    apiOptions: { ...deps.apiOptions, route },
  };
}
