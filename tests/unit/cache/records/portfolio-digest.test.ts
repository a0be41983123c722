import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../../common/portfolio-summary';
import {
  canonicalPortfolio,
  contentHash,
  materialHash,
  recordSummaryOf,
  tickerList,
} from '../../../../main/cache/records/portfolio-digest';
import { modelPortfolio } from '../../../integration/cache/fixtures/model-portfolio';

const base = modelPortfolio('p-0001');

describe('portfolio digests', () => {
  it('hash the stored text with SHA-256 (base64url), as the hashes in existing caches were computed', () => {
    const text = JSON.stringify(canonicalPortfolio({ ...base, name: 'Größe & Wachstum' }));
    const expected = createHash('sha256').update(text, 'utf8').digest('base64url');
    expect(contentHash({ ...base, name: 'Größe & Wachstum' })).toBe(expected);
  });

  it('see a change of holdings or key facts as material', () => {
    const changes = [
      modelPortfolio('p-0001', 1),
      { ...base, name: 'Renamed' },
      { ...base, riskLevel: 'Aggressive' },
      { ...base, strategy: 'Tactical' },
      { ...base, benchmark: 'S&P 500' },
      { ...base, currency: 'EUR' },
      { ...base, minimumInvestment: 50000 },
      { ...base, holdings: base.holdings.slice(1) },
      { ...base, holdings: base.holdings.map((h, i) => (i === 3 ? { ...h, assetClass: 'Cash' } : h)) },
    ];
    for (const changed of changes) {
      expect(materialHash(changed)).not.toBe(materialHash(base));
      expect(contentHash(changed)).not.toBe(contentHash(base));
    }
  });

  it('see a new description, updatedAt or holding order as content only', () => {
    const changes = [
      { ...base, description: 'Rewritten' },
      { ...base, updatedAt: '2026-01-01T00:00:00.000Z' },
      { ...base, holdings: [...base.holdings].reverse() },
    ];
    for (const changed of changes) {
      expect(materialHash(changed)).toBe(materialHash(base));
      expect(contentHash(changed)).not.toBe(contentHash(base));
    }
  });

  it('ignore key order', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(contentHash(reordered)).toBe(contentHash(base));
    expect(materialHash(reordered)).toBe(materialHash(base));
  });
});

describe('record summaries', () => {
  it("are the list's own summaries: the list's fields, the tickers as one string", () => {
    const summary = recordSummaryOf(base, '2025-03-02T00:00:00.000Z');
    expect(summary.tickerText.split('\n')).toHaveLength(20);
    expect(tickerList(summary)).toEqual(base.holdings.map((h) => h.ticker));
    expect(summary.lastChangedAt).toBe('2025-03-02T00:00:00.000Z');
    expect(summary).toEqual(summarise(base, '2025-03-02T00:00:00.000Z'));
    expect(Object.keys(summary)).not.toContain('holdings');
    expect(Object.keys(summary)).not.toContain('description');
  });

  it('give an empty ticker list for a portfolio without holdings', () => {
    expect(tickerList(recordSummaryOf({ ...base, holdings: [] }, null))).toEqual([]);
  });
});
