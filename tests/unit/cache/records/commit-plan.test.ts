import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/result';
import { planCommit, type CommitPlan, type PlanInput } from '../../../../main/cache/records/commit-plan';
import { emptyManifest } from '../../../../main/cache/records/record-state';
import type { PortfolioUpdate, RecordCommit } from '../../../../main/cache/records/record-types';
import { modelPortfolio, portfolioIds, syncTime } from '../../../integration/cache/fixtures/model-portfolio';

const ids = portfolioIds(5);

function commitOf(portfolios: PortfolioUpdate[], seconds: number): RecordCommit {
  return { syncedAt: syncTime(seconds), issues: [], pages: [], portfolios };
}

const fetched = (revisions: number[] = []): PortfolioUpdate[] =>
  ids.map((id, i) => ({ kind: 'fetched', portfolio: modelPortfolio(id, revisions[i] ?? 0) }));

/** Plans a commit on top of a previous plan (as if it had been written), generation by generation. */
function plan(previous: CommitPlan | null, commit: RecordCommit, maxVersions = 12): CommitPlan {
  const generation = previous ? (previous.details[0]?.books.current.revision ?? 1) + 1 : 1;
  const manifest = { ...emptyManifest('p'), syncedAt: null, order: previous?.order ?? [] };
  const input: PlanInput = {
    generation,
    manifest,
    summaries: previous?.summaries ?? new Map(),
    books: previous?.books ?? new Map(),
    damaged: new Set(),
    commit,
    maxVersions,
  };
  return planCommit(input);
}

describe('planCommit', () => {
  it('writes every portfolio of a first sync, and keeps no version', () => {
    const first = plan(null, commitOf(fetched(), 0));
    expect(first.details.map((d) => d.id)).toEqual(ids);
    expect(first.added).toEqual(ids);
    expect([...first.books.values()].every((b) => b.versions.length === 0)).toBe(true);
    expect([...first.summaries.values()].every((s) => s.lastChangedAt === null)).toBe(true);
  });

  it('writes nothing for the same content, fetched again or kept', () => {
    const first = plan(null, commitOf(fetched(), 0));
    for (const again of [fetched(), ids.map((id): PortfolioUpdate => ({ kind: 'kept', id }))]) {
      const next = plan(first, commitOf(again, 60));
      expect(next.details).toEqual([]);
      expect(next.changedSummaries.size + next.changedBooks.size).toBe(0);
      expect(next.updated).toEqual([]);
      expect(next.manifestChanged).toBe(true);
    }
  });

  it('keeps the previous revision as a version when holdings change, and dates the change', () => {
    const first = plan(null, commitOf(fetched(), 0));
    const next = plan(first, commitOf(fetched([0, 1]), 60));
    expect(next.details.map((d) => d.id)).toEqual([ids[1]]);
    expect(next.changed).toEqual([ids[1]]);
    const books = next.books.get(ids[1]!)!;
    expect(books.versions).toEqual([{ ...first.books.get(ids[1]!)!.current, supersededAt: syncTime(60) }]);
    expect(next.summaries.get(ids[1]!)!.lastChangedAt).toBe(syncTime(60));
    expect(next.summaries.get(ids[0]!)!.lastChangedAt).toBeNull();
  });

  it('rewrites a portfolio whose description alone changed, without keeping a version', () => {
    const first = plan(null, commitOf(fetched(), 0));
    const portfolios = fetched();
    const only = portfolios[2] as { kind: 'fetched'; portfolio: ReturnType<typeof modelPortfolio> };
    only.portfolio = { ...only.portfolio, description: 'New words' };
    const next = plan(first, commitOf(portfolios, 60));
    expect(next.updated).toEqual([ids[2]]);
    expect(next.changed).toEqual([]);
    expect(next.books.get(ids[2]!)!.versions).toEqual([]);
    expect(next.summaries.get(ids[2]!)!.lastChangedAt).toBeNull();
  });

  it('keeps at most maxVersions, newest first', () => {
    let current = plan(null, commitOf(fetched(), 0), 3);
    for (let revision = 1; revision <= 5; revision += 1) {
      current = plan(current, commitOf(fetched([revision]), revision * 60), 3);
    }
    const versions = current.books.get(ids[0]!)!.versions;
    expect(versions.map((v) => v.supersededAt)).toEqual([syncTime(300), syncTime(240), syncTime(180)]);
  });

  it('stores new validators of a kept portfolio as bookkeeping only', () => {
    const first = plan(null, commitOf(fetched(), 0));
    const validators = { etag: '"v2"', lastModified: null, bodyHash: null };
    const next = plan(first, commitOf([{ kind: 'kept', id: ids[0]!, validators }, ...fetched().slice(1)], 0));
    expect(next.details).toEqual([]);
    expect([...next.changedBooks]).toEqual([ids[0]]);
    expect(next.changedSummaries.size).toBe(0);
    expect(next.books.get(ids[0]!)!.validators).toEqual(validators);
  });

  it('stores a fetched portfolio’s list hash, keeps it when none comes, and replaces it as bookkeeping only', () => {
    const withHash = (listHash?: string): PortfolioUpdate[] =>
      fetched().map((update, i) => (i === 0 && update.kind === 'fetched' ? { ...update, listHash } : update));
    const first = plan(null, commitOf(withHash('h1'), 0));
    expect(first.books.get(ids[0]!)!.listHash).toBe('h1');
    expect(first.books.get(ids[1]!)!.listHash).toBeUndefined();
    // A detail under a 304 page brings no list hash: the stored one stands.
    const same = plan(first, commitOf(withHash(undefined), 60));
    expect(same.changedBooks.size).toBe(0);
    expect(same.books.get(ids[0]!)!.listHash).toBe('h1');
    const moved = plan(first, commitOf(withHash('h2'), 60));
    expect(moved.details).toEqual([]);
    expect([...moved.changedBooks]).toEqual([ids[0]]);
    expect(moved.books.get(ids[0]!)!.listHash).toBe('h2');
  });

  it('removes what the sync no longer lists', () => {
    const first = plan(null, commitOf(fetched(), 0));
    const next = plan(first, commitOf(fetched().slice(0, 3), 60));
    expect(next.removed).toEqual(ids.slice(3));
    expect([...next.books.keys()]).toEqual(ids.slice(0, 3));
  });

  it('refuses a kept portfolio it does not have, a duplicate, and a NaN weight', () => {
    const first = plan(null, commitOf(fetched(), 0));
    const nan = modelPortfolio(ids[0]!, 0);
    nan.holdings[0]!.weight = Number.NaN;
    const bad: RecordCommit[] = [
      commitOf([{ kind: 'kept', id: 'nobody' }], 1),
      commitOf([...fetched(), fetched()[0]!], 1),
      commitOf([{ kind: 'fetched', portfolio: nan }], 1),
    ];
    const reasons = [/marked unchanged but is not in the cache/, /appears twice/, /did not pass the cache schema/];
    bad.forEach((commit, index) => {
      let thrown: unknown;
      try {
        plan(first, commit);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe('CACHE_WRITE_FAILED');
      expect((thrown as AppError).message).toMatch(reasons[index]!);
    });
  });
});
