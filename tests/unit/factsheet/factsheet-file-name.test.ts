import { describe, expect, it } from 'vitest';
import { factsheetFileName } from '../../../main/factsheet/factsheet-file-name';

const now = Date.parse('2026-03-01T23:30:00Z');

describe('the file name a factsheet is offered under', () => {
  it('is the portfolio name, "factsheet" and the date', () => {
    expect(factsheetFileName('Core Balanced', now)).toBe('Core Balanced factsheet 2026-03-01.pdf');
  });

  it.each([
    ['Income / Growth: 60:40', 'Income Growth 60 40 factsheet 2026-03-01.pdf'],
    ['Balanced\nGrowth Sleeve', 'Balanced Growth Sleeve factsheet 2026-03-01.pdf'],
    ['a\\b*c?"d"<e>|f', 'a b c d e f factsheet 2026-03-01.pdf'],
    ['..hidden.  ', 'hidden factsheet 2026-03-01.pdf'],
    ['=SUM(A1:A2) Growth', '=SUM(A1 A2) Growth factsheet 2026-03-01.pdf'],
    ['Größe & Wachstum — 成長 📈', 'Größe & Wachstum — 成長 📈 factsheet 2026-03-01.pdf'],
  ])('is safe on every OS for %j', (name, expected) => {
    expect(factsheetFileName(name, now)).toBe(expected);
  });

  it('is never empty', () => {
    expect(factsheetFileName(' /:* ', now)).toBe('Portfolio factsheet 2026-03-01.pdf');
  });

  it('keeps long names to 120 characters without splitting an emoji', () => {
    const name = `${'x'.repeat(119)}📈📈📈`;
    const file = factsheetFileName(name, now);
    expect(file).toBe(`${'x'.repeat(119)}📈 factsheet 2026-03-01.pdf`);
    expect(() => encodeURIComponent(file), 'no lone surrogate').not.toThrow();
  });
});
