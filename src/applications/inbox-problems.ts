// The inbox's refusals (A3, A5): a filter, a page size or a cursor it cannot use, explained in
// Vietnamese (and English) with nothing changed. The query names of the page and of the API map
// to one set of filters here.
import type { Actor } from '../identity/index.ts';
import { explain, type Outcome, type Problem, type ProblemTable } from '../web/problem.ts';
import { WARNINGS, type Warning } from './deadlines.ts';
import { CHANNELS, decodeInboxCursor, MAX_PAGE_SIZE, type Channel, type Cursor, type InboxFilters } from './inbox-store.ts';
import { isStatus } from './model.ts';

export type InboxProblem = 'INBOX_PAGE_SIZE' | 'INBOX_FILTER' | 'INBOX_CURSOR';

export const INBOX_PROBLEMS: ProblemTable<InboxProblem> = {
  status: { INBOX_PAGE_SIZE: 400, INBOX_FILTER: 400, INBOX_CURSOR: 400 },
  vi: {
    INBOX_PAGE_SIZE: (p) => `Cỡ trang "${p.value}" không hợp lệ: mỗi trang từ 1 đến ${MAX_PAGE_SIZE} hồ sơ.`,
    INBOX_FILTER: (p) => `Bộ lọc "${p.name}" không nhận giá trị "${p.value}"; ${p.hint}.`,
    INBOX_CURSOR: 'Con trỏ trang không hợp lệ; hãy dùng đúng liên kết "Trang sau" (hoặc giá trị next) đã nhận, hoặc về trang đầu.',
  },
  en: {
    INBOX_PAGE_SIZE: (p) => `The page size "${p.value}" is not valid: each page holds 1 to ${MAX_PAGE_SIZE} applications.`,
    INBOX_FILTER: (p) => `The filter "${p.name}" does not take the value "${p.value}"; ${p.hint}.`,
    INBOX_CURSOR: 'The page cursor is not valid; use the "Trang sau" link (or the next value) exactly as received, or go back to the first page.',
  },
};

export const explainInbox = (problem: Problem<InboxProblem>, locale: 'vi' | 'en' = 'vi') => explain(INBOX_PROBLEMS, problem, locale);

/** The query names of the page (Vietnamese) and of the API (English), and the values each takes. */
export const PAGE_NAMES = { status: 'trang-thai', service: 'thu-tuc', agency: 'noi-nhan', assignee: 'nguoi-xu-ly', due: 'han', channel: 'kenh', q: 'q', after: 'sau' } as const;
export const API_NAMES = { status: 'status', service: 'service', agency: 'agency', assignee: 'assignee', due: 'due', channel: 'channel', q: 'q', after: 'after' } as const;
type Names = typeof PAGE_NAMES | typeof API_NAMES;
export const PAGE_DUE: Record<string, Warning> = { 'tiep-nhan-tre': 'reception-late', 'sap-den-han': 'due-soon', 'qua-han': 'overdue' };
export const PAGE_ASSIGNEE = { me: 'toi', nobody: 'chua' } as const;

export interface ParsedInboxQuery {
  filters: InboxFilters;
  /** The assignee filter as given: 'me', 'nobody' or a username (resolved to an account by the route). */
  assignee?: string;
  after?: Cursor;
}

const CODE = /^[0-9A-Za-z.]{1,40}$/;
const USERNAME = /^[0-9a-z._-]{1,64}$/;

/** The filters of a query, or the first problem with them. */
export function parseInboxQuery(q: Record<string, unknown>, names: Names): Outcome<ParsedInboxQuery, InboxProblem> {
  const page = names === PAGE_NAMES;
  const get = (n: string) => {
    const v = q[n];
    return (Array.isArray(v) ? String(v[0] ?? '') : v === undefined ? '' : String(v)).trim();
  };
  const bad = (name: string, value: string, hint: string): Outcome<ParsedInboxQuery, InboxProblem> => ({ ok: false, problem: { code: 'INBOX_FILTER', field: name, params: { name, value: value.slice(0, 60), hint } } });
  const filters: InboxFilters = {};
  const status = get(names.status);
  if (status) {
    if (!/^\d{1,2}$/.test(status) || !isStatus(Number(status))) return bad(names.status, status, 'dùng mã trạng thái 1–10');
    filters.status = Number(status) as InboxFilters['status'];
  }
  for (const key of ['service', 'agency'] as const) {
    const v = get(names[key]);
    if (v && !CODE.test(v)) return bad(names[key], v, 'dùng mã (chữ số, chữ cái và dấu chấm)');
    if (v) filters[key] = v;
  }
  const due = get(names.due);
  if (due) {
    const w = page ? PAGE_DUE[due] : (WARNINGS as readonly string[]).includes(due) ? (due as Warning) : undefined;
    if (!w) return bad(names.due, due, `dùng một trong ${(page ? Object.keys(PAGE_DUE) : WARNINGS).join(', ')}`);
    filters.due = w;
  }
  const channel = get(names.channel);
  if (channel) {
    if (!(CHANNELS as readonly string[]).includes(channel)) return bad(names.channel, channel, `dùng một trong ${CHANNELS.join(', ')}`);
    filters.channel = channel as Channel;
  }
  const text = get(names.q).slice(0, 100);
  if (text) filters.q = text;
  let assignee: string | undefined;
  const who = get(names.assignee);
  if (who) {
    const me = page ? PAGE_ASSIGNEE.me : 'me';
    const nobody = page ? PAGE_ASSIGNEE.nobody : 'nobody';
    if (who === me) assignee = 'me';
    else if (who === nobody) assignee = 'nobody';
    else if (USERNAME.test(who)) assignee = who;
    else return bad(names.assignee, who, `dùng ${me}, ${nobody} hoặc tên đăng nhập của một cán bộ`);
  }
  const afterText = get(names.after);
  let after: Cursor | undefined;
  if (afterText) {
    after = decodeInboxCursor(afterText);
    if (!after) return { ok: false, problem: { code: 'INBOX_CURSOR', field: names.after } };
  }
  return { ok: true, value: { filters, ...(assignee && { assignee }), ...(after && { after }) } };
}

/** The assignee filter for the store: 'nobody', the person's own id, or the named officer's (undefined: none such). */
export async function resolveAssignee(actor: Actor, given: string | undefined, byUsername: (u: string) => Promise<string | undefined>): Promise<string | undefined | false> {
  if (!given) return undefined;
  if (given === 'nobody') return 'nobody';
  if (given === 'me') return actor.id;
  return (await byUsername(given)) ?? false;
}

/** A page size from the API: 1–100, 50 when not given. */
export function parsePageSize(v: unknown): Outcome<number, InboxProblem> {
  if (v === undefined || v === '') return { ok: true, value: 50 };
  const text = String(v);
  const n = Number(text);
  if (!/^\d{1,6}$/.test(text) || n < 1 || n > MAX_PAGE_SIZE) return { ok: false, problem: { code: 'INBOX_PAGE_SIZE', field: 'pageSize', params: { value: text.slice(0, 20) } } };
  return { ok: true, value: n };
}

/** The query string of a page of the inbox with these filters (links keep the state in the URL). */
export function inboxHref(base: string, values: Record<string, string | undefined>): string {
  const qs = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => !!e[1])).toString();
  return qs ? `${base}?${qs}` : base;
}
