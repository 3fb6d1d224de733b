// Satisfaction ratings (Q2, Art. 12): the three answers and the four criteria.
import type { Outcome } from '../web/problem.ts';
import { SERVICE_CODE } from '../catalog/index.ts';

export const LEVELS = ['rat-hai-long', 'hai-long', 'chua-hai-long'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  'rat-hai-long': 'Rất hài lòng',
  'hai-long': 'Hài lòng',
  'chua-hai-long': 'Chưa hài lòng',
};

export const CRITERIA = ['overall', 'convenience', 'timeliness', 'attitude'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_NAMES: Record<Criterion, string> = {
  overall: 'Mức độ hài lòng chung',
  convenience: 'Sự thuận tiện',
  timeliness: 'Mức độ đúng hạn',
  attitude: 'Thái độ cán bộ',
};

/** An application may be rated once it has ended: refused, stopped, resolved or returned. */
export const RATEABLE_STATUSES: ReadonlySet<number> = new Set([3, 8, 9, 10]);

/** A rating may be changed for this long after it was first given. */
export const CHANGE_DAYS = 7;

export type RatingInput = Partial<Record<Criterion, unknown>> & { comment?: unknown };

export const MAX_COMMENT = 2000;

/** Why a rating is refused (sentences and statuses: RATING_PROBLEMS in problems.ts). */
export type RatingProblem = 'OVERALL_MISSING' | 'LEVEL_UNKNOWN' | 'COMMENT_NOT_TEXT' | 'COMMENT_TOO_LONG' | 'NOT_FOUND' | 'NOT_ENDED' | 'RATING_FINAL';

/** Checks a rating; returns the clean values or the first problem, with the field it is about. */
export function checkRating(input: RatingInput): Outcome<Record<Criterion, Level | null> & { comment: string | null }, RatingProblem> {
  const value = { overall: null, convenience: null, timeliness: null, attitude: null, comment: null } as Record<Criterion, Level | null> & { comment: string | null };
  for (const c of CRITERIA) {
    const v = input[c];
    if (v === undefined || v === null || v === '') {
      if (c === 'overall') return { ok: false, problem: { code: 'OVERALL_MISSING', field: 'overall' } };
      continue;
    }
    if (!(LEVELS as readonly unknown[]).includes(v)) return { ok: false, problem: { code: 'LEVEL_UNKNOWN', field: c, params: { criterion: CRITERION_NAMES[c], levels: LEVELS.join(', ') } } };
    value[c] = v as Level;
  }
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string') return { ok: false, problem: { code: 'COMMENT_NOT_TEXT', field: 'comment' } };
    if (input.comment.length > MAX_COMMENT) return { ok: false, problem: { code: 'COMMENT_TOO_LONG', field: 'comment', params: { max: MAX_COMMENT } } };
    value.comment = input.comment.trim() || null;
  }
  return { ok: true, value };
}

// ── Guidance, FAQ and the managers' period (Q1, Q3) ─────────────────────────────────────────

export type Check<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** A guidance page as an administrator writes it; every problem at once, in Vietnamese. */
export function checkGuidance(input: Record<string, unknown>): Check<{ slug: string; title: string; summary: string | null; bodyMd: string; serviceCodes: string[]; published: boolean }> {
  const errors: Record<string, string> = {};
  const title = text(input.title);
  const slug = text(input.slug).toLowerCase();
  const summary = text(input.summary);
  const bodyMd = text(input.body);
  const serviceCodes = [...new Set(text(input.services).split(/[\s,;]+/).filter(Boolean))];
  if (!title) errors.title = 'Hãy nhập tiêu đề.';
  else if (title.length > 200) errors.title = 'Tiêu đề dài tối đa 200 ký tự.';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) errors.slug = 'Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 80 ký tự), ví dụ "cap-chung-chi-hanh-nghe-duoc".';
  if (summary.length > 300) errors.summary = 'Tóm tắt dài tối đa 300 ký tự.';
  if (!bodyMd) errors.body = 'Hãy nhập nội dung hướng dẫn.';
  else if (bodyMd.length > 50_000) errors.body = 'Nội dung dài tối đa 50.000 ký tự.';
  const bad = serviceCodes.filter((c) => !SERVICE_CODE.test(c));
  if (bad.length) errors.services = `Mã thủ tục không đúng dạng (ví dụ 1.004616): ${bad.slice(0, 5).join(', ')}.`;
  else if (serviceCodes.length > 50) errors.services = 'Một hướng dẫn gắn với tối đa 50 thủ tục.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { slug, title, summary: summary || null, bodyMd, serviceCodes, published: input.published === 'true' || input.published === 'on' || input.published === true } };
}

