import { describe, expect, it } from 'vitest';
import { formatBytes, formatMoney, formatPercent, formatRelative, formatWhen } from '../../../renderer/format/format';

describe('format (OS locale)', () => {
  it('shows fractions of 1 as percentages the way the locale does', () => {
    const expected = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 2 }).format(0.2534);
    expect(formatPercent(0.2534)).toBe(expected);
  });

  it('shows money in its currency, and a plain number for an unknown code', () => {
    expect(formatMoney(25_000, 'USD')).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(25_000),
    );
    expect(formatMoney(25_000, 'not-a-code')).toBe(new Intl.NumberFormat().format(25_000));
    expect(formatMoney(null, 'USD')).toBe('—');
  });

  it('shows a time today without the date, another day with it', () => {
    const now = Date.parse('2025-06-30T12:00:00');
    expect(formatWhen('2025-06-30T09:30:00', now)).not.toContain('2025');
    expect(formatWhen('2025-06-01T09:30:00', now)).toContain('2025');
    expect(formatWhen(null)).toBe('—');
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2025-06-30T12:00:00Z');
    expect(formatRelative('2025-06-30T11:58:00Z', now)).toBe(
      new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-2, 'minute'),
    );
  });

  it('shows sizes in bytes, kB and MB', () => {
    expect(formatBytes(512)).toMatch(/512/);
    expect(formatBytes(1_234_567)).toMatch(/1[.,]2/);
  });
});
