import { afterEach, describe, expect, it } from 'vitest';
import { generatePortfolio, portfolioId, portfolioIndex, type SandboxPortfolio } from '../../../sandbox/data';
import { imperfectRecords } from '../../../sandbox/imperfect';
import { securities } from '../../../sandbox/securities';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';
import { riskLevels } from '../../../sandbox/vocabulary';
import { apiGet, getToken } from './helpers';

const sum = (p: SandboxPortfolio): number => (p.holdings ?? []).reduce((a, h) => a + h.weight, 0);
const tickers = new Map(securities.map((s) => [s.ticker, s]));

describe('generated portfolio data', () => {
  it('is the same for the same (seed, index) and differs with the seed', () => {
    expect(JSON.stringify(generatePortfolio(7, 12))).toBe(JSON.stringify(generatePortfolio(7, 12)));
    expect(JSON.stringify(generatePortfolio(8, 12))).not.toBe(JSON.stringify(generatePortfolio(7, 12)));
  });

  it('builds any portfolio from (seed, index) alone, whatever was generated before', () => {
    const cold = JSON.stringify(generatePortfolio(3, 99_999));
    for (let i = 0; i < 50; i++) generatePortfolio(3, i);
    expect(JSON.stringify(generatePortfolio(3, 99_999))).toBe(cold);
  });

  it('gives every portfolio exactly holdingsCount holdings when asked (benchmarks), still summing to 100 %', () => {
    for (let index = 0; index < 50; index += 1) {
      const holdings = generatePortfolio(3, index, { holdingsCount: 50, imperfect: false }).holdings ?? [];
      expect(holdings).toHaveLength(50);
      expect(holdings.reduce((sum, h) => sum + h.weight, 0)).toBeCloseTo(1, 9);
    }
  });

  it('names portfolios mp-000123 and reads those ids back', () => {
    expect(portfolioId(0)).toBe('mp-000001');
    expect(portfolioId(122)).toBe('mp-000123');
    expect(portfolioId(99_999)).toBe('mp-100000');
    expect(portfolioIndex('mp-000123')).toBe(122);
    expect(portfolioIndex('mp-100000')).toBe(99_999);
    for (const bad of ['mp-000000', 'mp-0000123', 'mp-12', 'MP-000001', 'mp-00001a', ''])
      expect(portfolioIndex(bad)).toBeNull();
  });

  it('gives every regular portfolio realistic, complete fields and 5–60 distinct holdings summing to exactly 100 %', () => {
    for (let index = 0; index < 2_000; index++) {
      const p = generatePortfolio(11, index, { imperfect: false });
      expect(Object.keys(p)).toEqual([
        'id',
        'name',
        'description',
        'riskLevel',
        'strategy',
        'benchmark',
        'currency',
        'minimumInvestment',
        'updatedAt',
        'holdings',
      ]);
      expect(p.id).toBe(portfolioId(index));
      expect(p.name.length).toBeGreaterThan(3);
      expect(riskLevels).toContain(p.riskLevel);
      expect(p.currency).toMatch(/^[A-Z]{3}$/);
      expect(p.minimumInvestment).toBeGreaterThanOrEqual(0);
      expect(p.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(new Date(p.updatedAt).toISOString().replace('.000Z', 'Z')).toBe(p.updatedAt);
      const holdings = p.holdings ?? [];
      expect(holdings.length).toBeGreaterThanOrEqual(5);
      expect(holdings.length).toBeLessThanOrEqual(60);
      expect(new Set(holdings.map((h) => h.ticker)).size).toBe(holdings.length);
      for (const h of holdings) {
        expect(tickers.get(h.ticker)).toMatchObject({ name: h.name, assetClass: h.assetClass });
        expect(h.weight).toBeGreaterThan(0);
        expect(Math.round(h.weight * 10_000)).toBeCloseTo(h.weight * 10_000, 6);
      }
      expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-9);
    }
  });

  it('writes percent weights that sum to 100', () => {
    for (let index = 0; index < 500; index++) {
      const p = generatePortfolio(5, index, { weights: 'percent', imperfect: false });
      expect(Math.abs(sum(p) - 100)).toBeLessThan(1e-7);
    }
  });

  it('draws holdings from a universe of 128 securities in 7 asset classes', () => {
    expect(securities).toHaveLength(128);
    expect(new Set(securities.map((s) => s.ticker)).size).toBe(128);
    expect(new Set(securities.map((s) => s.assetClass)).size).toBe(7);
  });

  it('leaves holdings out when asked, without changing the other fields', () => {
    const full = generatePortfolio(2, 9);
    const { holdings: _, ...rest } = full;
    expect(generatePortfolio(2, 9, { holdings: false })).toEqual(rest);
  });

  describe('deliberately imperfect records', () => {
    const byKind = (kind: string): SandboxPortfolio => {
      const record = imperfectRecords.find((r) => r.kind === kind);
      if (!record) throw new Error(kind);
      return generatePortfolio(1, record.index);
    };

    it('all sit within the first 40 portfolios, at the documented ids', () => {
      expect(imperfectRecords.map((r) => r.id)).toEqual([
        'mp-000003',
        'mp-000005',
        'mp-000007',
        'mp-000011',
        'mp-000013',
        'mp-000017',
        'mp-000019',
      ]);
      for (const record of imperfectRecords) expect(portfolioIndex(record.id)).toBe(record.index);
    });

    it('mp-000003 has weights summing to 99.7 %', () => {
      expect(sum(byKind('weights-99.7'))).toBeCloseTo(0.997, 9);
      const percent = generatePortfolio(1, 2, { weights: 'percent' });
      expect(sum(percent)).toBeCloseTo(99.7, 7);
    });

    it('mp-000005 lacks description, benchmark and minimumInvestment', () => {
      const p = byKind('missing-optional-fields');
      expect(p).not.toHaveProperty('description');
      expect(p).not.toHaveProperty('benchmark');
      expect(p).not.toHaveProperty('minimumInvestment');
      expect(p).toHaveProperty('name');
    });

    it('mp-000007 carries unknown extra fields, on the portfolio and on its holdings', () => {
      const p = byKind('extra-fields');
      expect(p).toMatchObject({ esgScore: 7.4, tags: ['legacy', 'closed-to-new-investors'] });
      expect(p.holdings?.[0]).toHaveProperty('exchange', 'XNYS');
    });

    it('has a unicode name, a name with a comma and quotes, one with a newline and one starting with "="', () => {
      expect(byKind('unicode-name').name).toBe('Größe & Wachstum — 成長 📈');
      expect(byKind('comma-quotes-name').name).toBe('Income, "Plus"');
      expect(byKind('newline-name').name).toContain('\n');
      expect(byKind('formula-name').name).toBe('=SUM(A1:A2) Growth');
    });

    it('are all regular when imperfect is false', () => {
      for (const record of imperfectRecords) {
        const p = generatePortfolio(1, record.index, { imperfect: false });
        expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-9);
        expect(p.name).toMatch(/^[A-Za-z0-9 &/-]+$/);
        expect(p).toHaveProperty('benchmark');
        expect(p).not.toHaveProperty('esgScore');
      }
    });
  });
});

