// Computing model changes for 10,000 portfolios × 50 holdings, after a sync that revised 1 % of them (and, for the
// worst case, all of them), against JSON.parse of the same portfolios' JSON text in the same run: the least work a
// sync (or a cache open) does with that data.
import type { Portfolio } from '../common/portfolio';
import { computeModelChanges, isNewVersion } from '../common/model-changes';
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
  runs: Object.fromEntries(Object.entries(runs).map(([key, values]) => [key, values.map(round1)])),
});
