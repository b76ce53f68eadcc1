/** A PDF as a reader gets it, read with pdf.js: each page's text, and how many images it paints. */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  text: string;
  images: number;
}

export async function readPdf(data: Uint8Array): Promise<PdfPage[]> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    // A line break is a space, except after a hyphen that the text itself has ("Jong-" / "un").
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str + (i.hasEOL && !i.str.endsWith('-') ? ' ' : '') : '')).join('');
    const ops = (await page.getOperatorList()).fnArray;
    pages.push({ text: text.replace(/\s+/g, ' ').trim(), images: ops.filter((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject).length });
  }
  await pdf.destroy();
  return pages;
}