/** A citizen's question: 10 to 2,000 characters. */
export function checkQuestion(input: unknown): Check<string> {
  const q = text(input);
  if (q.length < 10) return { ok: false, errors: { question: 'Hãy viết câu hỏi (ít nhất 10 ký tự).' } };
  if (q.length > 2000) return { ok: false, errors: { question: 'Câu hỏi dài tối đa 2.000 ký tự.' } };
  return { ok: true, value: q };
}

export function checkAnswer(input: unknown): Check<string> {
  const a = text(input);
  if (a.length < 2) return { ok: false, errors: { answer: 'Hãy viết câu trả lời.' } };
  if (a.length > 10_000) return { ok: false, errors: { answer: 'Câu trả lời dài tối đa 10.000 ký tự.' } };
  return { ok: true, value: a };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The managers' period: months "YYYY-MM" from and to, at most 36 months, not after this month.
 * Without them: this year to date.
 */
export function parsePeriod(from: unknown, to: unknown, currentMonth: string): Check<{ from: string; to: string }> {
  const now = currentMonth.slice(0, 7);
  const f = from === undefined || from === '' ? `${now.slice(0, 4)}-01` : String(from);
  const t = to === undefined || to === '' ? now : String(to);
  const errors: Record<string, string> = {};
  if (!MONTH.test(f)) errors.from = 'Tháng bắt đầu phải có dạng YYYY-MM, ví dụ 2026-01.';
  if (!MONTH.test(t)) errors.to = 'Tháng kết thúc phải có dạng YYYY-MM, ví dụ 2026-06.';
  if (!Object.keys(errors).length) {
    if (f > t) errors.to = 'Tháng kết thúc phải sau tháng bắt đầu.';
    else if (monthsBetween(f, t) > 36) errors.from = 'Mỗi lần xem tối đa 36 tháng.';
    else if (Number(f.slice(0, 4)) < 2000) errors.from = 'Chỉ có số liệu từ năm 2000.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { from: `${f}-01`, to: `${t}-01` } };
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** A counter-received count an officer records: a month not in the future and a whole number. */
export function checkCounterCount(input: { service?: unknown; month?: unknown; count?: unknown }, currentMonth: string): Check<{ service: string; month: string; count: number }> {
  const errors: Record<string, string> = {};
  const service = text(input.service);
  const month = text(input.month);
  const count = text(input.count);
  if (!SERVICE_CODE.test(service)) errors.service = 'Hãy chọn thủ tục.';
  if (!MONTH.test(month)) errors.month = 'Tháng phải có dạng YYYY-MM, ví dụ 2026-03.';
  else if (`${month}-01` > currentMonth) errors.month = 'Không ghi số liệu cho tháng chưa đến.';
  if (!/^\d{1,7}$/.test(count)) errors.count = 'Số hồ sơ phải là số nguyên từ 0 đến 9.999.999.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { service, month: `${month}-01`, count: Number(count) } };
}

/**
 * One CSV table for Excel: UTF-8 with a byte-order mark, CRLF lines, every cell quoted, and a
 * cell that begins like a formula (= + - @, tab, CR) prefixed with ' so a spreadsheet shows it
 * as text (CSV injection).
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    if (v === null) return '""';
    let s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : v;
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
