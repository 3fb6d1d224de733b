// Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01, Circular 01/2018/TT-VPCP; A1, A3): the
// application code, service, applicant, the papers actually received (originals, copies, files),
// the appointment, the receiving officer and how to look the dossier up — drawn by the one-stop
// papers' renderer (papers/pdf.ts) as PDF, and as a printable page.
import { renderPaper } from './papers/pdf.ts';
import { datedLine, PAPERS, type PaperContent } from './papers/model.ts';
import { dayVi, timeVi, vietnamDay } from '../web/format.ts';

export interface ReceiptInput {
  code: string;
  agencyName: string;
  serviceName: string;
  applicantName: string;
  submittedAt: Date;
  dueDate: string | null;
  /** The due instant, when the time limit is in working hours. */
  dueAt?: Date | null;
  /** What arrived with the application (not the catalog's list): each paper and in what form. */
  received: { label: string; form: string }[];
  lookupUrl: string;
  /** When and by whom it was received; absent while an online application waits for reception. */
  receivedAt?: Date | null;
  officerName?: string | null;
  /** How it came: at the counter, by post, online. */
  channel?: string;
}

const CHANNELS: Record<string, string> = { 'truc-tuyen': 'trực tuyến', 'truc-tiep': 'trực tiếp tại Bộ phận Một cửa', 'buu-chinh': 'qua dịch vụ bưu chính' };

export function receiptContent(r: ReceiptInput): PaperContent {
  const received = r.receivedAt ?? null;
  const appointment = r.dueAt ? timeVi(r.dueAt) : dayVi(r.dueDate);
  return {
    form: PAPERS['tiep-nhan'].form,
    title: PAPERS['tiep-nhan'].title.toLocaleUpperCase('vi'),
    code: r.code,
    agencyName: r.agencyName,
    dated: datedLine(vietnamDay(received ?? r.submittedAt)),
    blocks: [
      { kind: 'line', label: 'Người nộp hồ sơ', value: r.applicantName },
      { kind: 'line', label: 'Nội dung yêu cầu giải quyết (thủ tục)', value: r.serviceName },
      { kind: 'line', label: `Thời điểm nộp${r.channel ? ` ${CHANNELS[r.channel] ?? ''}`.trimEnd() : ''}`, value: timeVi(r.submittedAt) },
      { kind: 'line', label: 'Thời điểm tiếp nhận', value: received ? timeVi(received) : 'Hồ sơ đang chờ cán bộ tiếp nhận' },
      { kind: 'list', label: 'Thành phần hồ sơ đã nhận', items: r.received.map((c) => `${c.label} (${c.form})`), empty: 'Không có giấy tờ kèm theo.' },
      { kind: 'line', label: 'Ngày hẹn trả kết quả', value: appointment },
      { kind: 'text', text: `Tra cứu tình trạng hồ sơ: mở ${r.lookupUrl.split('?')[0]}, nhập mã hồ sơ ${r.code} cùng 4 số cuối số điện thoại hoặc CCCD của người nộp; hoặc quét mã QR.` },
    ],
    signer: { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: received ? r.officerName : null },
    lookup: { url: r.lookupUrl, text: 'Quét mã để tra cứu tình trạng hồ sơ.' },
  };
}

export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  return renderPaper(receiptContent(r));
}
