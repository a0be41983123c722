// A stand-in for main in component tests: main's own dispatcher (every argument parsed with the
// contract's schema) over a partial handler table, and the real bridge factory, so the renderer
// sees exactly the shape window.portfolioApi has and sends only what main would accept.
import { contract } from '../../../../common/contract';
import type { EventName, EventPayload, RequestChannel } from '../../../../common/contract-types';
import type { ConnectionFacts, ConnectionState } from '../../../../common/connection-state';
import type { Portfolio } from '../../../../common/portfolio';
import { summarise, type PortfolioSummary } from '../../../../common/portfolio-summary';
import type { ProfileView } from '../../../../common/profile';
import type { ProfilesState } from '../../../../common/profiles-state';
import { AppError } from '../../../../common/result';
import { createDispatcher, type Dispatch, type HandlerTable } from '../../../../main/ipc/dispatcher';
import { firstScreenOf } from '../../../../main/portfolios/first-screen-rows';
import { createBridge } from '../../../../preload/bridge';

/** The handlers a test gives, per channel; a call to any other channel fails and is recorded. */
export type Handlers = Partial<HandlerTable>;

/** The fake main: answers through main's dispatcher, records calls, and emits events to the renderer. */
export class FakeMain {
  readonly calls: Array<{ channel: string; arg: unknown }> = [];
  /** Channels the renderer called that no handler answers (each test expects none). */
  readonly unhandled: string[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly dispatch: Dispatch;

  constructor(public handlers: Handlers = {}) {
    const table: Record<string, (arg: unknown) => unknown> = {};
    for (const channel of Object.keys(contract.requests)) {
      table[channel] = (arg) => {
        const handler = this.handlers[channel as RequestChannel] as ((arg: unknown) => unknown) | undefined;
        if (handler) return handler(arg);
        const list = this.handlers['portfolios:list'];
        // Main's first screen is a cut of its listing: answered from the test's listing, as main cuts it.
        if (channel === 'portfolios:firstScreen' && list) return this.firstScreen(list, arg as { limit: number });
        this.unhandled.push(channel);
        throw new AppError('INTERNAL', `The fake main has no handler for ${channel}.`);
      };
    }
    this.dispatch = createDispatcher(table as HandlerTable);
  }

  private async firstScreen(list: NonNullable<Handlers['portfolios:list']>, { limit }: { limit: number }) {
    const listing = await list(undefined);
    return firstScreenOf({ profile: { id: listing.profileId }, listing }, limit);
  }

  /** Puts the bridge on window.portfolioApi. */
  install(): this {
    const bridge = createBridge({
      invoke: (channel, arg) => {
        this.calls.push({ channel, arg });
        return this.dispatch(channel, arg);
      },
      subscribe: (name, listener) => {
        const set = this.listeners.get(name) ?? new Set();
        this.listeners.set(name, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    });
    Object.defineProperty(window, 'portfolioApi', { value: bridge, configurable: true, writable: false });
    return this;
  }

  /** Sends an event as main would. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }

  /** Changes what `profiles:list` answers and publishes `profiles:changed`, as main's ProfileService does. */
  publishProfiles(state: ProfilesState, profileId: string): void {
    this.handlers['profiles:list'] = () => state;
    this.emit('profiles:changed', { profileId });
  }

  /** The channels called so far, in order. */
  channels(): string[] {
    return this.calls.map((call) => call.channel);
  }

  /** How many times a channel was called so far. */
  count(channel: RequestChannel): number {
    return this.calls.filter((call) => call.channel === channel).length;
  }

  /** The argument of the last call to a channel, as the renderer sent it. */
  lastArg(channel: RequestChannel): unknown {
    return [...this.calls].reverse().find((call) => call.channel === channel)?.arg;
  }
}

/** A saved profile as main shows it. */
export function profileView(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p-1',
    name: 'Acme Partners',
    baseUrl: 'https://api.acme.test',
    clientId: 'client-1',
    tokenStyle: 'json',
    demo: false,
    network: { mode: 'system' },
    hasSecret: true,
    tokenValidUntil: null,
    ...overrides,
  };
}

/** The profiles state with these profiles, the first one active. */
export function profilesState(...profiles: ProfileView[]): ProfilesState {
  return { profiles, activeProfileId: profiles[0]?.id ?? null, notice: null };
}

type ConfiguredState = Exclude<ConnectionState, { status: 'not-configured' }>;
type Specific<S> = S extends ConfiguredState ? Omit<S, keyof ConnectionFacts> & Partial<ConnectionFacts> : never;

/** A connection state of the active profile: a status with what that status carries (online by default). */
export function connectionState(specific: Specific<ConfiguredState> = { status: 'online' }): ConnectionState {
  return { profileId: 'p-1', lastSyncedAt: '2025-06-30T15:00:00Z', portfolioCount: 3, ...specific };
}

/** A portfolio with holdings. */
export function portfolio(overrides: Partial<Portfolio> = {}): Portfolio {
  return {
    id: 'mp-000001',
    name: 'Core Balanced',
    description: 'Balanced model for steady investors.',
    riskLevel: 'Moderate',
    strategy: 'Strategic',
    benchmark: '60% MSCI ACWI / 40% Bloomberg Global Aggregate',
    currency: 'USD',
    minimumInvestment: 25_000,
    updatedAt: '2025-06-01T12:00:00Z',
    holdings: [
      { ticker: 'VTI', name: 'Total Stock Market', assetClass: 'US Equity', weight: 0.4 },
      { ticker: 'VXUS', name: 'Total International', assetClass: 'International Equity', weight: 0.2 },
      { ticker: 'BND', name: 'Total Bond', assetClass: 'Fixed Income', weight: 0.35 },
      { ticker: 'CASH', name: 'Cash', assetClass: null, weight: 0.05 },
    ],
    weightSum: 1,
    weightsOk: true,
    ...overrides,
  };
}

/** A summary as the browser lists it. */
export function summary(overrides: Partial<PortfolioSummary> = {}): PortfolioSummary {
  return { ...summarise(portfolio()), ...overrides };
}

const risks = ['Conservative', 'Moderately Conservative', 'Moderate', 'Moderately Aggressive', 'Aggressive'];

/** n summaries with distinct ids, names, risks and tickers. */
export function manySummaries(n: number): PortfolioSummary[] {
  return Array.from({ length: n }, (_, i) =>
    summary({
      id: `mp-${String(i + 1).padStart(6, '0')}`,
      name: `Portfolio ${String(i + 1).padStart(5, '0')}`,
      riskLevel: risks[i % risks.length]!,
      minimumInvestment: 1000 * (i % 50),
      tickerText: `T${i}\nAGG`,
      weightSum: i % 97 === 0 ? 0.997 : 1,
      weightsOk: i % 97 !== 0,
    }),
  );
}
