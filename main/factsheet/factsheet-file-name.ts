/** Characters Windows, macOS or Linux refuse in a file name, and control characters (a name may hold a newline). */
// eslint-disable-next-line no-control-regex
const unsafe = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
const longestName = 120;

/**
 * The file name a factsheet is offered under: `<portfolio name> factsheet <YYYY-MM-DD>.pdf`, the name
 * made safe on every OS (no separators, reserved characters or line breaks; not too long; never empty).
 */
export function factsheetFileName(portfolioName: string, now: number): string {
  const date = new Date(now).toISOString().slice(0, 10);
  let name = portfolioName.replace(unsafe, ' ').replace(/\s+/g, ' ').trim();
  // Windows drops trailing dots and spaces; a leading dot hides the file on macOS and Linux.
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  // Cut by characters, not UTF-16 units, so an emoji is never split in half.
  const characters = Array.from(name);
  if (characters.length > longestName) name = characters.slice(0, longestName).join('').trimEnd();
  return `${name || 'Portfolio'} factsheet ${date}.pdf`;
}
