import { generatePortfolio, portfolioId, portfolioIndex, type GenerateOptions, type SandboxPortfolio } from './data';
import { imperfectionAt } from './imperfect';
import { type ResolvedOptions } from './options';
import { createRandom } from './random';
import {
  holdingDifferences,
  initialState,
  reviseState,
  servedPortfolio,
  type RevisionCause,
  type RevisionRecord,
  type RevisionState,
} from './revision';

/** Which models to revise: these ids, or `count` models picked by the seed (distinct within one request). */
export interface RevisionRequest {
  ids?: readonly string[];
  count?: number;
}

/** A revision request that cannot be carried out, with the reason (the admin route answers 400 with it). */
export class RevisionRequestError extends Error {}

/** Start revisions are dated from here, one hour apart: after every generated `updatedAt`, the same on every run. */
const startRevisionsFrom = Date.UTC(2025, 6, 1);
const hourMs = 3600 * 1000;

/**
 * The sandbox's published revisions: the current state of every revised model, its own record of each change,
 * and the three ways revisions are published (at start, on a schedule of the sandbox clock, on request). Every
 * revision is drawn from (seed, index, revision number) alone, and models picked by the seed come from one seeded
 * sequence, so the same calls in the same order give the same data on every run.
 */
export class RevisionStore {
  private readonly states = new Map<number, RevisionState>();
  private readonly log: RevisionRecord[] = [];
  private picks = 0;
  private nextScheduledMs: number | null;

  constructor(
    private readonly options: ResolvedOptions,
    startMs: number,
  ) {
    const publishing = options.portfolios > 0;
    for (let j = 1; publishing && j <= options.revisions; j++) {
      this.publish(this.pick(new Set()), startRevisionsFrom + j * hourMs, 'start');
    }
    this.nextScheduledMs = publishing && options.revisionIntervalMs > 0 ? startMs + options.revisionIntervalMs : null;
  }

  /** Publishes every scheduled revision due by `nowMs`, each dated at its scheduled time. */
  catchUp(nowMs: number): void {
    if (this.nextScheduledMs === null) return;
    while (this.nextScheduledMs <= nowMs) {
      this.publish(this.pick(new Set()), this.nextScheduledMs, 'schedule');
      this.nextScheduledMs += this.options.revisionIntervalMs;
    }
  }

  /** Publishes the next revision of the requested models at `nowMs`; throws RevisionRequestError for a bad request. */
  revise(request: RevisionRequest, nowMs: number): RevisionRecord[] {
    const indices = this.requested(request);
    this.catchUp(nowMs);
    return indices.map((index) => this.publish(index, nowMs, 'request'));
  }

  /** Every revision published so far in publication order, or only those after a sequence number. */
  records(after = 0): RevisionRecord[] {
    return this.log.filter((record) => record.sequence > after);
  }

  /** The portfolio at `index` as served now: generated, with its latest revision applied if it has one. */
  portfolio(index: number, generate: GenerateOptions): SandboxPortfolio {
    const base = generatePortfolio(this.options.seed, index, generate);
    const state = this.states.get(index);
    return state ? servedPortfolio(base, state, generate.weights ?? 'fraction') : base;
  }

  /** What identifies the served state of the revised models in [start, end): [index, revision, updatedAt ms]. */
  stamps(start: number, end: number): Array<[number, number, number]> {
    const stamps: Array<[number, number, number]> = [];
    for (const [index, state] of this.states) {
      if (index >= start && index < end) stamps.push([index, state.revision, state.updatedAtMs]);
    }
    return stamps.sort((a, b) => a[0] - b[0]);
  }

  private requested(request: RevisionRequest): number[] {
    const { ids, count } = request;
    if ((ids === undefined) === (count === undefined)) {
      throw new RevisionRequestError('Give either "ids" (an array of portfolio ids) or "count" (a whole number)');
    }
    if (ids !== undefined) {
      if (!Array.isArray(ids) || ids.length === 0) throw new RevisionRequestError('"ids" must be a non-empty array');
      const indices: number[] = [];
      for (const id of ids) {
        const index = typeof id === 'string' ? portfolioIndex(id) : null;
        if (index === null || index >= this.options.portfolios) {
          throw new RevisionRequestError(`No model portfolio ${JSON.stringify(id)}`);
        }
        if (!indices.includes(index)) indices.push(index);
      }
      return indices;
    }
    if (!Number.isSafeInteger(count) || (count ?? 0) < 1 || (count ?? 0) > this.options.portfolios) {
      throw new RevisionRequestError(`"count" must be a whole number from 1 to ${this.options.portfolios}`);
    }
    const chosen = new Set<number>();
    while (chosen.size < (count ?? 0)) chosen.add(this.pick(chosen));
    return [...chosen];
  }

  /** The next model of the seeded sequence that is not in `taken`. */
  private pick(taken: ReadonlySet<number>): number {
    for (;;) {
      const index = createRandom(this.options.seed, 3, this.picks++).int(0, this.options.portfolios - 1);
      if (!taken.has(index)) return index;
    }
  }

  private publish(index: number, atMs: number, cause: RevisionCause): RevisionRecord {
    const { seed, imperfect, holdingsCount } = this.options;
    const before =
      this.states.get(index) ??
      initialState(generatePortfolio(seed, index, { weights: 'fraction', imperfect, holdingsCount }));
    const random = createRandom(seed, index, 2, before.revision + 1);
    const ordinary = !imperfect || imperfectionAt(index) === undefined;
    const { state, facts } = reviseState(before, random, atMs, ordinary);
    this.states.set(index, state);
    const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
    const record: RevisionRecord = {
      sequence: this.log.length + 1,
      id: portfolioId(index),
      revision: state.revision,
      cause,
      publishedAt: new Date(atMs).toISOString(),
      previousUpdatedAt: iso(before.updatedAtMs),
      updatedAt: iso(state.updatedAtMs),
      ...holdingDifferences(before, state),
      facts,
    };
    this.log.push(record);
    return record;
  }
}
