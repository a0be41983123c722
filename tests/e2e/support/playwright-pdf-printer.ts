import type { Page } from '@playwright/test';
import type { PageSize } from '../../../common/factsheet';
import type { PdfPrinter } from '../../../main/factsheet/pdf-printer';

// Exact ISO A4 and US Letter, as Electron's printToPDF sizes them (Playwright's "A4" format is 8.27 × 11.7 in).
const paper: Record<PageSize, { width: string; height: string }> = {
  A4: { width: '210mm', height: '297mm' },
  Letter: { width: '8.5in', height: '11in' },
};

/**
 * The PdfPrinter of the Chromium harness: Playwright's `page.pdf()` on the page the harness owns,
 * with the same print settings the app gives `webContents.printToPDF` (paper, margins, backgrounds, tagged).
 */
export function playwrightPdfPrinter(page: Page): PdfPrinter {
  return {
    async print({ pageSize, marginInches }) {
      const margin = `${marginInches}in`;
      const pdf = await page.pdf({
        ...paper[pageSize],
        margin: { top: margin, right: margin, bottom: margin, left: margin },
        printBackground: true,
        preferCSSPageSize: false,
        tagged: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  };
}
