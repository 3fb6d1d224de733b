// The electronic receipt as a PDF (A7): the agency's letterhead and the national motto, the
// series and number, the payer, the fee, the amount in figures and in words, how and when it was
// paid (Vietnam time), the lookup code; a refunded receipt says so across its top.
import { a4Document, collect } from '../../web/pdf.ts';
import { timeVi } from '../../web/format.ts';
import { agencyLetterhead } from '../letterhead.ts';
import { formatVnd } from './model.ts';
import type { Receipt } from './receipts.ts';
import { amountInWords } from './words.ts';

export const GATEWAY_NAMES: Record<string, string> = { vnpay: 'Cổng thanh toán VNPAY', paygov: 'Nền tảng thanh toán trực tuyến (PayGov)', transfer: 'Chuyển khoản ngân hàng' };

export async function renderReceipt(r: Receipt): Promise<Buffer> {
  const doc = a4Document({ marginsMm: { top: 20, bottom: 15, left: 30, right: 20 }, title: `Biên lai điện tử ${r.number}`, subject: `dvctt-bien-lai:${r.number}`, created: r.paidAt });
  const { left, width, line } = agencyLetterhead(doc, r.agencyName, 'BIÊN LAI THU PHÍ, LỆ PHÍ', r.applicationCode, '(Biên lai điện tử)');
  if (r.refundedAt) {
    doc.font('bold').fontSize(14).fillColor('#b00020').text(`ĐÃ HOÀN TIỀN lúc ${timeVi(r.refundedAt)}`, left, doc.y, { width, align: 'center' });
    doc.font('regular').fontSize(12).text(`Lý do: ${r.refundReason ?? ''}`, { width, align: 'center' }).fillColor('black');
    doc.moveDown(0.8);
  }
  line('Ký hiệu', r.series);
  line('Số', String(r.seq).padStart(7, '0'));
  line('Số biên lai', r.number);
  line('Đơn vị thu', r.agencyName);
  line('Người nộp', r.payerName);
  line('Mã hồ sơ', r.applicationCode);
  line('Nội dung thu', r.feeName);
  line('Số tiền', formatVnd(r.amount));
  line('Bằng chữ', amountInWords(r.amount));
  line('Hình thức thanh toán', GATEWAY_NAMES[r.gateway] ?? r.gateway);
  if (r.gatewayTxnNo) line('Mã giao dịch', r.gatewayTxnNo);
  line('Thời điểm thanh toán', timeVi(r.paidAt));
  line('Mã tra cứu', r.lookupCode);
  doc.moveDown(1.5);
  doc.font('bold').fontSize(13).text(r.agencyName, left + width * 0.5, doc.y, { width: width * 0.5, align: 'center' });
  doc.font('italic').fontSize(11).text('(Biên lai điện tử do Cổng Dịch vụ công lập khi nhận được thanh toán)', { width: width * 0.5, align: 'center' });
  return collect(doc);
}
