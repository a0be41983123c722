import { contract } from '../common/contract';
import { splitChannel, subscriberName } from '../common/contract-kit';
import type { PortfolioApi } from '../common/contract-types';
import { errorCatalog } from '../common/error-codes';
import type { Result } from '../common/result';

/** How the bridge reaches main: Electron's ipcRenderer, or the Playwright harness's binding. */
export interface BridgeTransport {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  subscribe(eventName: string, listener: (payload: unknown) => void): () => void;
}

/** The name of the one global the bridge is exposed on. */
export const bridgeGlobalName = 'portfolioApi';

/** Builds the renderer's API from the contract: one verb per request channel, one `onX` per event. */
export function createBridge(transport: BridgeTransport): PortfolioApi {
  const domains: Record<string, Record<string, unknown>> = {};
  const domain = (name: string) => (domains[name] ??= {});

  for (const channel of Object.keys(contract.requests)) {
    const [d, verb] = splitChannel(channel);
    domain(d)[verb] = async (arg?: unknown): Promise<Result<unknown>> => {
      try {
        return (await transport.invoke(channel, arg)) as Result<unknown>;
      } catch {
        // The transport itself failed (not main's answer): its own code, with the catalog's words.
        return { ok: false, error: { code: 'BRIDGE_UNAVAILABLE', ...errorCatalog.BRIDGE_UNAVAILABLE } };
      }
    };
  }
  for (const eventName of Object.keys(contract.events)) {
    const [d] = splitChannel(eventName);
    domain(d)[subscriberName(eventName)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe(eventName, (payload) => listener(payload));
    };
  }
  for (const value of Object.values(domains)) Object.freeze(value);
  return Object.freeze(domains) as unknown as PortfolioApi;
}
