import type { PortfolioApi } from '../common/contract-types';

declare global {
  interface Window {
    /** The typed bridge the preload exposes; the renderer's only way to reach main. */
    readonly portfolioApi: PortfolioApi;
  }
}

/** The bridge to main, as the preload exposed it. */
export function api(): PortfolioApi {
  return window.portfolioApi;
}
