// The rules of the calendar's administration (A4), pure: a year's decision on extra days off and
// make-up working days as an administrator types it, and an agency's working hours. A decision is
// entered once; each day may belong to one decision only; a day off falls on a working day and a
// make-up working day on a weekend, both within the decision's year.
import type { Problem, ProblemTable } from '../web/problem.ts';
import { dayVi, readDayVi } from '../web/format.ts';
import { publicHolidays } from './holidays.ts';
import type { WorkingHours } from './calendar.ts';

export type CalendarProblem = Problem<
  | 'YEAR_INVALID'
  | 'REFERENCE_MISSING'
  | 'TITLE_MISSING'
  | 'DAYS_MISSING'
  | 'DAY_UNREADABLE'
  | 'DAY_OUTSIDE_YEAR'
  | 'DAY_TWICE'
  | 'DAY_TAKEN'
  | 'DAY_OFF_NOT_WORKING'
  | 'WORKING_DAY_NOT_WEEKEND'
  | 'DECISION_NOT_FOUND'
  | 'HOURS_INVALID'
  | 'AGENCY_UNKNOWN'
>;

export const CALENDAR_PROBLEMS: ProblemTable<CalendarProblem['code']> = {
  status: { YEAR_INVALID: 400, REFERENCE_MISSING: 400, TITLE_MISSING: 400, DAYS_MISSING: 400, DAY_UNREADABLE: 400, DAY_OUTSIDE_YEAR: 400, DAY_TWICE: 400, DAY_TAKEN: 409, DAY_OFF_NOT_WORKING: 400, WORKING_DAY_NOT_WEEKEND: 400, DECISION_NOT_FOUND: 404, HOURS_INVALID: 400, AGENCY_UNKNOWN: 400 },
  vi: {
    YEAR_INVALID: (p) => `Năm phải là một số từ ${p.min} đến ${p.max}.`,
    REFERENCE_MISSING: 'Hãy nhập số hiệu của quyết định, ví dụ: Quyết định số 1234/QĐ-TTg.',
    TITLE_MISSING: 'Hãy nhập trích yếu (tên) của quyết định.',
    DAYS_MISSING: 'Hãy nhập ít nhất một ngày của quyết định, mỗi ngày một dòng.',
    DAY_UNREADABLE: (p) => `Dòng ${p.line} (“${p.text}”) không đọc được: hãy viết “ngày/tháng/năm; nghỉ hoặc làm bù; tên ngày”.`,
    DAY_OUTSIDE_YEAR: (p) => `Ngày ${p.day} (dòng ${p.line}) không thuộc năm ${p.year} của quyết định.`,
    DAY_TWICE: (p) => `Ngày ${p.day} có hai lần trong quyết định (dòng ${p.line}); mỗi ngày chỉ ghi một lần.`,
    DAY_TAKEN: (p) => `Ngày ${p.day} (dòng ${p.line}) đã có trong ${p.reference}; hãy xóa quyết định đó trước nếu muốn đổi.`,
    DAY_OFF_NOT_WORKING: (p) => `Ngày ${p.day} (dòng ${p.line}) là ${p.why}, vốn đã là ngày nghỉ; ngày nghỉ thêm phải là ngày làm việc.`,
    WORKING_DAY_NOT_WEEKEND: (p) => `Ngày ${p.day} (dòng ${p.line}) là ${p.why}; ngày làm bù phải là thứ Bảy hoặc Chủ nhật không trùng ngày lễ.`,
    DECISION_NOT_FOUND: 'Không có quyết định này, hoặc quyết định đã bị xóa.',
    HOURS_INVALID: (p) => `Giờ làm việc “${p.text}” chưa đúng: hãy viết các khoảng giờ:phút–giờ:phút theo thứ tự, không chồng lên nhau, ví dụ 07:30-11:30, 13:30-17:00.`,
    AGENCY_UNKNOWN: 'Hãy chọn một cơ quan trong phạm vi quản trị của mình.',
  },
  en: {
    YEAR_INVALID: (p) => `The year must be a number from ${p.min} to ${p.max}.`,
    REFERENCE_MISSING: 'Enter the decision’s reference, e.g. Quyết định số 1234/QĐ-TTg.',
    TITLE_MISSING: 'Enter the decision’s title.',
    DAYS_MISSING: 'Enter at least one day of the decision, one per line.',
    DAY_UNREADABLE: (p) => `Line ${p.line} (“${p.text}”) cannot be read: write “day/month/year; nghỉ or làm bù; the day’s name”.`,
    DAY_OUTSIDE_YEAR: (p) => `${p.day} (line ${p.line}) is not in the decision’s year ${p.year}.`,
    DAY_TWICE: (p) => `${p.day} appears twice in the decision (line ${p.line}); list each day once.`,
    DAY_TAKEN: (p) => `${p.day} (line ${p.line}) is already in ${p.reference}; delete that decision first to change it.`,
    DAY_OFF_NOT_WORKING: (p) => `${p.day} (line ${p.line}) is a weekend day or holiday (${p.why}); an extra day off must be a working day.`,
    WORKING_DAY_NOT_WEEKEND: (p) => `${p.day} (line ${p.line}) is ${p.why}; a make-up working day must be a Saturday or Sunday that is not a holiday.`,
    DECISION_NOT_FOUND: 'This decision does not exist or has already been deleted.',
    HOURS_INVALID: (p) => `The working hours “${p.text}” are not valid: write hh:mm-hh:mm spans in order, not overlapping, e.g. 07:30-11:30, 13:30-17:00.`,
    AGENCY_UNKNOWN: 'Choose an agency you administer.',
  },
};

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2200;

export type DayKind = 'day-off' | 'working-day';

export interface DecisionDay {
  day: string;
  kind: DayKind;
  name: string;
}

