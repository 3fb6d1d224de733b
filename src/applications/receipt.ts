// Phiếu tiếp nhận (A1): the application code, service, applicant, dossier components received,
// due date, and a QR code of the public lookup link — as a PDF to print or keep.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { collect, pt, registerFonts } from '../web/pdf.ts';
import { dayVi, timeVi } from '../web/format.ts';

export interface ReceiptInput {
  code: string;
  agencyName: string;
  serviceName: string;
  applicantName: string;
  submittedAt: Date;
  dueDate: string | null;
  components: { name: string; original: number; copy: number }[];
  lookupUrl: string;
}


export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: pt(20), bottom: pt(20), left: pt(30), right: pt(20) },
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: `Phiếu tiếp nhận hồ sơ ${r.code}`, Creator: 'dvctt', Producer: 'dvctt' },
  });
  registerFonts(doc);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  doc.font('bold').fontSize(12).text(r.agencyName.toLocaleUpperCase('vi'), left, doc.y, { width: width * 0.45, align: 'center' });
  const top = doc.page.margins.top;
  doc.font('bold').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width * 0.45, top, { width: width * 0.55, align: 'center' });
  doc.font('bold').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', { width: width * 0.55, align: 'center' });
  doc.moveDown(2);
  doc.font('bold').fontSize(15).text('PHIẾU TIẾP NHẬN HỒ SƠ', left, doc.y, { width, align: 'center' });
  doc.font('italic').fontSize(12).text(`Mã hồ sơ: ${r.code}`, { width, align: 'center' });
  doc.moveDown(1);

  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(13).text(`${label}: `, left, doc.y, { continued: true, width }).font('regular').text(value);
    doc.moveDown(0.3);
  };
  line('Thủ tục', r.serviceName);
  line('Người nộp hồ sơ', r.applicantName);
  line('Thời điểm nộp trực tuyến', timeVi(r.submittedAt));
  line('Ngày hẹn trả kết quả', dayVi(r.dueDate));
  doc.moveDown(0.5);
  doc.font('bold').text('Thành phần hồ sơ:', left, doc.y, { width });
  doc.font('regular');
  r.components.forEach((c, i) => {
    doc.text(`${i + 1}. ${c.name} (bản chính: ${c.original}; bản sao: ${c.copy})`, left + pt(5), doc.y, { width: width - pt(5) });
  });
  doc.moveDown(1);

  const qr = await QRCode.toBuffer(r.lookupUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const qrTop = doc.y;
  doc.image(qr, left, qrTop, { width: pt(32) });
  doc.font('regular').fontSize(11).text(`Quét mã để tra cứu tình trạng hồ sơ, hoặc mở ${r.lookupUrl.split('?')[0]} và nhập mã hồ sơ cùng 4 số cuối số điện thoại hoặc CCCD của người nộp.`, left + pt(38), qrTop, { width: width - pt(38) });
  return collect(doc);
}
