/** Release notes as electron-updater reports them: text (Markdown or HTML), or one note per version. */
export type ReleaseNotes = string | ReadonlyArray<{ version: string; note: string | null }> | null | undefined;

const maxLength = 160;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
const headingOnly = /^(what['’]?s new|release notes|changes|changelog|highlights)\s*:?$/i;

function plain(line: string): string {
  return line
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_m, name: string) => entities[name] ?? ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(#{1,6}|[-*+]|\d+[.)])\s+/, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One plain line of "What's new" for the status bar: the first real line of the newest notes, shortened. */
export function whatsNewLine(notes: ReleaseNotes): string | null {
  const text = typeof notes === 'string' ? notes : (notes?.[0]?.note ?? null);
  if (!text) return null;
  // Block-level HTML tags end a line, as a browser would show them.
  const lines = text.replace(/<\/?(p|div|li|ul|ol|h[1-6])\b[^>]*>|<br\s*\/?>/gi, '\n').split(/\r?\n/);
  for (const raw of lines) {
    const line = plain(raw);
    if (!line || headingOnly.test(line)) continue;
    return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
  }
  return null;
}
