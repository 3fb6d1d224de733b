// What each one-stop paper says, generated from the application's data (PaperData): the receipt
// lists what was received, a request everything asked at once with its reason, the refusal and the
// stop their reason, the apology the new date, the control sheet every hop and status change (A3).
import { STATUS_NAMES } from '../model.ts';
import { receiptContent } from '../receipt.ts';
import { dayVi, timeVi, vietnamDay } from '../../web/format.ts';
import { columns, datedLine, lastMoveTo, OUTCOME_LABELS, outcomeOf, PAPERS, receivedAt, type PaperContent, type PaperEntry, type PaperKind } from './model.ts';
import type { Hop, PaperData, ReceivedPaper } from './store.ts';

export const PAPER_FORMS: Record<NonNullable<ReceivedPaper['paperForm']>, string> = {
  'ban-chinh': 'bản chính',
  'ban-sao': 'bản sao',
  'ban-sao-chung-thuc': 'bản sao có chứng thực',
};

/** How a received paper came: "bản sao có chứng thực, 2 bản", or the file it arrived as. */
export function receivedForm(f: ReceivedPaper): string {
  if (f.paperForm) return `${PAPER_FORMS[f.paperForm]}, ${f.copies ?? 1} bản`;
  return f.source === 'vault' ? `bản điện tử từ kho dữ liệu: ${f.originalName}` : `bản điện tử: ${f.originalName}`;
}

/** A request's reason without the list of items the officer's page appends to it (" Cần bổ sung: …"), which the paper lists itself. */
export function requestReason(stored: string): string {
  return stored.replace(/\s*Cần bổ sung: [\s\S]*$/, '').trim();
}

export interface ContentOptions {
  publicUrl: string;
  /** The e-form the answers came with (received as the declaration itself). */
  eFormTitle?: string;
  now?: Date;
}

/** The receiving officer: the one who moved it to "Được tiếp nhận" (or recorded it at the counter). */
const receiverOf = (d: PaperData) => d.a.history.find((h) => h.status === 2 && h.kind !== 'apology')?.actor ?? (d.a.channel === 'truc-tuyen' ? null : (d.a.history[0]?.actor ?? null));

/** The Mẫu 01 receipt of an application, received or (online) still waiting for reception. */
export function receiptOf(d: PaperData, o: ContentOptions): PaperContent {
  const { a } = d;
  return receiptContent({
    code: a.code,
    agencyName: a.agencyName,
    serviceName: a.serviceName,
    applicantName: d.applicantName,
    submittedAt: a.submittedAt,
    dueDate: a.dueDate,
    dueAt: d.dueAt,
    channel: a.channel,
    received: [...(o.eFormTitle && a.data ? [{ label: o.eFormTitle, form: 'tờ khai điện tử' }] : []), ...d.received.filter((f) => !f.supplement).map((f) => ({ label: f.label, form: receivedForm(f) }))],
    lookupUrl: `${o.publicUrl}/tra-cuu?code=${encodeURIComponent(a.code)}`,
    receivedAt: receivedAt(a),
    officerName: receiverOf(d),
  });
}

const HOP_LABELS: Record<string, string> = {
  reception: 'Tiếp nhận',
  assignment: 'Phân công xử lý',
  transfer: 'Chuyển xử lý',
  return: 'Chuyển trả',
  'approval-request': 'Trình phê duyệt',
  approval: 'Phê duyệt',
  'send-back': 'Trả lại để xử lý tiếp',
  result: 'Trả kết quả',
};

/** One row of the control sheet: a hop against its own deadline, or a status change as it happened. */
function controlRows(d: PaperData, today: string): { at: Date; cells: string[] }[] {
  const hop = (h: Hop) => ({
    at: h.at,
    cells: [
      timeVi(h.at),
      HOP_LABELS[h.kind] ?? h.kind,
      [h.actorName, h.fromUnit].filter(Boolean).join(', ') || '—',
      [h.toName, h.toUnit].filter(Boolean).join(', ') || '—',
      dayVi(h.dueDate),
      h.doneAt ? timeVi(h.doneAt) : '—',
      [OUTCOME_LABELS[outcomeOf(h.dueDate, h.doneAt && vietnamDay(h.doneAt), today)], h.note].filter((t) => t && t !== '—').join('. ') || '—',
    ],
  });
  const finished = new Set([3, 8, 9, 10]);
  const events = d.a.history.map((e) => ({
    at: e.at,
    cells: [
      timeVi(e.at),
      e.kind === 'apology' ? 'Xin lỗi, hẹn lại ngày trả' : `Trạng thái: ${e.statusName}`,
      e.actor ?? '—',
      e.status === 1 ? d.a.agencyName : '—',
      dayVi(d.a.dueDate),
      finished.has(e.status) && e.kind !== 'apology' ? timeVi(e.at) : '—',
      // On time or late is measured for the result against the legal due date (A4), not for a refusal or stop.
      [(e.status === 9 || e.status === 10) && e.kind !== 'apology' ? OUTCOME_LABELS[outcomeOf(d.a.dueDate, vietnamDay(e.at), today)] : '', e.note ?? ''].filter(Boolean).join('. ') || '—',
    ],
  }));
  return [...events, ...d.hops.map(hop)].sort((x, y) => x.at.getTime() - y.at.getTime());
}

