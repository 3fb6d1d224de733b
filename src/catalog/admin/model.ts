// The catalog administration's pure rules (C1, C4, A5): reading the edit forms into changes and
// problem codes (every field at once, nothing changed on any problem), who may edit what, and the
// difference between a published name and the legal name (Art. 6.3).
import { can, type Actor } from '../../identity/index.ts';
import type { Problem } from '../../web/problem.ts';
import type { DossierComponent, Fee } from '../model.ts';
import type { ImplementationChange } from '../implementations.ts';

export type CatalogAdminProblem =
  | 'NAME_MISSING'
  | 'NAME_TOO_LONG'
  | 'TIME_LIMIT_INVALID'
  | 'TIME_LIMIT_TEXT_MISSING'
  | 'LEVEL_INVALID'
  | 'STEPS_MISSING'
  | 'FEE_LINE_INVALID'
  | 'COMPONENT_NAME_MISSING'
  | 'COMPONENT_COUNT_INVALID'
  | 'TEXT_TOO_LONG'
  | 'FORM_ID_INVALID'
  | 'AGENCY_UNKNOWN'
  | 'AGENCY_OUT_OF_SCOPE'
  | 'AGENCY_IMPLEMENTS'
  | 'LEAD_AGENCY_STAYS'
  | 'DATE_INVALID'
  | 'PERIOD_ORDER'
  | 'REASON_MISSING'
  | 'SERVICE_NOT_FOUND'
  | 'PLACE_NOT_FOUND'
  | 'SERVICE_OUT_OF_SCOPE'
  | 'EMAIL_INVALID'
  | 'REPLACED_BY_SELF'
  | 'REPLACED_BY_UNKNOWN'
  | 'MEMBER_UNKNOWN'
  | 'MEMBER_ALREADY';

export type Problems = Record<string, Problem<CatalogAdminProblem>>;
type Body = Record<string, unknown>;

const MAX_TIME_LIMIT = 3650;

