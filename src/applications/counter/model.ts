// Counter intake's rules (A3, V3): how a dossier came, each paper's form and copies, which unit an
// officer may receive for, and the sentences of its refusals. Pure: unit-tested in model.test.ts.
import type { Actor } from '../../identity/index.ts';
import type { Paper } from '../attachments.ts';
import type { Problem, ProblemTable } from '../../web/problem.ts';

export type CounterChannel = 'truc-tiep' | 'buu-chinh';
export const CHANNEL_NAMES: Record<CounterChannel, string> = { 'truc-tiep': 'Trực tiếp tại bộ phận một cửa', 'buu-chinh': 'Qua dịch vụ bưu chính' };

export type PaperForm = Paper['form'];
export const PAPER_FORM_NAMES: Record<PaperForm, string> = { 'ban-chinh': 'Bản chính', 'ban-sao': 'Bản sao', 'ban-sao-chung-thuc': 'Bản sao chứng thực' };

/** The most copies of one paper a dossier records. */
export const MAX_COPIES = 99;

export type CounterProblem = 'APPLICANT_MISSING' | 'APPLICANT_NOT_CITIZEN' | 'BAD_CHANNEL' | 'BAD_PAPERS' | 'AGENCY_NOT_COVERED';

export const COUNTER_PROBLEMS: ProblemTable<CounterProblem> = {
  status: { APPLICANT_MISSING: 400, APPLICANT_NOT_CITIZEN: 409, BAD_CHANNEL: 400, BAD_PAPERS: 400, AGENCY_NOT_COVERED: 403 },
  vi: {
    APPLICANT_MISSING: 'Thiếu thông tin người nộp hồ sơ: cần ít nhất số CCCD và họ tên.',
    APPLICANT_NOT_CITIZEN: 'Số CCCD này thuộc một tài khoản cán bộ, không thể đứng tên người nộp hồ sơ.',
    BAD_CHANNEL: (p) => `Hình thức nộp "${p.channel}" không hợp lệ; chọn "truc-tiep" (trực tiếp tại bộ phận một cửa) hoặc "buu-chinh" (qua dịch vụ bưu chính).`,
    BAD_PAPERS: (p) => `Thông tin giấy tờ không hợp lệ: ${p.detail}`,
    AGENCY_NOT_COVERED: (p) => `Bạn không làm việc tại ${p.agency}, nên không tiếp nhận hồ sơ cho nơi này.`,
  },
  en: {
    APPLICANT_MISSING: 'The applicant is missing: at least the CCCD number and the full name are needed.',
    APPLICANT_NOT_CITIZEN: 'This CCCD number belongs to a staff account, which cannot be the applicant of a dossier.',
    BAD_CHANNEL: (p) => `The channel "${p.channel}" is not valid; choose "truc-tiep" (at the one-stop counter) or "buu-chinh" (by post).`,
    BAD_PAPERS: (p) => `The papers are not valid: ${p.detail}`,
    AGENCY_NOT_COVERED: (p) => `You do not work at ${p.agency}, so you cannot receive dossiers for it.`,
  },
};

export function parseChannel(value: unknown): { ok: true; value: CounterChannel } | { ok: false; problem: Problem<'BAD_CHANNEL'> } {
  if (value === 'truc-tiep' || value === 'buu-chinh') return { ok: true, value };
  return { ok: false, problem: { code: 'BAD_CHANNEL', field: 'channel', params: { channel: typeof value === 'string' ? value.slice(0, 40) : '' } } };
}

export type PaperDetails = Pick<Paper, 'form' | 'copies' | 'matchesOriginal'>;

/**
 * Each paper's form, copies and check, by dossier component: `[{ component, form, copies,
 * matchesOriginal }]`. Absent: no details (a scan is then recorded as one copy, not checked).
 */
export function parsePapers(value: unknown): { ok: true; value: Record<string, PaperDetails> } | { ok: false; problem: Problem<'BAD_PAPERS'> } {
  const bad = (detail: string) => ({ ok: false as const, problem: { code: 'BAD_PAPERS' as const, field: 'papers', params: { detail } } });
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (!Array.isArray(value) || value.length > 100) return bad('cần một danh sách [{ component, form, copies, matchesOriginal }].');
  const out: Record<string, PaperDetails> = {};
  for (const [i, p] of value.entries()) {
    const o = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
    const component = typeof o.component === 'string' ? o.component.slice(0, 80) : '';
    if (!component) return bad(`giấy tờ thứ ${i + 1} thiếu mã thành phần hồ sơ (component).`);
    if (!(typeof o.form === 'string' && o.form in PAPER_FORM_NAMES)) return bad(`giấy tờ "${component}": hình thức phải là ban-chinh, ban-sao hoặc ban-sao-chung-thuc.`);
    const copies = o.copies === undefined ? 1 : Number(o.copies);
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) return bad(`giấy tờ "${component}": số bản phải là số nguyên từ 1 đến ${MAX_COPIES}.`);
    if (out[component]) return bad(`thành phần "${component}" được khai hai lần.`);
    out[component] = { form: o.form as PaperForm, copies, matchesOriginal: o.matchesOriginal === true };
  }
  return { ok: true, value: out };
}

/** An officer receives dossiers for its own unit and those it is a member of, nothing else. */
export const receivesFor = (actor: Actor, agencyCode: string): boolean => actor.role === 'officer' && actor.agencies.has(agencyCode);
