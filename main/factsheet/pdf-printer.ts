import type { PageSize } from '../../common/factsheet';

/** How one factsheet is printed: the paper, and the margins left round it (room for the page-number footer). */
export interface PdfPrintOptions {
  pageSize: PageSize;
  /** Top, right, bottom and left margin, in inches. */
  marginInches: number;
}

/**
 * Renders the app window's print stylesheet to PDF bytes: `webContents.printToPDF` in the app
 * (main/shell/pdf-printer.ts), Playwright's `page.pdf()` in the Chromium harness.
 */
export interface PdfPrinter {
  print(options: PdfPrintOptions): Promise<Uint8Array>;
}

/** The factsheet's margins: half an inch (12.7 mm) all round, inside what A4 and US Letter printers reach. */
export const factsheetMarginInches = 0.5;
