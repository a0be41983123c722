import { describe, expect, it } from 'vitest';
import { paperSizeForRegion, regionOfLocale } from '../../../main/factsheet/region-paper';

describe('the paper of a region', () => {
  it.each(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'us', ' ca '])('is US Letter in %j', (region) => {
    expect(paperSizeForRegion(region)).toBe('Letter');
  });

  it.each(['DE', 'GB', 'FR', 'AU', 'JP', 'IN', 'BR', 'ZA'])('is A4 in %s', (region) => {
    expect(paperSizeForRegion(region)).toBe('A4');
  });

  it.each([null, undefined, ''])('is A4 when the region is unknown (%j)', (region) => {
    expect(paperSizeForRegion(region)).toBe('A4');
  });
});

describe('the region of a locale', () => {
  it.each([
    ['en-US', 'US'],
    ['fr-CA', 'CA'],
    ['de-DE', 'DE'],
    ['en-GB', 'GB'],
    ['fr', 'FR'],
  ])('%s → %s', (locale, region) => {
    expect(regionOfLocale(locale)).toBe(region);
  });

  it('is null for a tag that is not a locale', () => {
    expect(regionOfLocale('not a locale!')).toBeNull();
  });
});
