import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, formatPercent } from '../../../renderer/format/format';
import { factsheetView } from '../../../renderer/state/factsheet-view';
import { portfolio } from './support/fake-main';

const context = { generatedAt: '2026-03-01T10:00:00Z', syncedAt: '2026-03-01T09:55:00Z', source: 'Acme Partners' };

describe('the factsheet of a portfolio', () => {
  it('lays out the key facts in the OS locale, the data date among them', () => {
    const view = factsheetView(portfolio(), context);
    expect(view.title).toBe('Core Balanced');
    expect(view.subtitle).toBe('mp-000001 · Strategic');
    expect(view.facts).toEqual([
      { label: 'Risk level', value: 'Moderate' },
      { label: 'Benchmark', value: '60% MSCI ACWI / 40% Bloomberg Global Aggregate' },
      { label: 'Currency', value: 'USD' },
      { label: 'Minimum investment', value: formatMoney(25_000, 'USD') },
      { label: 'Holdings', value: '4' },
      { label: 'Weights', value: `Sum to ${formatPercent(1)}` },
      { label: 'Model last updated', value: formatDateTime('2025-06-01T12:00:00Z'), when: true },
      { label: 'Data as of', value: formatDateTime('2026-03-01T09:55:00Z'), when: true },
    ]);
    expect(view.generated).toBe(formatDateTime('2026-03-01T10:00:00Z'));
    expect(view.source).toBe('Acme Partners');
  });

  it('lists every holding, largest weight first, and the allocation largest first', () => {
    const view = factsheetView(portfolio(), context);
    expect(view.holdings.map((h) => h.ticker)).toEqual(['VTI', 'BND', 'VXUS', 'CASH']);
    expect(view.slices.map((s) => s.assetClass)).toEqual([
      'US Equity',
      'Fixed Income',
      'International Equity',
      'Unclassified',
    ]);
  });

  it('says how far weights are from 100 %, and when the data was never synced', () => {
    const view = factsheetView(portfolio({ weightSum: 0.997, weightsOk: false, strategy: null }), {
      ...context,
      syncedAt: null,
      source: null,
    });
    expect(view.subtitle).toBe('mp-000001');
    expect(view.facts.find((f) => f.label === 'Weights')?.value).toBe(
      `Sum to ${formatPercent(0.997)}, ${formatPercent(0.003)} short of ${formatPercent(1, 0)}`,
    );
    expect(view.facts.find((f) => f.label === 'Data as of')?.value).toBe('not synced yet');
  });
});