describe('the same seed serves the same bytes', () => {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  /** Every list page (raw text) and a few detail bodies, with the sandbox's own origin replaced by a placeholder. */
  const capture = async (options: SandboxOptions): Promise<string[]> => {
    const s = await startSandbox({ portfolios: 75, pageSize: 20, ...options });
    started.push(s);
    const token = await getToken(s);
    const bodies: string[] = [];
    let url: string | null = '/model-portfolios';
    while (url) {
      const text = await (await apiGet(s, url, token)).text();
      bodies.push(text.replaceAll(s.baseUrl, 'ORIGIN'));
      url = (JSON.parse(text) as { next: string | null }).next;
    }
    for (const id of ['mp-000001', 'mp-000011', 'mp-000075']) {
      bodies.push(await (await apiGet(s, `/model-portfolios/${id}`, token)).text());
    }
    return bodies;
  };

  it('two sandboxes with seed 7 answer byte-identical pages and portfolios', async () => {
    const a = await capture({ seed: 7 });
    const b = await capture({ seed: 7 });
    expect(a).toHaveLength(7);
    expect(b).toEqual(a);
  });

  it('a different seed answers different data', async () => {
    expect(await capture({ seed: 8 })).not.toEqual(await capture({ seed: 7 }));
  });

  it('the served detail equals generatePortfolio(seed, index, options)', async () => {
    const s = await startSandbox({ seed: 42, weights: 'percent' });
    started.push(s);
    const served = await (await apiGet(s, '/model-portfolios/mp-000013', await getToken(s))).text();
    expect(served).toBe(JSON.stringify(generatePortfolio(42, 12, { weights: 'percent' })));
  });
});
