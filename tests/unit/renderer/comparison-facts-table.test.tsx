// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compareModels } from '../../../common/model-comparison';
import { ComparisonFactsTable } from '../../../renderer/components/ComparisonFactsTable';
import { formatCount, formatMoney } from '../../../renderer/format/format';
import { h, portfolio } from '../common/portfolio-fixture';

afterEach(cleanup);

describe('ComparisonFactsTable', () => {
  it('shows each minimum in its own portfolio’s currency, and marks the facts that differ', () => {
    const euro = portfolio([h('AAA', 60), h('BBB', 40)], {
      id: 'mp-1',
      name: 'Euro',
      currency: 'EUR',
      minimumInvestment: 50_000,
    });
    const franc = portfolio([h('AAA', 100)], { id: 'mp-2', name: 'Franc', currency: 'CHF', minimumInvestment: 2_500 });
    render(<ComparisonFactsTable comparison={compareModels([euro, franc])} />);

    const minimum = screen.getByRole('row', { name: /Minimum investment/ });
    const cells = within(minimum)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([formatMoney(50_000, 'EUR'), formatMoney(2_500, 'CHF')]);
    expect(cells[0]).not.toBe(formatCount(50_000));
    expect(within(minimum).getByRole('rowheader').textContent).toContain('(differs)');
    const holdings = within(screen.getByRole('row', { name: /Holdings/ })).getAllByRole('cell');
    expect(holdings.map((cell) => cell.textContent)).toEqual(['2', '1']);
  });
});
