// A one-stop paper as PDF: the agency's letterhead beside the national motto, the form number,
// the title and code, then its lines, lists and tables, the date and the signature block (A3).
import QRCode from 'qrcode';
import { a4Document, collect, pt, type FontName } from '../../web/pdf.ts';
import { agencyLetterhead } from '../letterhead.ts';
import type { PaperBlock, PaperContent } from './model.ts';

const BODY = 13;

export async function renderPaper(p: PaperContent): Promise<Buffer> {
  const doc = a4Document({ marginsMm: { top: 20, bottom: 20, left: p.landscape ? 20 : 30, right: 20 }, title: `${p.title.toLocaleLowerCase('vi').replace(/^./, (c) => c.toLocaleUpperCase('vi'))} ${p.code}`.trim(), landscape: p.landscape });
  if (p.form) doc.font('italic').fontSize(11).text(p.form, doc.page.margins.left, doc.page.margins.top - pt(9), { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'right' });
  const head = agencyLetterhead(doc, p.agencyName, p.title, p.code, p.subtitle);
  if (p.addressee) {
    doc.font('regular').fontSize(BODY).text(`Kính gửi: ${p.addressee}`, head.left, doc.y, { width: head.width, align: 'center' });
    doc.moveDown(0.6);
  }
  for (const b of p.blocks) block(doc, head, b);
  await closing(doc, head, p);
  return collect(doc);
}

type Head = ReturnType<typeof agencyLetterhead>;

function block(doc: PDFKit.PDFDocument, head: Head, b: PaperBlock): void {
  const { left, width } = head;
  switch (b.kind) {
    case 'line':
      return head.line(b.label, b.value);
    case 'text':
      doc.font('regular').fontSize(BODY).text(b.text, left, doc.y, { width, align: 'justify' });
      doc.moveDown(0.3);
      return;
    case 'list':
      doc.font('bold').fontSize(BODY).text(`${b.label}:`, left, doc.y, { width });
      doc.font('regular');
      if (!b.items.length) doc.text(b.empty, left + pt(5), doc.y, { width: width - pt(5) });
      b.items.forEach((item, i) => doc.text(`${i + 1}. ${item}`, left + pt(5), doc.y, { width: width - pt(5) }));
      doc.moveDown(0.3);
      return;
    case 'table':
      return table(doc, head, b);
  }
}

/** A table with a numbered first column; a page break repeats the header so each page reads alone. */
function table(doc: PDFKit.PDFDocument, { left, width }: Head, b: Extract<PaperBlock, { kind: 'table' }>): void {
  doc.font('bold').fontSize(BODY).text(`${b.caption}:`, left, doc.y, { width });
  doc.moveDown(0.2);
  if (!b.rows.length) {
    doc.font('regular').text(b.empty, left + pt(5), doc.y, { width: width - pt(5) });
    doc.moveDown(0.3);
    return;
  }
  const size = b.columns.length > 7 ? 9 : 10;
  const number = pt(10);
  const total = b.columns.reduce((n, c) => n + c.weight, 0);
  const widths = [number, ...b.columns.map((c) => ((width - number) * c.weight) / total)];
  const pad = 2.5;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const draw = (cells: string[], font: FontName) => {
    doc.font(font).fontSize(size);
    const height = Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (font === 'regular') draw(header, 'bold');
      doc.font(font).fontSize(size);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((t, i) => {
      doc.rect(x, top, widths[i]!, height).lineWidth(0.5).stroke();
      doc.text(t, x + pad, top + pad, { width: widths[i]! - 2 * pad, align: font === 'bold' || i === 0 ? 'center' : 'left' });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = top + height;
  };
  const header = ['STT', ...b.columns.map((c) => c.label)];
  draw(header, 'bold');
  b.rows.forEach((r, i) => draw([String(i + 1), ...r], 'regular'));
  doc.moveDown(0.6);
}

/** The date, the signature block on the right and the lookup QR code on the left, kept on one page. */
async function closing(doc: PDFKit.PDFDocument, { left, width }: Head, p: PaperContent): Promise<void> {
  const room = pt(p.lookup ? 45 : 38);
  if (doc.y + room > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.5);
  const top = doc.y;
  const half = width * 0.5;
  doc.font('italic').fontSize(BODY).text(p.dated, left + half, top, { width: half, align: 'center' });
  doc.font('bold').text(p.signer.role, { width: half, align: 'center' });
  doc.font('italic').fontSize(11).text('(Ký, ghi rõ họ tên)', { width: half, align: 'center' });
  if (p.signer.name) {
    doc.moveDown(3);
    doc.font('bold').fontSize(BODY).text(p.signer.name, { width: half, align: 'center' });
  }
  if (p.lookup) {
    const qr = await QRCode.toBuffer(p.lookup.url, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    doc.image(qr, left, top, { width: pt(30) });
    doc.font('regular').fontSize(10).text(p.lookup.text, left, top + pt(31), { width: pt(45) });
  }
}
