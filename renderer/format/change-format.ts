import type { VersionEntry } from '../../common/change-views';
import { formatDate, formatDateTime } from './format';

// Model changes in the OS locale: percentage points, versions. The CSV exports never use these.

const pointFormat = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});

/** A change in percentage points with its sign, e.g. "+0.50 pp", "−1.25 pp". */
export function formatPp(pp: number): string {
  return `${pointFormat.format(pp)} pp`;
}

/** How the version picker names a version: the partner's date (else when it was stored), and "current". */
export function versionLabel(entry: VersionEntry): string {
  const date = entry.updatedAt ? formatDateTime(entry.updatedAt) : `stored ${formatDateTime(entry.storedAt)}`;
  return entry.current ? `${date} (current)` : date;
}

/** A version's date in short, for headings and legends. */
export function versionShort(entry: VersionEntry | null): string {
  if (!entry) return '—';
  return formatDate(entry.updatedAt ?? entry.storedAt);
}

const plainPoints = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A size in percentage points without a sign, e.g. "1.25 pp" (turnover, tolerance). */
export function formatPoints(pp: number): string {
  return `${plainPoints.format(pp)} pp`;
}