export const str = (body: Body, name: string): string => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const list = (body: Body, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x).trim());
};
const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A whole number of days 0–3650; '' is null (the procedure's own). */
function days(text: string): number | null | undefined {
  if (text === '') return null;
  return /^\d{1,4}$/.test(text) && Number(text) <= MAX_TIME_LIMIT ? Number(text) : undefined;
}

/** Fee lines "description | amount": the fees, or the number of the first bad line. */
export function parseFees(text: string): { fees: Fee[] } | { badLine: number } {
  const fees: Fee[] = [];
  for (const [i, line] of lines(text).entries()) {
    const m = /^(.+?)\s*\|\s*([\d.\s]+)(?:\s*(?:đồng|đ|vnd))?$/i.exec(line);
    const amount = m ? Number(m[2]!.replace(/[.\s]/g, '')) : NaN;
    if (!m || !Number.isSafeInteger(amount) || amount < 0) return { badLine: i + 1 };
    fees.push({ description: m[1]!.trim(), amount });
  }
  return { fees };
}

export const feesText = (fees: readonly Fee[] | null | undefined): string => (fees ?? []).map((f) => `${f.description} | ${f.amount}`).join('\n');

/** The published fields an administrator edits; each is named as in the import file (ServiceRecord). */
export interface ServiceFields {
  name: string;
  timeLimitDays: number;
  timeLimitText: string;
  level: 1 | 2 | 3 | 4;
  steps: string[];
  fees: Fee[];
  components: DossierComponent[];
}

/**
 * The service form read against the current values: the fields that changed, or a problem per
 * field. The published time-limit sentence follows a changed number of days unless it was edited too.
 */
export function readServiceForm(body: Body, current: ServiceFields): { change: Partial<ServiceFields>; problems: Problems } {
  const problems: Problems = {};
  const next: Partial<ServiceFields> = {};
  const name = str(body, 'name').replace(/\s+/g, ' ');
  if (!name) problems.name = { code: 'NAME_MISSING', field: 'name' };
  else if (name.length > 500) problems.name = { code: 'NAME_TOO_LONG', field: 'name', params: { max: 500 } };
  else next.name = name;

  const d = days(str(body, 'timeLimitDays'));
  if (d == null) problems.timeLimitDays = { code: 'TIME_LIMIT_INVALID', field: 'timeLimitDays', params: { max: MAX_TIME_LIMIT } };
  else next.timeLimitDays = d;
  const text = str(body, 'timeLimitText');
  if (!text) problems.timeLimitText = { code: 'TIME_LIMIT_TEXT_MISSING', field: 'timeLimitText' };
  else next.timeLimitText = text === current.timeLimitText && d != null && d !== current.timeLimitDays ? `${d} ngày làm việc` : text;

  const level = str(body, 'level');
  if (!/^[1-4]$/.test(level)) problems.level = { code: 'LEVEL_INVALID', field: 'level' };
  else next.level = Number(level) as ServiceFields['level'];

  const steps = lines(str(body, 'steps'));
  if (!steps.length) problems.steps = { code: 'STEPS_MISSING', field: 'steps' };
  else next.steps = steps;

  const fees = parseFees(str(body, 'fees'));
  if ('badLine' in fees) problems.fees = { code: 'FEE_LINE_INVALID', field: 'fees', params: { line: fees.badLine } };
  else next.fees = fees.fees;

  const names = list(body, 'componentName');
  const originals = list(body, 'componentOriginal');
  const copies = list(body, 'componentCopy');
  const components = current.components.map((c, i) => ({ ...c, name: names[i] ?? c.name, original: count(originals[i], c.original), copy: count(copies[i], c.copy) }));
  components.forEach((c, i) => {
    if (!c.name) problems[`componentName${i}`] = { code: 'COMPONENT_NAME_MISSING', field: `componentName${i}` };
    if (Number.isNaN(c.original)) problems[`componentOriginal${i}`] = { code: 'COMPONENT_COUNT_INVALID', field: `componentOriginal${i}` };
    if (Number.isNaN(c.copy)) problems[`componentCopy${i}`] = { code: 'COMPONENT_COUNT_INVALID', field: `componentCopy${i}` };
  });
  next.components = components;

  const change: Partial<ServiceFields> = {};
  for (const [k, v] of Object.entries(next) as [keyof ServiceFields, unknown][]) {
    if (JSON.stringify(v) !== JSON.stringify(current[k])) (change as Record<string, unknown>)[k] = v;
  }
  return { change, problems };
}

function count(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  return /^\d{1,2}$/.test(text) ? Number(text) : NaN;
}

/** One place's overrides as the form sends them; '' is "the procedure's own". */
export function readPlaceForm(body: Body): { change: ImplementationChange; problems: Problems } {
  const problems: Problems = {};
  const change: ImplementationChange = {};
  const d = days(str(body, 'timeLimitDays'));
  if (d === undefined) problems.timeLimitDays = { code: 'TIME_LIMIT_INVALID', field: 'timeLimitDays', params: { max: MAX_TIME_LIMIT } };
  else change.timeLimitDays = d;
  const level = str(body, 'level');
  if (level && !/^[1-4]$/.test(level)) problems.level = { code: 'LEVEL_INVALID', field: 'level' };
  else change.level = level ? (Number(level) as 1 | 2 | 3 | 4) : null;
  const feeText = str(body, 'fees');
  const fees = parseFees(feeText);
  if ('badLine' in fees) problems.fees = { code: 'FEE_LINE_INVALID', field: 'fees', params: { line: fees.badLine } };
  else change.fees = feeText ? fees.fees : null;
  for (const f of ['receivingAddress', 'openingHours'] as const) {
    const v = str(body, f);
    if (v.length > 500) problems[f] = { code: 'TEXT_TOO_LONG', field: f, params: { max: 500 } };
    else change[f] = v || null;
  }
  const formId = str(body, 'formId');
  if (formId && !/^[A-Za-z0-9._-]{1,100}$/.test(formId)) problems.formId = { code: 'FORM_ID_INVALID', field: 'formId' };
  else change.formId = formId || null;
  change.online = str(body, 'online') !== 'no';
  return { change, problems };
}

/** A day 'YYYY-MM-DD' (or dd/mm/yyyy) at 00:00 in Vietnam (UTC+7). */
export function vietnamMidnight(text: string): Date | undefined {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const day = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00+07:00`);
  // 31/02 rolls over to March: not a day.
  return Number.isNaN(d.getTime()) || new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== day ? undefined : d;
}

export interface OfflinePeriod {
  offlineFrom: Date;
  offlineUntil: Date | null;
  offlineReason: string;
}

/** The offline form: from (empty: now) until the end of a day (empty: until reopened), with a reason. */
export function readOfflineForm(body: Body, now: Date = new Date()): { period?: OfflinePeriod; problems: Problems } {
  const problems: Problems = {};
  const fromText = str(body, 'from');
  const untilText = str(body, 'until');
  const from = fromText ? vietnamMidnight(fromText) : now;
  const untilDay = untilText ? vietnamMidnight(untilText) : null;
  if (!from) problems.from = { code: 'DATE_INVALID', field: 'from' };
  if (untilDay === undefined) problems.until = { code: 'DATE_INVALID', field: 'until' };
  const until = untilDay ? new Date(untilDay.getTime() + 86_400_000) : null;
  if (from && until && until <= from) problems.until = { code: 'PERIOD_ORDER', field: 'until' };
  const reason = str(body, 'reason').replace(/\s+/g, ' ');
  if (!reason) problems.reason = { code: 'REASON_MISSING', field: 'reason' };
  else if (reason.length > 1000) problems.reason = { code: 'TEXT_TOO_LONG', field: 'reason', params: { max: 1000 } };
  if (Object.keys(problems).length) return { problems };
  return { period: { offlineFrom: from!, offlineUntil: until, offlineReason: reason }, problems };
}

/** An agency's editable details. */
export interface AgencyFields {
  address: string | null;
  phone: string | null;
  email: string | null;
  openingHours: string | null;
  sharesData: boolean;
  replacedBy: string | null;
}

export function readAgencyForm(body: Body, code: string, known: ReadonlySet<string>): { fields: AgencyFields; problems: Problems } {
  const problems: Problems = {};
  const text = (f: string) => {
    const v = str(body, f).replace(/\s+/g, ' ');
    if (v.length > 500) problems[f] = { code: 'TEXT_TOO_LONG', field: f, params: { max: 500 } };
    return v || null;
  };
  const fields: AgencyFields = {
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    openingHours: text('openingHours'),
    sharesData: str(body, 'sharesData') === 'yes',
    replacedBy: str(body, 'replacedBy') || null,
  };
  if (fields.email && !/^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(fields.email)) problems.email = { code: 'EMAIL_INVALID', field: 'email' };
  if (fields.replacedBy === code) problems.replacedBy = { code: 'REPLACED_BY_SELF', field: 'replacedBy' };
  else if (fields.replacedBy && !known.has(fields.replacedBy)) problems.replacedBy = { code: 'REPLACED_BY_UNKNOWN', field: 'replacedBy' };
  return { fields, problems };
}

// ── Who may edit what ────────────────────────────────────────────────────────────────────────

/** A procedure's published fields: administrators of its lead agency's tree. */
export const mayEditService = (actor: Actor, leadAgency: string): boolean => can(actor, 'catalog.manage', { agencyCode: leadAgency });
/** An implementation (a place), or an agency: administrators whose tree holds that agency. */
export const mayEditPlace = (actor: Actor, agencyCode: string): boolean => can(actor, 'catalog.manage', { agencyCode });

// ── Art. 6.3: the published name against the legal name ─────────────────────────────────────

/** The words the published name adds to the legal name and those it leaves out (case kept). */
export function nameDifference(name: string, legalName: string): { same: boolean; added: string[]; removed: string[] } {
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const minus = (a: string[], b: string[]) => {
    const rest = [...b];
    return a.filter((w) => {
      const at = rest.indexOf(w);
      if (at === -1) return true;
      rest.splice(at, 1);
      return false;
    });
  };
  const [n, l] = [words(name), words(legalName)];
  return { same: name.trim() === legalName.trim(), added: minus(n, l), removed: minus(l, n) };
}
