// Reads a PDF the way a person checks a printout, with Debian's poppler-utils: page count and size
// (pdfinfo), the words and where they sit (pdftotext -bbox), and the pages as pixels (pdftoppm).
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PDF's page count and the size of its first page, in points (1/72 inch). */
export interface PdfInfo {
  pages: number;
  width: number;
  height: number;
}

/** One word of a page and its box, in points from the page's top left. */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** A page rendered in grey levels: 0 is black, 255 white; one byte per pixel, row by row. */
export interface GreyPage {
  width: number;
  height: number;
  pixels: Uint8Array;
  /** Pixels per point. */
  scale: number;
}

/** Page count and page size from `pdfinfo`. */
export async function pdfInfo(file: string): Promise<PdfInfo> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** The text of the whole PDF, or of one page, in reading order with the layout kept (`pdftotext -layout`). */
export async function pdfText(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const { stdout } = await run('pdftotext', ['-layout', ...range, file, '-'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every word with its box (`pdftotext -bbox`). */
export async function pdfWords(file: string): Promise<PdfWord[]> {
  const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
  const words: PdfWord[] = [];
  let page = 0;
  const pattern = /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const match of stdout.matchAll(pattern)) {
    if (match[0].startsWith('<page')) {
      page += 1;
      continue;
    }
    words.push({
      page,
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
      text: unescapeXml(match[5] ?? ''),
    });
  }
  return words;
}

/** Renders every page to PNG (`pdftoppm -png`) beside the prefix; answers the files in page order. */
export async function renderPng(file: string, prefix: string, dpi = 100): Promise<string[]> {
  await run('pdftoppm', ['-png', '-r', String(dpi), file, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return (await readdir(dir))
    .filter((name) => name.startsWith(`${base}-`) && name.endsWith('.png'))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .map((name) => path.join(dir, name));
}

/** Renders one page in grey levels (`pdftoppm -gray`, a binary PGM) for pixel checks. */
export async function renderGrey(file: string, page: number, prefix: string, dpi = 100): Promise<GreyPage> {
  await run('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    prefix,
  ]);
  const data = await readFile(`${prefix}.pgm`);
  // P5 <width> <height> <maxval>\n<pixels>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height), scale: dpi / 72 };
}

/** The grey level at a point (in points from the top left). */
export function greyAt(page: GreyPage, xPt: number, yPt: number): number {
  const x = Math.round(xPt * page.scale);
  const y = Math.round(yPt * page.scale);
  return page.pixels[y * page.width + x] ?? 255;
}

/** How many points of ink (darker than `threshold`) run rightwards along a line from a start point. */
export function inkRun(page: GreyPage, xStartPt: number, yPt: number, threshold = 150): number {
  const y = Math.round(yPt * page.scale);
  let x = Math.round(xStartPt * page.scale);
  let length = 0;
  while (x < page.width && (page.pixels[y * page.width + x] ?? 255) < threshold) {
    length += 1;
    x += 1;
  }
  return length / page.scale;
}

/** Share of the pixels in a box (points) darker than `threshold`: 0 for a blank box. */
export function inkShare(
  page: GreyPage,
  box: { x: number; y: number; width: number; height: number },
  threshold = 200,
) {
  let dark = 0;
  let all = 0;
  for (let y = Math.round(box.y * page.scale); y < Math.round((box.y + box.height) * page.scale); y += 1) {
    for (let x = Math.round(box.x * page.scale); x < Math.round((box.x + box.width) * page.scale); x += 1) {
      all += 1;
      if ((page.pixels[y * page.width + x] ?? 255) < threshold) dark += 1;
    }
  }
  return all === 0 ? 0 : dark / all;
}

/** The words of a page grouped into lines (same baseline within half a point), top to bottom. */
export function lines(words: readonly PdfWord[]): PdfWord[][] {
  const sorted = [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
  const result: PdfWord[][] = [];
  for (const word of sorted) {
    const line = result.at(-1);
    if (line && Math.abs(line[0]!.yMax - word.yMax) < 0.5) line.push(word);
    else result.push([word]);
  }
  return result.map((line) => line.sort((a, b) => a.xMin - b.xMin));
}
