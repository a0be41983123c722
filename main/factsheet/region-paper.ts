import type { PageSize } from '../../common/factsheet';

/**
 * The regions whose paper is US Letter, from the Unicode CLDR's measurement data (paperSize
 * "US-Letter"): the United States, Canada, and the Latin-American countries that follow them.
 * Everywhere else prints on A4.
 */
const letterRegions = new Set(['US', 'CA', 'MX', 'PR', 'BZ', 'CL', 'CO', 'CR', 'GT', 'NI', 'PA', 'PH', 'SV', 'VE']);

/** The paper the OS region uses: US Letter in the Letter regions, A4 elsewhere and when the region is unknown. */
export function paperSizeForRegion(region: string | null | undefined): PageSize {
  return region && letterRegions.has(region.trim().toUpperCase()) ? 'Letter' : 'A4';
}

/** The region of a BCP 47 locale tag ("en-US" → "US", "fr" → "FR" as likely), or null when there is none. */
export function regionOfLocale(locale: string): string | null {
  try {
    return new Intl.Locale(locale).maximize().region ?? null;
  } catch {
    return null;
  }
}
