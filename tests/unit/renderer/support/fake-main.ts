// A stand-in for main in component tests: the real bridge factory over a transport that calls
// handlers in this process, so the renderer sees exactly the shape window.portfolioApi has.
import { vi } from 'vitest';
import type { EventName, EventPayload, RequestChannel, RequestResult } from '../../../../common/contract-types';
import { notConfiguredState, type ConnectionState } from '../../../../common/connection-state';
import type { Portfolio } from '../../../../common/portfolio';
import type { PortfolioSummary } from '../../../../common/portfolio-summary';
import type { ProfileView } from '../../../../common/profile';
import { AppError, toErrorData } from '../../../../common/result';
import { createBridge } from '../../../../preload/bridge';

type Handler<C extends RequestChannel> = (arg: any) => RequestResult<C> | Promise<RequestResult<C>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Handlers per channel; a missing one answers INTERNAL, as an unexpected call should. */
export type Handlers = { [C in RequestChannel]?: Handler<C> };

/** The fake main: records calls, answers from handlers, and emits events to the renderer. */
export class FakeMain {
  readonly calls: Array<{ channel: string; arg: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(public handlers: Handlers = {}) {}

  /** Puts the bridge on window.portfolioApi. */
  install(): this {
    const bridge = createBridge({
      invoke: async (channel, arg) => {
        this.calls.push({ channel, arg });
        const handler = this.handlers[channel as RequestChannel] as ((arg: unknown) => unknown) | undefined;
        if (!handler) return { ok: false, error: new AppError('INTERNAL').toData() };
        try {
          return { ok: true, value: await handler(arg) };
        } catch (error) {
          return { ok: false, error: toErrorData(error) };
        }
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

  /** The channels called so far, in order. */
  channels(): string[] {
    return this.calls.map((call) => call.channel);
  }

  /** The argument of the last call to a channel. */
  lastArg(channel: RequestChannel): unknown {
    return [...this.calls].reverse().find((call) => call.channel === channel)?.arg;
  }
}

/** A spy-able handler helper. */
export const handler = <T>(value: T) => vi.fn(async () => value);

/** A saved profile as main shows it. */
export function profileView(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p-1',
    name: 'Acme Partners',
    baseUrl: 'https://api.acme.test',
    clientId: 'client-1',
    tokenStyle: 'json',
    demo: false,
    hasSecret: true,
    tokenValidUntil: null,
    ...overrides,
  };
}

/** A connection state for the active profile. */
export function connectionState(overrides: Partial<ConnectionState> = {}): ConnectionState {
  return {
    ...notConfiguredState,
    status: 'online',
    profileId: 'p-1',
    profileName: 'Acme Partners',
    lastSyncedAt: '2025-06-30T15:00:00Z',
    portfolioCount: 3,
    ...overrides,
  };
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
  const { holdings, ...rest } = portfolio();
  return { ...rest, holdingsCount: holdings.length, tickers: holdings.map((h) => h.ticker), ...overrides };
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
      tickers: [`T${i}`, 'AGG'],
      weightSum: i % 97 === 0 ? 0.997 : 1,
      weightsOk: i % 97 !== 0,
    }),
  );
}
