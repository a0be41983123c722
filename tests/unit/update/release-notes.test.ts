import { describe, expect, it } from 'vitest';
import { whatsNewLine } from '../../../main/update/release-notes';

describe('the one-line "What\'s new"', () => {
  it('is the first real line of Markdown notes, without the markup', () => {
    expect(
      whatsNewLine("## What's new\n\n- **Faster** sync of [large lists](https://example.com/x)\n- CSV fixes"),
    ).toBe('Faster sync of large lists');
  });

  it('reads HTML notes as text', () => {
    expect(whatsNewLine('<h2>Release notes</h2><ul><li>Export keeps the column order &amp; BOM</li></ul>')).toBe(
      'Export keeps the column order & BOM',
    );
  });

  it('takes the newest note when the feed lists one per version', () => {
    expect(
      whatsNewLine([
        { version: '0.3.0', note: 'Offline banner is clearer' },
        { version: '0.2.0', note: 'Older note' },
      ]),
    ).toBe('Offline banner is clearer');
  });

  it('is shortened to fit the status bar', () => {
    const line = whatsNewLine(`Improved ${'very '.repeat(60)}much`);
    expect(line?.length).toBeLessThanOrEqual(160);
    expect(line?.length).toBeGreaterThan(150);
    expect(line).toMatch(/^Improved very .*very…$/);
  });

  it('is null when there are no notes worth a line', () => {
    expect(whatsNewLine(null)).toBeNull();
    expect(whatsNewLine(undefined)).toBeNull();
    expect(whatsNewLine('')).toBeNull();
    expect(whatsNewLine('## Changes\n\n')).toBeNull();
    expect(whatsNewLine([{ version: '0.2.0', note: null }])).toBeNull();
  });
});