export interface NewDecision {
  year: number;
  reference: string;
  title: string;
  days: DecisionDay[];
}

export const KIND_LABEL: Record<DayKind, string> = { 'day-off': 'nghỉ', 'working-day': 'làm bù' };

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
const KINDS: Record<string, DayKind> = { nghi: 'day-off', 'ngay nghi': 'day-off', 'nghi them': 'day-off', 'lam bu': 'working-day', 'di lam bu': 'working-day', 'ngay lam bu': 'working-day' };
const WEEKDAY_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** "2/1/2026", "02/01/2026", "2.1.2026", "2-1-2026" or "2026-01-02" as YYYY-MM-DD; undefined when not a real day. */
export const readDay = (text: string): string | undefined => readDayVi(text.trim().replace(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, '$1/$2/$3'));

/** One line per day: "day; kind; name" (separated by ";", "|" or a tab; a comma also works before the name). */
export function parseDays(text: string): { days: (DecisionDay & { line: number })[]; problems: CalendarProblem[] } {
  const days: (DecisionDay & { line: number })[] = [];
  const problems: CalendarProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const parts = line.split(/\s*[;|\t]\s*/);
    const [first, second, ...rest] = parts.length >= 3 ? parts : line.split(/\s*,\s*/);
    const day = readDay(first ?? '');
    const kind = KINDS[fold(second ?? '')];
    const name = rest.join(', ').trim().slice(0, 200);
    if (!day || !kind || !name) problems.push({ code: 'DAY_UNREADABLE', field: 'days', params: { line: i + 1, text: line.slice(0, 80) } });
    else days.push({ day, kind, name, line: i + 1 });
  });
  return { days, problems };
}

/**
 * A decision as typed, checked against the computed public holidays and the days other decisions
 * hold (`taken`: day → that decision's reference). Every problem is listed at once.
 */
export function checkDecision(input: { year: string; reference: string; title: string; days: string }, taken: ReadonlyMap<string, string>): { ok: true; decision: NewDecision } | { ok: false; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  const year = /^\d{4}$/.test(input.year.trim()) ? Number(input.year.trim()) : NaN;
  if (!(year >= YEAR_MIN && year <= YEAR_MAX)) problems.push({ code: 'YEAR_INVALID', field: 'year', params: { min: YEAR_MIN, max: YEAR_MAX } });
  const reference = input.reference.trim().slice(0, 200);
  const title = input.title.trim().slice(0, 500);
  if (!reference) problems.push({ code: 'REFERENCE_MISSING', field: 'reference' });
  if (!title) problems.push({ code: 'TITLE_MISSING', field: 'title' });
  const parsed = parseDays(input.days);
  problems.push(...parsed.problems);
  if (!parsed.days.length && !parsed.problems.length) problems.push({ code: 'DAYS_MISSING', field: 'days' });
  const holidays = new Map(Number.isFinite(year) ? publicHolidays(year).map((h) => [h.day, h.name]) : []);
  const seen = new Set<string>();
  for (const d of parsed.days) {
    const params = { day: dayVi(d.day), line: d.line, year: Number.isFinite(year) ? year : input.year.slice(0, 8) };
    const weekday = new Date(`${d.day}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const holiday = holidays.get(d.day);
    if (Number.isFinite(year) && Number(d.day.slice(0, 4)) !== year) problems.push({ code: 'DAY_OUTSIDE_YEAR', field: 'days', params });
    else if (seen.has(d.day)) problems.push({ code: 'DAY_TWICE', field: 'days', params });
    else if (taken.has(d.day)) problems.push({ code: 'DAY_TAKEN', field: 'days', params: { ...params, reference: taken.get(d.day)! } });
    else if (d.kind === 'day-off' && (weekend || holiday)) problems.push({ code: 'DAY_OFF_NOT_WORKING', field: 'days', params: { ...params, why: holiday ? `ngày lễ ${holiday}` : WEEKDAY_VI[weekday]! } });
    else if (d.kind === 'working-day' && (!weekend || holiday)) problems.push({ code: 'WORKING_DAY_NOT_WEEKEND', field: 'days', params: { ...params, why: holiday ? `ngày lễ ${holiday}` : WEEKDAY_VI[weekday]! } });
    seen.add(d.day);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, decision: { year, reference, title, days: parsed.days.map(({ day, kind, name }) => ({ day, kind, name })) } };
}

/** The days of a decision as the form shows them again, one per line. */
export const daysText = (days: readonly DecisionDay[]) => days.map((d) => `${dayVi(d.day)}; ${KIND_LABEL[d.kind]}; ${d.name}`).join('\n');

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "07:30-11:30, 13:30-17:00" as spans in order and not overlapping; empty: the usual hours (null). */
export function parseWorkingHours(text: string): { ok: true; hours: WorkingHours | null } | { ok: false; problem: CalendarProblem } {
  const t = text.trim();
  if (!t) return { ok: true, hours: null };
  const refused = { ok: false as const, problem: { code: 'HOURS_INVALID' as const, field: 'hours', params: { text: t.slice(0, 80) } } };
  const spans: [string, string][] = [];
  for (const part of t.split(/\s*[,;\n]\s*/).filter(Boolean)) {
    const [a, b, extra] = part.split(/\s*[-–]\s*/).map((x) => (/^\d:/.test(x) ? `0${x}` : x));
    if (!a || !b || extra !== undefined || !HHMM.test(a) || !HHMM.test(b) || a >= b) return refused;
    if (spans.length && spans[spans.length - 1]![1] > a) return refused;
    spans.push([a, b]);
  }
  return spans.length && spans.length <= 6 ? { ok: true, hours: spans } : refused;
}

export const hoursText = (hours: WorkingHours) => hours.map(([a, b]) => `${a}-${b}`).join(', ');
