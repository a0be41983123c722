// Numbers, dates and sizes in the OS locale (the renderer's default locale). CSV files never use these.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percentFormats = new Map<number, Intl.NumberFormat>();
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const currencyFormats = new Map<string, Intl.NumberFormat | null>();

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A whole number with the locale's grouping, e.g. 10,000 or 10.000. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** A fraction of 1 as a percentage, e.g. 0.2534 → 25.34 %. */
export function formatPercent(fraction: number, digits = 2): string {
  let format = percentFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    percentFormats.set(digits, format);
  }
  return format.format(fraction);
}

/** An amount in its currency when the code is known, else as a plain number. */
export function formatMoney(amount: number | null, currency: string | null): string {
  if (amount === null) return '—';
  const code = currency?.toUpperCase() ?? '';
  let format = currencyFormats.get(code);
  if (format === undefined) {
    try {
      format = /^[A-Z]{3}$/.test(code)
        ? new Intl.NumberFormat(undefined, { style: 'currency', currency: code, maximumFractionDigits: 0 })
        : null;
    } catch {
      format = null;
    }
    currencyFormats.set(code, format);
  }
  return format ? format.format(amount) : integer.format(amount);
}

/** Date and time, e.g. "Jun 30, 2025, 4:00 PM". */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTime.format(date) : '—';
}

/** Date only, e.g. "Jun 30, 2025". */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateOnly.format(date) : '—';
}

/** A time today as just the time; on another day with the date too. */
export function formatWhen(iso: string | null | undefined, now: number = Date.now()): string {
  const date = parse(iso);
  if (!date) return '—';
  return new Date(now).toDateString() === date.toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

/** How long ago (or until) a time is, in words: "2 minutes ago", "in 3 hours", "now". */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  const date = parse(iso);
  if (!date) return '—';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(0, 'second');
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

/** A file size in bytes, kB or MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return new Intl.NumberFormat(undefined, { style: 'unit', unit: 'byte' }).format(bytes);
  const [unit, size] = bytes < 1_000_000 ? ['kilobyte', bytes / 1000] : ['megabyte', bytes / 1_000_000];
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, maximumFractionDigits: 1 }).format(size);
}

/** "1 portfolio" / "2 portfolios", with the count in the locale. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
