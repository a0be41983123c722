import { expect } from 'vitest';
import type { ChangesOverview, PortfolioChangesView } from '../../../common/change-views';
import type { RequestArg, RequestChannel, RequestResult } from '../../../common/contract-types';
import type { RevisionRecord } from '../../../sandbox';
import type { TestApp } from '../support/app-fixture';

/** Calls a channel through main's real dispatcher and unwraps the answer (a failure fails the test with its message). */
export async function call<C extends RequestChannel>(
  app: TestApp,
  channel: C,
  ...arg: RequestArg<C> extends undefined ? [] : [RequestArg<C>]
): Promise<RequestResult<C>> {
  const result = await app.dispatch(channel, arg[0]);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as RequestResult<C>;
}

/** The coded error a channel answers with (fails the test when it succeeds). */
export async function callError(app: TestApp, channel: RequestChannel, arg?: unknown): Promise<string> {
  const result = await app.dispatch(channel, arg);
  if (result.ok) throw new Error(`${channel} succeeded: ${JSON.stringify(result.value)}`);
  return result.error.code;
}

const bp = (weight: number): number => Math.round(weight * 10_000);
const byTicker = (a: { ticker: string }, b: { ticker: string }) =>
  a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0;

/** The trade list of a view, in the shape of the sandbox's record (basis points, sorted by ticker). */
export function tradeListOf(view: PortfolioChangesView) {
  const holdings = view.changes?.holdings ?? [];
  const of = (kind: string) =>
    holdings
      .filter((c) => c.kind === kind)
      .map((c) => ({ ticker: c.ticker, oldBp: bp(c.oldWeight), newBp: bp(c.newWeight), action: c.action }))
      .sort(byTicker);
  return { added: of('added'), removed: of('removed'), reweighted: of('reweighted'), facts: view.changes?.facts ?? [] };
}

/** The sandbox's own record of a revision, in the same shape. */
export function recordedTradeList(record: RevisionRecord) {
  const action = (oldBp: number, newBp: number) => (newBp > oldBp ? 'buy' : 'sell');
  return {
    added: record.added.map((h) => ({ ticker: h.ticker, oldBp: 0, newBp: bp(h.weight), action: 'buy' })).sort(byTicker),
    removed: record.removed
      .map((h) => ({ ticker: h.ticker, oldBp: bp(h.weight), newBp: 0, action: 'sell' }))
      .sort(byTicker),
    reweighted: record.reweighted
      .map((h) => ({
        ticker: h.ticker,
        oldBp: bp(h.oldWeight),
        newBp: bp(h.newWeight),
        action: action(bp(h.oldWeight), bp(h.newWeight)),
      }))
      .sort(byTicker),
    facts: record.facts,
  };
}

/** Checks the app's trade list of a portfolio's latest change against the sandbox's record, line by line. */
export function expectTradeListOf(view: PortfolioChangesView, record: RevisionRecord): void {
  expect(view.portfolioId).toBe(record.id);
  expect(tradeListOf(view), `trade list of ${record.id}`).toEqual(recordedTradeList(record));
  expect(Date.parse(view.to.updatedAt ?? ''), `${record.id} to`).toBe(Date.parse(record.updatedAt));
  expect(Date.parse(view.from?.updatedAt ?? ''), `${record.id} from`).toBe(Date.parse(record.previousUpdatedAt));
}

/** The ids an overview lists as changed, sorted. */
export function changedIds(overview: ChangesOverview): string[] {
  return overview.portfolios.map((p) => p.id).sort();
}