function base(d: PaperData, kind: PaperKind, issuedAt: Date): Omit<PaperContent, 'blocks' | 'signer'> {
  return { form: PAPERS[kind].form, title: PAPERS[kind].title.toLocaleUpperCase('vi'), code: d.a.code, agencyName: d.a.agencyName, dated: datedLine(vietnamDay(issuedAt)) };
}

/** What the paper `p` of this application says. */
export function paperContent(d: PaperData, p: PaperEntry, o: ContentOptions): PaperContent {
  const { a } = d;
  const common = [
    { kind: 'line' as const, label: 'Người nộp hồ sơ', value: d.applicantName },
    { kind: 'line' as const, label: 'Thủ tục', value: a.serviceName },
    { kind: 'line' as const, label: 'Thời điểm nộp', value: timeVi(a.submittedAt) },
  ];
  const officer = { role: 'CÁN BỘ, CÔNG CHỨC' };
  switch (p.kind) {
    case 'tiep-nhan':
      return receiptOf(d, o);
    case 'bo-sung': {
      const r = d.requests[(p.number ?? 1) - 1]!;
      return {
        ...base(d, 'bo-sung', r.requestedAt),
        addressee: d.applicantName,
        blocks: [
          ...common,
          { kind: 'text', text: `Sau khi xem xét thành phần hồ sơ, ${a.agencyName} đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau (yêu cầu một lần, đầy đủ):` },
          { kind: 'list', label: 'Giấy tờ cần bổ sung, hoàn thiện', items: r.items.map((i) => i.label), empty: '—' },
          { kind: 'line', label: 'Lý do', value: requestReason(r.reason) || '—' },
          { kind: 'line', label: 'Thời điểm yêu cầu', value: timeVi(r.requestedAt) },
          { kind: 'text', text: 'Thời gian chờ bổ sung không tính vào thời hạn giải quyết; ngày hẹn trả kết quả được tính lại khi hồ sơ đã đủ. Ông/bà nộp bổ sung trên Cổng dịch vụ công tại trang của hồ sơ hoặc tại Bộ phận Một cửa.' },
        ],
        signer: { ...officer, name: r.requestedBy },
      };
    }
    case 'tu-choi': {
      const m = lastMoveTo(a, 3)!;
      return {
        ...base(d, 'tu-choi', m.at),
        addressee: d.applicantName,
        blocks: [...common, { kind: 'text', text: `${a.agencyName} không tiếp nhận, giải quyết hồ sơ của ông/bà.` }, { kind: 'line', label: 'Lý do', value: m.note || '—' }, { kind: 'text', text: 'Xin thông báo để ông/bà biết và thực hiện.' }],
        signer: { ...officer, name: a.history.find((h) => h.at === m.at)?.actor },
      };
    }
    case 'xin-loi': {
      const ap = d.apology!;
      return {
        ...base(d, 'xin-loi', ap.sentAt),
        addressee: d.applicantName,
        blocks: [
          ...common,
          { kind: 'line', label: 'Ngày hẹn trả kết quả ban đầu', value: dayVi(ap.previousDueDate) },
          { kind: 'line', label: 'Lý do chậm', value: ap.reason },
          { kind: 'text', text: `${a.agencyName} xin lỗi ông/bà vì sự chậm trễ này và hẹn trả kết quả vào ngày mới dưới đây.` },
          { kind: 'line', label: 'Ngày hẹn trả kết quả mới', value: dayVi(ap.newDueDate) },
        ],
        signer: { role: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', name: ap.officerName },
      };
    }
    case 'dung-xu-ly': {
      const m = lastMoveTo(a, 8)!;
      return {
        ...base(d, 'dung-xu-ly', m.at),
        addressee: d.applicantName,
        blocks: [...common, { kind: 'line', label: 'Trạng thái trước đó', value: STATUS_NAMES[a.history.filter((h) => h.at < m.at).at(-1)?.status ?? 1] }, { kind: 'text', text: `${a.agencyName} thông báo dừng xử lý hồ sơ của ông/bà.` }, { kind: 'line', label: 'Lý do', value: m.note || '—' }],
        signer: { ...officer, name: a.history.find((h) => h.at === m.at)?.actor },
      };
    }
    case 'kiem-soat': {
      const now = o.now ?? new Date();
      return {
        ...base(d, 'kiem-soat', now),
        landscape: true,
        blocks: [
          ...common,
          { kind: 'line', label: 'Ngày hẹn trả kết quả', value: d.apology ? `${dayVi(a.dueDate)} (hẹn lại: ${dayVi(d.apology.newDueDate)})` : dayVi(a.dueDate) },
          {
            kind: 'table',
            caption: 'Quá trình giải quyết hồ sơ',
            columns: columns({ 'Thời điểm': 2, 'Nội dung': 3, 'Bên giao': 3, 'Bên nhận': 3, 'Hạn xử lý': 1.6, 'Hoàn thành': 2, 'Kết quả (trước, đúng, quá hạn); ghi chú': 4 }),
            rows: controlRows(d, vietnamDay(now)).map((r) => r.cells),
            empty: 'Chưa có bước xử lý nào.',
          },
        ],
        signer: { role: 'NGƯỜI LẬP PHIẾU' },
      };
    }
  }
}
