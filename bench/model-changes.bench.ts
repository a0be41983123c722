// Computing model changes for 10,000 portfolios × 50 holdings, after a sync that revised 1 % of them (and, for the
// worst case, all of them), against JSON.parse of the same portfolios' JSON text in the same run: the least work a
// sync (or a cache open) does with that data. Then, in the same run, against the sync itself: the sandbox with
// 10,000 × 50 over loopback, 1 % revised, the app's sync into the records cache, and the changes service reading
// each changed model's trade list back (model-changes-sync.ts); each round's ratio is taken within the round.
import type { Portfolio } from '../common/portfolio';
import { computeModelChanges, isNewVersion } from '../common/model-changes';
import { startSyncBench, type SyncRound } from './model-changes-sync';
import { writeBenchResult } from './report';

const portfolioCount = 10_000;
const holdingsPerPortfolio = 50;
const rounds = 7;

function generation(): Portfolio[] {
  return Array.from({ length: portfolioCount }, (_, i) => {
    const holdings = Array.from({ length: holdingsPerPortfolio }, (_, j) => ({
      ticker: `T${(j * 7 + i) % 500}`,
      name: `Security ${(j * 7 + i) % 500} Holdings Corp Class A`,
      assetClass: j % 3 === 0 ? 'Fixed Income' : 'US Equity',
      weight: (j < holdingsPerPortfolio - 1 ? 196 : 10_000 - 196 * (holdingsPerPortfolio - 1)) / 10_000,
    }));
    return {
      id: `mp-${String(i + 1).padStart(6, '0')}`,
      name: `Global Growth Model ${i}`,
      description: 'A diversified model portfolio for long-term growth investors.',
      riskLevel: 'Moderate',
      strategy: 'Strategic allocation',
      benchmark: 'MSCI ACWI',
      currency: 'USD',
      minimumInvestment: 25000,
      updatedAt: '2025-03-01T12:00:00.000Z',
      holdings,
      weightSum: 1,
      weightsOk: true,
    };
  });
}

/** A revision: three re-weights, one holding removed, one added, the risk level changed. */
function revise(portfolio: Portfolio): Portfolio {
  const holdings = portfolio.holdings.slice(0, -1).map((h) => ({ ...h }));
  holdings[0]!.weight -= 0.01;
  holdings[1]!.weight += 0.005;
  holdings[2]!.weight += 0.005;
  holdings.push({ ticker: 'NEW', name: 'New Security', assetClass: 'Cash', weight: portfolio.holdings.at(-1)!.weight });
  return { ...portfolio, holdings, riskLevel: 'Moderately Aggressive', updatedAt: '2025-04-01T12:00:00.000Z' };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function time(fn: () => number): { ms: number; result: number } {
  const began = performance.now();
  const result = fn();
  return { ms: performance.now() - began, result };
}

const before = generation();
// The newer copies come from JSON, as they would from the cache or the API: equal values, other objects.
const unchangedText = JSON.stringify(before);
const onePercent = (JSON.parse(unchangedText) as Portfolio[]).map((p, i) => (i % 100 === 0 ? revise(p) : p));
const allRevised = (JSON.parse(unchangedText) as Portfolio[]).map(revise);
const onePercentText = JSON.stringify(onePercent);

const runs = { parseMs: [] as number[], onePercentMs: [] as number[], allMs: [] as number[], isNewMs: [] as number[] };
let changed = 0;
let changedAll = 0;
for (let round = 0; round < rounds; round++) {
  runs.parseMs.push(time(() => (JSON.parse(onePercentText) as Portfolio[]).length).ms);
  const one = time(() => {
    let n = 0;
    for (let i = 0; i < portfolioCount; i++) if (computeModelChanges(before[i]!, onePercent[i]!).summary.changed) n++;
    return n;
  });
  runs.onePercentMs.push(one.ms);
  changed = one.result;
  const all = time(() => {
    let n = 0;
    for (let i = 0; i < portfolioCount; i++) n += computeModelChanges(before[i]!, allRevised[i]!).holdings.length;
    return n;
  });
  runs.allMs.push(all.ms);
  changedAll = all.result;
  runs.isNewMs.push(
    time(() => {
      let n = 0;
      for (let i = 0; i < portfolioCount; i++) if (isNewVersion(before[i]!, onePercent[i]!)) n++;
      return n;
    }).ms,
  );
}
if (changed !== portfolioCount / 100) throw new Error(`expected ${portfolioCount / 100} changed, got ${changed}`);
if (changedAll !== portfolioCount * 5) throw new Error(`expected 5 changes per portfolio, got ${changedAll}`);

// The sync itself, 1 % revised per round; the in-memory computation over all 10,000 pairs timed right after it.
const syncRounds = 3;
const syncBench = await startSyncBench(portfolioCount, holdingsPerPortfolio);
const synced: Array<SyncRound & { changesAllInMemoryMs: number }> = [];
try {
  for (let round = 0; round < syncRounds; round++) {
    const measured = await syncBench.round(portfolioCount / 100);
    const all = time(() => {
      let n = 0;
      for (let i = 0; i < portfolioCount; i++) if (computeModelChanges(before[i]!, onePercent[i]!).summary.changed) n++;
      return n;
    });
    synced.push({ ...measured, changesAllInMemoryMs: all.ms });
  }
} finally {
  await syncBench.close();
}
const ratio = (a: number, b: number): number => Math.round((a / b) * 10_000) / 10_000;

const round1 = (n: number): number => Math.round(n * 10) / 10;
const parseMs = median(runs.parseMs);
const onePercentMs = median(runs.onePercentMs);
const allMs = median(runs.allMs);
await writeBenchResult('model-changes', {
  portfolios: portfolioCount,
  holdingsPerPortfolio,
  jsonMegabytes: round1(Buffer.byteLength(onePercentText) / 1e6),
  jsonParseMsMedian: round1(parseMs),
  changesOnePercentRevisedMsMedian: round1(onePercentMs),
  changesAllRevisedMsMedian: round1(allMs),
  isNewVersionOnePercentMsMedian: round1(median(runs.isNewMs)),
  ratioOnePercentOverJsonParse: Math.round((onePercentMs / parseMs) * 1000) / 1000,
  ratioAllRevisedOverJsonParse: Math.round((allMs / parseMs) * 1000) / 1000,
  syncOnePercentRevised: {
    revisedPerSync: portfolioCount / 100,
    syncMsMedian: round1(median(synced.map((r) => r.syncMs))),
    changesFromCacheMsMedian: round1(median(synced.map((r) => r.changesFromCacheMs))),
    changesAllInMemoryMsMedian: round1(median(synced.map((r) => r.changesAllInMemoryMs))),
    tradeLinesPerSync: synced.map((r) => r.tradeLines),
    bytesWrittenPerSync: synced.map((r) => r.bytesWritten),
    // What the app does after a sync: the changed models' trade lists from the cache (2 versions each decrypted).
    ratioChangesFromCacheOverSyncMedian: median(synced.map((r) => ratio(r.changesFromCacheMs, r.syncMs))),
    // The whole computation the bench has always timed (all 10,000 pairs, 1 % changed) against the same sync.
    ratioAllPortfoliosChangesOverSyncMedian: median(synced.map((r) => ratio(r.changesAllInMemoryMs, r.syncMs))),
    syncMsRuns: synced.map((r) => round1(r.syncMs)),
  },
  runs: Object.fromEntries(Object.entries(runs).map(([key, values]) => [key, values.map(round1)])),
});
