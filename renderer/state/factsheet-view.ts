import type { Holding, Portfolio } from '../../common/portfolio';
import { formatCount, formatDateTime, formatMoney, formatPercent } from '../format/format';
import { allocationByAssetClass, sortHoldings, type AllocationSlice } from './holdings';

/** One labelled fact of the factsheet's key-facts block. */
export interface FactsheetFact {
  label: string;
  value: string;
  /** A date and time, kept on one line. */
  when?: true;
}

/** Everything the printed factsheet shows, as text and rows ready to lay out. */
export interface FactsheetView {
  title: string;
  /** The portfolio id, and its strategy when known. */
  subtitle: string;
  description: string | null;
  facts: FactsheetFact[];
  /** Allocation by asset class, largest first. */
  slices: AllocationSlice[];
  /** Every holding, largest weight first. */
  holdings: Holding[];
  /** When this factsheet was made. */
  generated: string;
  /** The connection the data came from, when known. */
  source: string | null;
}

/** What the factsheet says about its own making: when, from which sync, from which connection. */
export interface FactsheetContext {
  /** ISO 8601 instant the factsheet was made. */
  generatedAt: string;
  /** ISO 8601 instant of the sync the data came from, or null. */
  syncedAt: string | null;
  /** The connection's name, or null. */
  source: string | null;
}

function weightsWords(portfolio: Portfolio): string {
  const sum = formatPercent(portfolio.weightSum);
  if (portfolio.weightsOk) return `Sum to ${sum}`;
  const gap = formatPercent(Math.abs(1 - portfolio.weightSum));
  return `Sum to ${sum}, ${gap} ${portfolio.weightSum < 1 ? 'short of' : 'over'} ${formatPercent(1, 0)}`;
}

/** The factsheet of a portfolio: key facts in the OS locale, the allocation, and every holding by weight. */
export function factsheetView(portfolio: Portfolio, context: FactsheetContext): FactsheetView {
  return {
    title: portfolio.name,
    subtitle: portfolio.strategy ? `${portfolio.id} · ${portfolio.strategy}` : portfolio.id,
    description: portfolio.description,
    facts: [
      { label: 'Risk level', value: portfolio.riskLevel ?? '—' },
      { label: 'Benchmark', value: portfolio.benchmark ?? '—' },
      { label: 'Currency', value: portfolio.currency ?? '—' },
      { label: 'Minimum investment', value: formatMoney(portfolio.minimumInvestment, portfolio.currency) },
      { label: 'Holdings', value: formatCount(portfolio.holdings.length) },
      { label: 'Weights', value: weightsWords(portfolio) },
      { label: 'Model last updated', value: formatDateTime(portfolio.updatedAt), when: true },
      // The data date: the last sync with the partner's API.
      {
        label: 'Data as of',
        value: context.syncedAt ? formatDateTime(context.syncedAt) : 'not synced yet',
        when: true,
      },
    ],
    slices: allocationByAssetClass(portfolio.holdings),
    holdings: sortHoldings(portfolio.holdings, { key: 'weight', direction: 'descending' }),
    generated: formatDateTime(context.generatedAt),
    source: context.source,
  };
}
