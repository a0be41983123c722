/**
 * Characters that make a spreadsheet treat a cell as a formula when a cell starts with them. OWASP ("CSV
 * Injection") lists `=`, `+`, `-`, `@`, tab and carriage return; Excel, LibreOffice and Google Sheets run such
 * cells, so an API-supplied name like `=HYPERLINK(…)` could act when an advisor opens the export. The
 * full-width forms `＝ ＋ － ＠` are added because Apple Numbers folds them to the ASCII ones.
 */
export const formulaTriggers: readonly string[] = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
];

/**
 * Makes a text cell inert for spreadsheets: when it starts with a formula trigger it gets a leading single
 * quote (`=1+1` → `'=1+1`), as OWASP recommends; any other text is returned unchanged. Apply it to text
 * cells only: number and date cells are written by formatNumber/formatDate, so a real -1.5 stays -1.5.
 */
export function neutralizeFormula(text: string): string {
  return text.length > 0 && formulaTriggers.includes(text.charAt(0)) ? `'${text}` : text;
}

/**
 * A number as CSV text that reads the same in every locale: `.` as decimal point, no grouping, no exponent
 * below 1e21, at most `maxDecimals` decimals (rounded) with trailing zeros trimmed, so float noise such as
 * 7.000000000000001 becomes 7. NaN and ±Infinity become an empty cell.
 */
export function formatNumber(n: number, maxDecimals = 6): string {
  if (!Number.isFinite(n)) return '';
  if (Math.abs(n) >= 1e21) return String(n);
  let text = n.toFixed(Math.max(0, Math.min(100, Math.trunc(maxDecimals))));
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimeWithoutZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * An instant as ISO 8601 in UTC (`2025-03-01T12:00:00Z`, milliseconds only when not zero); a plain date
 * (`2025-03-01`) stays a plain date. A date-time without a zone is taken as UTC, never as the machine's
 * local time. Text that is not a valid date becomes an empty cell.
 */
export function formatDate(iso: string): string {
  const text = iso.trim();
  const day = dateOnly.exec(text);
  if (day) {
    const parsed = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text) ? text : '';
  }
  const parsed = new Date(dateTimeWithoutZone.test(text) ? `${text}Z` : text);
  if (Number.isNaN(parsed.getTime())) return '';
  return parsed.toISOString().replace('.000Z', 'Z');
}
