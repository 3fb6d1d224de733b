// The head of the documents an agency issues about an application (receipt, result): the agency
// and the national motto side by side, the title, the application code, then "label: value" lines.
import { MOTTO, MOTTO_2 } from '../web/paper/sheet.ts';

export interface Letterhead {
  left: number;
  /** Width between the margins. */
  width: number;
  /** One "label: value" line in the document's body size. */
  line(label: string, value: string): void;
}

/** Under the title: the application's code, or `subtitle` for a paper about many (a unit's tracking book). */
export function agencyLetterhead(doc: PDFKit.PDFDocument, agencyName: string, title: string, code: string, subtitle = `Mã hồ sơ: ${code}`): Letterhead {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  doc.font('bold').fontSize(12).text(agencyName.toLocaleUpperCase('vi'), left, top, { width: width * 0.45, align: 'center' });
  doc.font('bold').fontSize(12).text(MOTTO, left + width * 0.45, top, { width: width * 0.55, align: 'center' });
  doc.font('bold').fontSize(13).text(MOTTO_2, { width: width * 0.55, align: 'center' });
  doc.moveDown(2);
  doc.font('bold').fontSize(15).text(title, left, doc.y, { width, align: 'center' });
  doc.font('italic').fontSize(12).text(subtitle, { width, align: 'center' });
  doc.moveDown(1);
  return {
    left,
    width,
    line(label, value) {
      doc.font('bold').fontSize(13).text(`${label}: `, left, doc.y, { continued: true, width }).font('regular').text(value);
      doc.moveDown(0.3);
    },
  };
}
