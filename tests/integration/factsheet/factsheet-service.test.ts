import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../../common/portfolio';
import { AppError } from '../../../common/result';
import type { SaveFilter } from '../../../main/desktop-ports';
import { FactsheetService } from '../../../main/factsheet/factsheet-service';
import type { PdfPrintOptions } from '../../../main/factsheet/pdf-printer';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';

// The real service writing real files in a temp folder; only the printer (Electron's printToPDF, or
// Chromium's page.pdf() in the harness spec) and the native dialog are stood in for.

const now = Date.parse('2026-03-01T10:00:00Z');
const pdfBytes = (tag: string) => new TextEncoder().encode(`%PDF-1.7\n% ${tag}\n%%EOF\n`);

function portfolio(id: string, name: string): Portfolio {
  return {
    id,
    name,
    description: null,
    riskLevel: null,
    strategy: null,
    benchmark: null,
    currency: null,
    minimumInvestment: null,
    updatedAt: null,
    holdings: [],
    weightSum: 0,
    weightsOk: false,
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factsheet-service-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function setUp(
  options: {
    answer?: string | null;
    region?: string | null;
    print?: (options: PdfPrintOptions) => Promise<Uint8Array>;
  } = {},
) {
  const asked: Array<{ defaultName: string; filter?: SaveFilter }> = [];
  const printed: PdfPrintOptions[] = [];
  const saved: string[] = [];
  const lines: string[] = [];
  const portfolios = new Map([['mp-1', portfolio('mp-1', 'Core: Balanced')]]);
  const service = new FactsheetService({
    portfolio: (id) => {
      const found = portfolios.get(id);
      return found ? Promise.resolve(found) : Promise.reject(new AppError('NOT_FOUND'));
    },
    saveDialog: {
      chooseSavePath(defaultName, filter) {
        asked.push({ defaultName, filter });
        const answer = options.answer === undefined ? path.join(dir, defaultName) : options.answer;
        return Promise.resolve(answer);
      },
    },
    printer: {
      print(printOptions) {
        printed.push(printOptions);
        return options.print ? options.print(printOptions) : Promise.resolve(pdfBytes(printOptions.pageSize));
      },
    },
    clock: { now: () => now },
    region: () => (options.region === undefined ? 'DE' : options.region),
    logger: createLogger(new Redactor(), (level, line) => lines.push(`${level} ${line}`)),
    onSaved: (file) => saved.push(file),
  });
  return { service, asked, printed, saved, lines };
}

describe('saving a factsheet as PDF', () => {
  it('asks where with the name and date and a PDF filter, prints, and writes the PDF there', async () => {
    const { service, asked, printed, saved } = setUp();
    const outcome = await service.savePdf('mp-1');
    const target = path.join(dir, 'Core Balanced factsheet 2026-03-01.pdf');
    expect(asked).toEqual([
      { defaultName: 'Core Balanced factsheet 2026-03-01.pdf', filter: { name: 'PDF', extensions: ['pdf'] } },
    ]);
    expect(printed).toEqual([{ pageSize: 'A4', marginInches: 0.5 }]);
    expect(outcome).toEqual({
      status: 'saved',
      path: target,
      fileName: 'Core Balanced factsheet 2026-03-01.pdf',
      pageSize: 'A4',
      bytes: pdfBytes('A4').byteLength,
    });
    expect(await readFile(target)).toEqual(Buffer.from(pdfBytes('A4')));
    expect(saved).toEqual([target]);
  });

  it.each([
    ['US', undefined, 'Letter'],
    ['CA', undefined, 'Letter'],
    ['DE', undefined, 'A4'],
    [null, undefined, 'A4'],
    ['US', 'A4', 'A4'],
    ['DE', 'Letter', 'Letter'],
  ] as const)('in region %j with paper %j asked for, prints on %s', async (region, asked, expected) => {
    const { service, printed } = setUp({ region, answer: path.join(dir, `paper-${region}-${asked}.pdf`) });
    expect(service.defaultPageSize()).toBe(region === 'US' || region === 'CA' ? 'Letter' : 'A4');
    const outcome = await service.savePdf('mp-1', asked);
    expect(printed.map((options) => options.pageSize)).toEqual([expected]);
    expect(outcome).toMatchObject({ status: 'saved', pageSize: expected });
  });

  it('prints nothing and writes nothing when the dialog is cancelled', async () => {
    const { service, printed, saved } = setUp({ answer: null });
    const before = await readdir(dir);
    expect(await service.savePdf('mp-1')).toEqual({ status: 'cancelled' });
    expect(printed).toEqual([]);
    expect(saved).toEqual([]);
    expect(await readdir(dir)).toEqual(before);
  });

  it('fails as main says for a portfolio it does not have, before asking anything', async () => {
    const { service, asked, printed } = setUp();
    await expect(service.savePdf('mp-404')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(asked).toEqual([]);
    expect(printed).toEqual([]);
  });

  it('leaves the file that was there when the print fails, and says so with a code', async () => {
    const target = path.join(dir, 'print-fails.pdf');
    await writeFile(target, 'the old file');
    const { service, lines } = setUp({
      answer: target,
      print: () => Promise.reject(new Error('render process gone')),
    });
    const error = await service.savePdf('mp-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'FACTSHEET_PRINT_FAILED', retryable: true });
    expect((error as Error).message).not.toContain('render process');
    expect(lines.join('\n')).toContain('render process gone');
    expect(await readFile(target, 'utf8')).toBe('the old file');
    expect((await readdir(dir)).filter((name) => name.startsWith('print-fails.pdf.tmp-'))).toEqual([]);
  });

  it('refuses bytes that are not a PDF', async () => {
    const target = path.join(dir, 'not-a-pdf.pdf');
    const { service } = setUp({ answer: target, print: () => Promise.resolve(new TextEncoder().encode('<html>')) });
    await expect(service.savePdf('mp-1')).rejects.toMatchObject({ code: 'FACTSHEET_PRINT_FAILED' });
    await expect(readFile(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says in plain words why the file could not be written, and leaves no temp file', async () => {
    const folder = path.join(dir, 'no-such-folder');
    const { service } = setUp({ answer: path.join(folder, 'x.pdf') });
    const error = await service.savePdf('mp-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FACTSHEET_WRITE_FAILED' });
    expect((error as Error).message).toBe(
      'The PDF file could not be written (the folder does not exist). Choose an existing folder, then save again.',
    );
    expect((error as Error).message).not.toContain(folder);
  });

  it('replaces a file of the same name whole', async () => {
    const target = path.join(dir, 'replace.pdf');
    await writeFile(target, 'an older factsheet, longer than the new one '.repeat(50));
    const { service } = setUp({ answer: target });
    await service.savePdf('mp-1', 'Letter');
    expect(await readFile(target)).toEqual(Buffer.from(pdfBytes('Letter')));
  });

  it('prints one factsheet at a time: a second save while one is under way is refused', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { service, printed } = setUp({
      answer: path.join(dir, 'one-at-a-time.pdf'),
      print: async () => {
        await held;
        return pdfBytes('held');
      },
    });
    const first = service.savePdf('mp-1');
    await expect.poll(() => printed.length).toBe(1);
    await expect(service.savePdf('mp-1')).rejects.toMatchObject({ code: 'FACTSHEET_BUSY' });
    release();
    await expect(first).resolves.toMatchObject({ status: 'saved' });
    await expect(service.savePdf('mp-1')).resolves.toMatchObject({ status: 'saved' });
  });
});
