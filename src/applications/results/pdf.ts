// "Kết quả giải quyết" generated from a template: the agency, the application, the decision
// text, and in the footer a QR code and link of the public verification page. The application
// code is also in the PDF's Subject, where the verification page finds it in a changed copy.
import QRCode from 'qrcode';
import { a4Document, collect, pt } from '../../web/pdf.ts';
import { dateOfVi, timeVi } from '../../web/format.ts';
import { agencyLetterhead } from '../letterhead.ts';

export interface ResultInput {
  code: string;
  agencyName: string;
  serviceName: string;
  applicantName: string;
  decision: string;
  issuedAt: Date;
  verifyUrl: string;
}

export const SUBJECT_PREFIX = 'dvctt-ket-qua:';

/** The application code a generated result names in its metadata, if it is still there. */
export function codeInPdf(bytes: Buffer): string | undefined {
  const m = /dvctt-ket-qua:([0-9A-Za-z.]{3,40}-\d{6}-\d{4,5})/.exec(bytes.toString('latin1'));
  return m?.[1];
}

export async function renderResult(r: ResultInput): Promise<Buffer> {
  const doc = a4Document({ marginsMm: { top: 20, bottom: 15, left: 30, right: 20 }, title: `Kết quả giải quyết hồ sơ ${r.code}`, subject: `${SUBJECT_PREFIX}${r.code}`, created: r.issuedAt });
  const { left, width, line } = agencyLetterhead(doc, r.agencyName, 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', r.code);
  line('Thủ tục', r.serviceName);
  line('Người nộp hồ sơ', r.applicantName);
  line('Ngày ban hành', dateOfVi(r.issuedAt));
  doc.moveDown(0.5);
  doc.font('bold').fontSize(13).text('Nội dung giải quyết:', left, doc.y, { width });
  doc.font('regular').fontSize(13).text(r.decision, left, doc.y, { width, align: 'justify' });
  doc.moveDown(1.5);
  doc.font('bold').text(r.agencyName, left + width * 0.5, doc.y, { width: width * 0.5, align: 'center' });
  doc.font('italic').fontSize(11).text(`(Ký số lúc ${timeVi(r.issuedAt)})`, { width: width * 0.5, align: 'center' });

  // Footer: how anyone checks this document.
  const qr = await QRCode.toBuffer(r.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 200 });
  const footerTop = doc.page.height - doc.page.margins.bottom - pt(26);
  doc.moveTo(left, footerTop - pt(3)).lineTo(left + width, footerTop - pt(3)).lineWidth(0.5).stroke();
  doc.image(qr, left, footerTop, { width: pt(24) });
  doc
    .font('regular')
    .fontSize(10)
    .text(`Văn bản điện tử được ký số bởi ${r.agencyName}. Kiểm tra tính toàn vẹn và chữ ký: quét mã QR hoặc mở ${r.verifyUrl} và tải tệp này lên.`, left + pt(28), footerTop, { width: width - pt(28), lineBreak: true });
  return collect(doc);
}
