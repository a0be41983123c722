import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formulaTriggers, neutralizeFormula } from '../../../common/csv-format';

describe('neutralizeFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
    ['+41 22 000 00 00', "'+41 22 000 00 00"],
    ['-1.5', "'-1.5"],
    ['-', "'-"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', "'\rcarriage"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['Plain Growth', 'Plain Growth'],
    ['', ''],
    [' =1+1', ' =1+1'],
    ['a=1', 'a=1'],
    ["'already", "'already"],
    ['\nnew line first', '\nnew line first'],
    ['Café 📈', 'Café 📈'],
  ])('%j → %j', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it('never leaves a trigger first, and only ever adds one leading quote', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(...formulaTriggers).chain((t) => fc.string().map((s) => t + s)),
        ),
        (text) => {
          const out = neutralizeFormula(text);
          expect(formulaTriggers.includes(out.charAt(0))).toBe(false);
          expect(out === text || out === `'${text}`).toBe(true);
          expect(out !== text).toBe(formulaTriggers.includes(text.charAt(0)));
        },
      ),
    );
  });
});

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [25000, '25000'],
    [1234567.891, '1234567.891'],
    [-1.5, '-1.5'],
    [0.1 + 0.2, '0.3'],
    [0.07 * 100, '7'],
    [0.145 * 100, '14.5'],
    [(1 / 3) * 100, '33.333333'],
    [12.3456789, '12.345679'],
    [1e-7, '0'],
    [-1e-7, '0'],
    [1e20, '100000000000000000000'],
    [123456789012345, '123456789012345'],
    [1e21, '1e+21'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ])('%d → %j', (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });

  it('takes a maximum number of decimals', () => {
    expect(formatNumber(2.5, 0)).toBe('3');
    expect(formatNumber(1.23456, 2)).toBe('1.23');
    expect(formatNumber(1.2, 10)).toBe('1.2');
  });

  it('always writes plain decimal digits that read back within the rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (n) => {
        const text = formatNumber(n);
        expect(text).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        expect(Math.abs(Number(text) - n)).toBeLessThanOrEqual(5e-7 + Math.abs(n) * Number.EPSILON * 4);
      }),
    );
  });

  it('turns any weight fraction into a percent of at most six decimals without float noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (micro) => {
        const weight = micro / 100_000_000; // a fraction with 8 decimals = a percent with 6
        expect(formatNumber(weight * 100)).toBe(String(micro / 1_000_000));
      }),
    );
  });
});

describe('formatDate', () => {
  it.each([
    ['2025-03-01T12:30:00.000Z', '2025-03-01T12:30:00Z'],
    ['2025-03-01T12:30:00.123Z', '2025-03-01T12:30:00.123Z'],
    ['2025-03-01T14:30:00+02:00', '2025-03-01T12:30:00Z'],
    ['2025-03-01T12:30:00', '2025-03-01T12:30:00Z'],
    ['2025-03-01T12:30', '2025-03-01T12:30:00Z'],
    ['2025-03-01', '2025-03-01'],
    ['  2025-03-01  ', '2025-03-01'],
    ['2025-02-30', ''],
    ['not a date', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });

  it('round-trips any instant as ISO 8601 UTC', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const text = formatDate(date.toISOString());
          expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
          expect(new Date(text).getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});
