// Sổ theo dõi hồ sơ (Mẫu số 06, Circular 01/2018/TT-VPCP): a unit's dossiers over a period, one
// line each — received, due, handed to, result, returned — as a page and a landscape PDF (A3, A5).
import { STATUS_NAMES, type Status } from '../model.ts';
import { dayVi, shorten, timeVi, vietnamDay } from '../../web/format.ts';
import { columns, datedLine, type PaperContent } from './model.ts';
import type { BookRow } from './store.ts';

export const BOOK_TITLE = 'Sổ theo dõi hồ sơ';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The longest period one book covers. */
export const BOOK_MAX_DAYS = 366;

export interface BookQuery {
  unit: string;
  from: string;
  to: string;
}

const validDay = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * The unit and period asked for (don-vi, tu, den), checked: a unit of the person's, real days,
 * `from` not after `to`, at most a year. By default: the person's own unit, this month so far.
 */
export function bookQuery(q: { 'don-vi'?: string; tu?: string; den?: string }, units: readonly string[], own: string | null, now = new Date()): { ok: true; value: BookQuery } | { ok: false; value: BookQuery; errors: Record<string, string> } {
  const today = vietnamDay(now);
  const value = { unit: String(q['don-vi'] ?? '').trim() || (own && units.includes(own) ? own : (units[0] ?? '')), from: String(q.tu ?? '').trim() || `${today.slice(0, 8)}01`, to: String(q.den ?? '').trim() || today };
  const errors: Record<string, string> = {};
  if (!units.includes(value.unit)) errors['don-vi'] = 'Hãy chọn một đơn vị trong phạm vi của bạn.';
  if (!validDay(value.from)) errors.tu = 'Hãy nhập ngày bắt đầu đúng dạng năm-tháng-ngày, ví dụ 2026-12-01.';
  if (!validDay(value.to)) errors.den = 'Hãy nhập ngày kết thúc đúng dạng năm-tháng-ngày, ví dụ 2026-12-31.';
  if (!errors.tu && !errors.den) {
    const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000;
    if (days < 0) errors.den = 'Ngày kết thúc phải từ ngày bắt đầu trở đi.';
    else if (days >= BOOK_MAX_DAYS) errors.den = `Mỗi lần xem tối đa ${BOOK_MAX_DAYS} ngày; hãy chia thành nhiều khoảng.`;
  }
  return Object.keys(errors).length ? { ok: false, value, errors } : { ok: true, value };
}

const CHANNEL_NOTES: Record<string, string> = { 'truc-tuyen': 'Trực tuyến', 'truc-tiep': 'Trực tiếp', 'buu-chinh': 'Bưu chính' };

/** The cells of one line of the book (after its number). */
export function bookCells(r: BookRow, today: string): string[] {
  const open = ![3, 7, 8, 9, 10].includes(r.status);
  const late = r.dueDate && (r.finishedAt ? vietnamDay(r.finishedAt) > r.dueDate : open && today > r.dueDate);
  return [
    r.code,
    r.applicantName,
    shorten(r.serviceName, 140),
    timeVi(r.receivedAt ?? r.submittedAt),
    dayVi(r.dueDate),
    r.handedTo ?? '—',
    `${STATUS_NAMES[r.status as Status] ?? r.status}${r.finishedAt ? ` (${dayVi(vietnamDay(r.finishedAt))})` : ''}`,
    r.returnedAt ? timeVi(r.returnedAt) : '—',
    [CHANNEL_NOTES[r.channel], late ? 'Quá hạn' : '', r.receivedAt ? '' : 'Chưa tiếp nhận'].filter(Boolean).join('; '),
  ];
}

export const BOOK_COLUMNS = columns({
  'Mã hồ sơ': 4.4, 'Người nộp': 2.4, 'Thủ tục': 3.6, 'Nhận hồ sơ': 2, 'Hẹn trả': 1.5,
  'Chuyển đến': 2.4, 'Kết quả': 2.4, 'Trả kết quả': 2, 'Ghi chú': 2,
});

export function bookContent(unitName: string, q: BookQuery, rows: readonly BookRow[], now = new Date()): PaperContent {
  const today = vietnamDay(now);
  return {
    form: 'Mẫu số 06',
    title: BOOK_TITLE.toLocaleUpperCase('vi'),
    code: '',
    subtitle: `Từ ngày ${dayVi(q.from)} đến ngày ${dayVi(q.to)}`,
    agencyName: unitName,
    dated: datedLine(today),
    landscape: true,
    blocks: [{ kind: 'table', caption: `${rows.length} hồ sơ, theo thứ tự nộp`, columns: BOOK_COLUMNS, rows: rows.map((r) => bookCells(r, today)), empty: 'Không có hồ sơ nào trong khoảng thời gian này.' }],
    signer: { role: 'NGƯỜI LẬP SỔ' },
  };
}
