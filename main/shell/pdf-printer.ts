import type { WebContents } from 'electron';
import type { PdfPrinter } from '../factsheet/pdf-printer';

/**
 * The PdfPrinter of the app: Electron's `webContents.printToPDF` on the window showing the factsheet,
 * with its print stylesheet, the chosen paper and margins, backgrounds (the stylesheet keeps them
 * white), and a tagged PDF for screen readers. Fails when no window is open.
 */
export function electronPdfPrinter(contents: () => Pick<WebContents, 'printToPDF'> | null): PdfPrinter {
  return {
    async print({ pageSize, marginInches }) {
      const target = contents();
      if (!target) throw new Error('no window to print');
      const margin = marginInches;
      const pdf = await target.printToPDF({
        pageSize,
        margins: { top: margin, right: margin, bottom: margin, left: margin },
        printBackground: true,
        preferCSSPageSize: false,
        generateTaggedPDF: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  };
}
