import path from 'node:path';
import type { FactsheetOutcome, PageSize } from '../../common/factsheet';
import type { Portfolio } from '../../common/portfolio';
import { AppError } from '../../common/result';
import type { Clock } from '../clock';
import type { SaveDialog, SaveFilter } from '../desktop-ports';
import { nodeAtomicWriteIo, writeFileAtomic, type AtomicWriteIo } from '../fs/atomic-file';
import type { Logger } from '../logging/logger';
import { factsheetPrintFailed, factsheetWriteFailed } from './factsheet-errors';
import { factsheetFileName } from './factsheet-file-name';
import { factsheetMarginInches, type PdfPrinter } from './pdf-printer';
import { paperSizeForRegion } from './region-paper';

/** What the factsheet service needs. */
export interface FactsheetServiceDeps {
  /** One portfolio of the active profile (its name makes the file name; an unknown id fails as main says). */
  portfolio: (id: string) => Promise<Portfolio>;
  saveDialog: SaveDialog;
  printer: PdfPrinter;
  clock: Clock;
  /** The OS region (ISO 3166 code), which picks the paper when the request names none; null when unknown. */
  region: () => string | null;
  logger: Logger;
  /** The file-system steps of the atomic write (a test holds one on cue; the app uses Node's). */
  fileIo?: AtomicWriteIo;
  /** Marks the save as work in progress (updates wait for it). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Told of each saved file, so "Show in folder" may reveal it. */
  onSaved?: (filePath: string) => void;
}

/** The save dialog's file type for factsheets. */
export const pdfFilter: SaveFilter = { name: 'PDF', extensions: ['pdf'] };

const pdfMagic = '%PDF-';

/** Saves portfolio factsheets as PDF: asks where, prints the window's print stylesheet, writes the file atomically. */
export class FactsheetService {
  private busy = false;

  constructor(private readonly deps: FactsheetServiceDeps) {}

  /** The paper a factsheet gets when the request names none: the OS region's. */
  defaultPageSize(): PageSize {
    return paperSizeForRegion(this.deps.region());
  }

  /** Saves one portfolio's factsheet; the renderer shows that factsheet in print until this answers. */
  async savePdf(id: string, pageSize?: PageSize): Promise<FactsheetOutcome> {
    if (this.busy) throw new AppError('FACTSHEET_BUSY');
    this.busy = true;
    try {
      const portfolio = await this.deps.portfolio(id);
      const paper = pageSize ?? this.defaultPageSize();
      const defaultName = factsheetFileName(portfolio.name, this.deps.clock.now());
      const target = await this.deps.saveDialog.chooseSavePath(defaultName, pdfFilter);
      if (!target) return { status: 'cancelled' };
      const work = () => this.printAndWrite(target, paper);
      const bytes = await (this.deps.track ? this.deps.track(work) : work());
      this.deps.onSaved?.(target);
      this.deps.logger.info('factsheet saved', { pageSize: paper, bytes });
      return { status: 'saved', path: target, fileName: path.basename(target), pageSize: paper, bytes };
    } finally {
      this.busy = false;
    }
  }

  private async printAndWrite(target: string, pageSize: PageSize): Promise<number> {
    let pdf: Uint8Array;
    try {
      pdf = await this.deps.printer.print({ pageSize, marginInches: factsheetMarginInches });
    } catch (error) {
      this.deps.logger.error('the factsheet could not be printed to PDF', { error });
      throw factsheetPrintFailed(error);
    }
    if (
      pdf.byteLength < pdfMagic.length ||
      Buffer.from(pdf.subarray(0, pdfMagic.length)).toString('latin1') !== pdfMagic
    ) {
      const error = new Error(`the printer gave ${pdf.byteLength} bytes that are not a PDF`);
      this.deps.logger.error('the factsheet could not be printed to PDF', { error });
      throw factsheetPrintFailed(error);
    }
    try {
      await writeFileAtomic(target, [pdf], 0o644, this.deps.fileIo ?? nodeAtomicWriteIo);
    } catch (error) {
      this.deps.logger.warn('the factsheet PDF could not be written', { error });
      throw factsheetWriteFailed(error);
    }
    return pdf.byteLength;
  }
}
