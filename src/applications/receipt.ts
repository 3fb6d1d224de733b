// Phiếu tiếp nhận (A1): the application code, service, applicant, the papers actually received,
// due date, and a QR code of the public lookup link — as a PDF to print or keep.
import QRCode from 'qrcode';
import { a4Document, collect, pt } from '../web/pdf.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { agencyLetterhead } from './letterhead.ts';

export interface ReceiptInput {
  code: string;
  agencyName: string;
  serviceName: string;
  applicantName: string;
  submittedAt: Date;
  dueDate: string | null;
  /** What arrived with the application (not the catalog's list): each paper and in what form. */
  received: { label: string; form: string }[];
  lookupUrl: string;
}


export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  const doc = a4Document({ marginsMm: { top: 20, bottom: 20, left: 30, right: 20 }, title: `Phiếu tiếp nhận hồ sơ ${r.code}` });
  const { left, width, line } = agencyLetterhead(doc, r.agencyName, 'PHIẾU TIẾP NHẬN HỒ SƠ', r.code);
  line('Thủ tục', r.serviceName);
  line('Người nộp hồ sơ', r.applicantName);
  line('Thời điểm nộp trực tuyến', timeVi(r.submittedAt));
  line('Ngày hẹn trả kết quả', dayVi(r.dueDate));
  doc.moveDown(0.5);
  doc.font('bold').text('Thành phần hồ sơ đã nhận:', left, doc.y, { width });
  doc.font('regular');
  if (!r.received.length) doc.text('Không có giấy tờ kèm theo.', left + pt(5), doc.y, { width: width - pt(5) });
  r.received.forEach((c, i) => {
    doc.text(`${i + 1}. ${c.label} (${c.form})`, left + pt(5), doc.y, { width: width - pt(5) });
  });
  doc.moveDown(1);

  const qr = await QRCode.toBuffer(r.lookupUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const qrTop = doc.y;
  doc.image(qr, left, qrTop, { width: pt(32) });
  doc.font('regular').fontSize(11).text(`Quét mã để tra cứu tình trạng hồ sơ, hoặc mở ${r.lookupUrl.split('?')[0]} và nhập mã hồ sơ cùng 4 số cuối số điện thoại hoặc CCCD của người nộp.`, left + pt(38), qrTop, { width: width - pt(38) });
  return collect(doc);
}
