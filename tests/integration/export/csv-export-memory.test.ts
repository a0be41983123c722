import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../../common/portfolio';
import { exportHoldingsCsv } from '../../../main/export/csv-export';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'csv-memory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const portfolioCount = 4_000;
const holdingsPerPortfolio = 50;
const longName = 'Security with a deliberately long descriptive name, "quoted", to make each row heavy — '.repeat(2);

describe('CSV export memory', () => {
  it('exports 200,000 holding rows with live heap growth bounded well below the file size', async () => {
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    const samples: number[] = [];
    // Portfolios are made on demand and dropped after use, as a streaming cache reader would hand them over.
    function* portfolios(): Generator<Portfolio> {
      for (let i = 0; i < portfolioCount; i += 1) {
        if (i % 200 === 0) {
          collectGarbage();
          samples.push(process.memoryUsage().heapUsed - baseline);
        }
        yield {
          id: `p-${i}`,
          name: `Portfolio ${i}`,
          description: null,
          riskLevel: null,
          strategy: null,
          benchmark: null,
          currency: 'USD',
          minimumInvestment: null,
          updatedAt: null,
          weightSum: 1,
          weightsOk: true,
          holdings: Array.from({ length: holdingsPerPortfolio }, (_, j) => ({
            ticker: `T${i}-${j}`,
            name: `${longName}${j}`,
            assetClass: 'US Equity',
            weight: 1 / holdingsPerPortfolio,
          })),
        };
      }
    }
    const file = path.join(dir, 'big.csv');
    const result = await exportHoldingsCsv(portfolios(), file);
    expect(result.rows).toBe(portfolioCount * holdingsPerPortfolio);
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(40 * 1024 * 1024);
    const peak = Math.max(...samples);
    // Buffering the output would hold at least the file's size in memory; streaming holds a few small buffers.
    expect(samples.length).toBe(portfolioCount / 200);
    expect(peak).toBeLessThan(16 * 1024 * 1024);
    expect(peak).toBeLessThan(size / 4);
  });
});
