// Server-side validation of submitted answers (F1, F2, S7): pure, all errors at once, Vietnamese
// messages keyed by the field's path ("fullName", "address.province", "practice.1.from").
// Unknown fields are dropped; hidden fields (their condition does not hold) are not required and
// their values are dropped.
import { cccdProblem, emailProblem, parseDate, phoneProblem, taxCodeProblem } from '../identity/index.ts';
import { addressProblems, PROVINCES } from '../web/provinces.ts';
import { topFields, type Address, type Answers, type ComparisonOp, type Condition, type Field, type FormDefinition, type GroupField, type Value } from './model.ts';

export type FormErrors = Record<string, string>;

export interface ValidationResult {
  values: Answers;
  errors: FormErrors;
}

export interface ValidateOptions {
  /** yyyy-mm-dd, for "today" in date rules; defaults to today in Vietnam (UTC+7). */
  today?: string;
}

export const ADDRESS_PARTS = ['province', 'commune', 'detail'] as const;

/** Lower-cases the first letter of a label used inside a sentence, unless it starts an acronym. */
export function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

type Scalar = string | undefined;
const WRONG_TYPE = Symbol('wrong type');

/** A single submitted value as trimmed text; numbers and booleans are accepted as their text. */
function text(v: unknown): Scalar | typeof WRONG_TYPE {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return WRONG_TYPE;
}

const checked = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1' || v === 'co';

/** The values a condition looks at: the chosen options, "true" for a ticked box, or the text. */
function conditionValues(field: Field, raw: unknown): string[] {
  if (field.type === 'checkbox' || field.type === 'consent') return checked(raw) ? ['true'] : [];
  if (field.type === 'multichoice') return (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  const t = text(raw);
  return typeof t === 'string' && t !== '' ? [t] : [];
}

function holds(c: Condition, target: Field, raw: unknown): boolean {
  const vs = conditionValues(target, raw);
  return c.in ? vs.some((v) => c.in!.includes(v)) : vs.length > 0;
}

function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isBlank);
  if (typeof v === 'object') return Object.values(v).every(isBlank);
  return false;
}

interface Scope {
  /** Fields visible by name in this scope (a group row first, then the top level). */
  lookup: (id: string) => { field: Field; raw: unknown; visible: () => boolean } | undefined;
}

function checkDate(field: Field, s: string, today: string): { value?: string; error?: string } {
  const iso = parseDate(s);
  if (!iso) return { error: `${field.label}: ngày không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/05/1990.` };
  const bound = (b: string | undefined) => (b === 'today' ? today : b);
  const min = bound(field.rules?.minDate);
  const max = bound(field.rules?.maxDate);
  const show = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  if (max && iso > max) return { error: field.rules?.maxDate === 'today' ? `${field.label} không được sau ngày hôm nay.` : `${field.label} không được sau ngày ${show(max)}.` };
  if (min && iso < min) return { error: field.rules?.minDate === 'today' ? `${field.label} không được trước ngày hôm nay.` : `${field.label} không được trước ngày ${show(min)}.` };
  return { value: iso };
}

function checkNumber(field: Field, s: string): { value?: number; error?: string } {
  const compact = s.replace(/\s/g, '');
  const ok = field.type === 'integer' ? /^-?\d+$/.test(compact) : /^-?\d+([.,]\d+)?$/.test(compact);
  if (!ok) return { error: field.type === 'integer' ? `${field.label} phải là số nguyên, chỉ gồm chữ số.` : `${field.label} phải là một số, ví dụ 12,5.` };
  const n = Number(compact.replace(',', '.'));
  if (field.rules?.min !== undefined && n < field.rules.min) return { error: `${field.label} phải từ ${field.rules.min} trở lên.` };
  if (field.rules?.max !== undefined && n > field.rules.max) return { error: `${field.label} phải không quá ${field.rules.max}.` };
  return { value: n };
}

/** Checks one scalar-or-structured field that is visible; writes its value and/or error. */
function checkField(field: Field, raw: unknown, required: boolean, path: string, out: ValidationResult, today: string): void {
  const { errors, values } = out;
  const id = field.id;
  const rules = field.rules ?? {};

  if (field.type === 'attachment' || field.type === 'group') return;

  if (field.type === 'checkbox' || field.type === 'consent') {
    if (raw !== undefined && typeof raw === 'object') {
      errors[path] = `${field.label}: giá trị không hợp lệ.`;
      return;
    }
    const on = checked(raw);
    if (field.type === 'consent' && !on) errors[path] = 'Hãy đánh dấu vào ô này để xác nhận lời cam đoan.';
    else if (required && !on) errors[path] = `Hãy đánh dấu: ${inSentence(field.label)}.`;
    values[id] = on;
    return;
  }

  if (field.type === 'address') {
    if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
      errors[`${path}.province`] = `${field.label}: giá trị không hợp lệ.`;
      return;
    }
    const r = (raw ?? {}) as Record<string, unknown>;
    const parts = ADDRESS_PARTS.map((p) => text(r[p]));
    if (parts.includes(WRONG_TYPE)) {
      errors[`${path}.province`] = `${field.label}: giá trị không hợp lệ.`;
      return;
    }
    const a: Address = { province: (parts[0] as Scalar) ?? '', commune: (parts[1] as Scalar) ?? '', detail: (parts[2] as Scalar) ?? '' };
    const empty = !a.province && !a.commune && !a.detail;
    if (empty) {
      if (required) errors[`${path}.province`] = `Hãy chọn tỉnh, thành phố của ${inSentence(field.label)}.`;
      return;
    }
    const problems = addressProblems(a);
    for (const p of ADDRESS_PARTS) if (problems[p]) errors[`${path}.${p}`] = `${field.label}: ${inSentence(problems[p]!)}`;
    if (!PROVINCES.includes(a.province)) errors[`${path}.province`] = `${field.label}: hãy chọn tỉnh, thành phố trong danh sách.`;
    if (!problems.commune && !problems.province && !problems.detail) values[id] = a;
    return;
  }

  if (field.type === 'multichoice') {
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (list.some((x) => typeof x !== 'string')) {
      errors[path] = `${field.label}: giá trị không hợp lệ.`;
      return;
    }
    const chosen = [...new Set((list as string[]).map((x) => x.trim()).filter(Boolean))];
    const known = new Set(field.options.map((o) => o.value));
    if (chosen.some((c) => !known.has(c))) errors[path] = `${field.label}: có lựa chọn không nằm trong danh sách.`;
    else if (required && !chosen.length) errors[path] = `Hãy chọn ít nhất một mục: ${inSentence(field.label)}.`;
    else if (chosen.length) values[id] = field.options.map((o) => o.value).filter((v) => chosen.includes(v));
    return;
  }

  const t = text(raw);
  if (t === WRONG_TYPE) {
    errors[path] = `${field.label}: giá trị không hợp lệ.`;
    return;
  }
  const s = t ?? '';
  if (s === '') {
    if (required) errors[path] = field.type === 'choice' ? `Hãy chọn ${inSentence(field.label)}.` : `Hãy nhập ${inSentence(field.label)}.`;
    return;
  }

  const maxLength = rules.maxLength ?? (field.type === 'textarea' ? 2000 : 200);
  if (s.length > maxLength) {
    errors[path] = `${field.label} dài tối đa ${maxLength} ký tự.`;
    return;
  }
  if (rules.minLength !== undefined && s.length < rules.minLength) {
    errors[path] = `${field.label} cần ít nhất ${rules.minLength} ký tự.`;
    return;
  }
  if (rules.pattern && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(s)) {
    errors[path] = rules.patternMessage ?? `${field.label} không đúng định dạng.`;
    return;
  }

  let problem: string | undefined;
  let value: Value = s;
  switch (field.type) {
    case 'integer':
    case 'decimal': {
      const r = checkNumber(field, s);
      problem = r.error;
      if (r.value !== undefined) value = r.value;
      break;
    }
    case 'date': {
      const r = checkDate(field, s, today);
      problem = r.error;
      if (r.value) value = r.value;
      break;
    }
    case 'choice':
      if (!field.options.some((o) => o.value === s)) problem = `${field.label}: lựa chọn không nằm trong danh sách.`;
      break;
    case 'idNumber': {
      const digits = s.replace(/\s/g, '');
      // A 9-digit CMND is still accepted on papers issued before the CCCD.
      if (!/^(\d{9}|\d{12})$/.test(digits)) problem = 'Số CCCD gồm 12 chữ số (hoặc số CMND cũ gồm 9 chữ số).';
      else if (digits.length === 12) problem = cccdProblem(digits);
      value = digits;
      break;
    }
    case 'phone':
      problem = phoneProblem(s);
      value = s.replace(/[\s.-]/g, '');
      break;
    case 'email':
      problem = emailProblem(s);
      break;
    case 'taxCode':
      problem = taxCodeProblem(s);
      break;
  }
  if (problem) errors[path] = problem;
  else values[id] = value;
}

function lookupIn(fields: Field[], source: Record<string, unknown>, visibleOf: (f: Field) => boolean) {
  return (id: string) => {
    const field = fields.find((f) => f.id === id);
    return field && { field, raw: source[id], visible: () => visibleOf(field) };
  };
}

/** Visibility: the field's own condition holds, and the field it looks at is itself visible. */
function visibility(scope: Scope, self: (f: Field) => boolean = () => true) {
  return (field: Field): boolean => {
    if (!self(field)) return false;
    if (!field.showIf) return true;
    const target = scope.lookup(field.showIf.field);
    return !!target && target.visible() && holds(field.showIf, target.field, target.raw);
  };
}

function requiredNow(field: Field, scope: Scope): boolean {
  if (field.required) return true;
  if (!field.requireIf) return false;
  const target = scope.lookup(field.requireIf.field);
  return !!target && target.visible() && holds(field.requireIf, target.field, target.raw);
}

const OP_WORDS: Record<ComparisonOp, [date: string, number: string]> = {
  gte: ['không được trước', 'không được nhỏ hơn'],
  gt: ['phải sau', 'phải lớn hơn'],
  lte: ['không được sau', 'không được lớn hơn'],
  lt: ['phải trước', 'phải nhỏ hơn'],
  eq: ['phải trùng với', 'phải bằng'],
  ne: ['phải khác', 'phải khác'],
};

function compareHolds(op: ComparisonOp, a: Value, b: Value): boolean {
  switch (op) {
    case 'gte':
      return a >= b;
    case 'gt':
      return a > b;
    case 'lte':
      return a <= b;
    case 'lt':
      return a < b;
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
  }
}

/** A rule between two fields, checked once both have valid values (so one problem, one message). */
interface Deferred {
  field: Field;
  path: string;
  own: Answers;
  /** The other field's definition and valid value, looked up in the row first. */
  other: (id: string) => { field: Field; value: Value | undefined } | undefined;
  /** Turns a message into the row's own ("Cơ sở thực hành 2: …"). */
  say: (message: string) => string;
}

function runComparisons(list: Deferred[], errors: FormErrors): void {
  for (const { field, path, own, other, say } of list) {
    const mine = own[field.id];
    if (mine === undefined || errors[path]) continue;
    for (const c of field.rules?.compare ?? []) {
      const them = other(c.field);
      if (!them || them.value === undefined) continue;
      if (compareHolds(c.op, mine, them.value)) continue;
      const words = OP_WORDS[c.op][field.type === 'date' ? 0 : 1];
      errors[path] = say(c.message ?? `${field.label} ${words} ${inSentence(them.field.label)}.`);
      break;
    }
  }
}

export function validateAnswers(def: FormDefinition, raw: Record<string, unknown>, options: ValidateOptions = {}): ValidationResult {
  const today = options.today ?? vietnamToday();
  const out: ValidationResult = { values: {}, errors: {} };
  const fields = topFields(def);
  const source = raw && typeof raw === 'object' ? raw : {};

  let topVisible: (f: Field) => boolean = () => true;
  const topScope: Scope = { lookup: lookupIn(fields, source, (f) => topVisible(f)) };
  topVisible = visibility(topScope);

  const deferred: Deferred[] = [];
  const topOther = (id: string) => {
    const field = fields.find((f) => f.id === id);
    return field && { field, value: out.values[id] };
  };
  for (const field of fields) {
    if (!topVisible(field)) continue;
    const required = requiredNow(field, topScope);
    if (field.type === 'group') checkGroup(field, source[field.id], required, out, today, topScope, deferred, topOther);
    else {
      checkField(field, source[field.id], required, field.id, out, today);
      if (field.rules?.compare) deferred.push({ field, path: field.id, own: out.values, other: topOther, say: (m) => m });
    }
  }
  runComparisons(deferred, out.errors);
  return out;
}

/**
 * Which conditional fields are shown for these answers, by path ("degreeOther",
 * "practice.1.note"): the browser hides the others as the person types.
 */
export function conditionalVisibility(def: FormDefinition, raw: Record<string, unknown>): Record<string, boolean> {
  const shown: Record<string, boolean> = {};
  const fields = topFields(def);
  const source = raw && typeof raw === 'object' ? raw : {};
  let topVisible: (f: Field) => boolean = () => true;
  const topScope: Scope = { lookup: lookupIn(fields, source, (f) => topVisible(f)) };
  topVisible = visibility(topScope);
  for (const field of fields) {
    const visible = topVisible(field);
    if (field.showIf) shown[field.id] = visible;
    if (field.type !== 'group' || !field.fields.some((f) => f.showIf)) continue;
    const rows = Array.isArray(source[field.id]) ? (source[field.id] as unknown[]) : [];
    rows.forEach((row, i) => {
      const rowSource = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
      let rowVisible: (f: Field) => boolean = () => true;
      const inner = lookupIn(field.fields, rowSource, (f) => rowVisible(f));
      rowVisible = visibility({ lookup: (id) => inner(id) ?? topScope.lookup(id) });
      for (const sub of field.fields) if (sub.showIf) shown[`${field.id}.${i}.${sub.id}`] = visible && rowVisible(sub);
    });
  }
  return shown;
}

function checkGroup(group: GroupField, raw: unknown, required: boolean, out: ValidationResult, today: string, topScope: Scope, deferred: Deferred[], topOther: Deferred['other']): void {
  if (raw !== undefined && !Array.isArray(raw)) {
    out.errors[group.id] = `${group.label}: giá trị không hợp lệ.`;
    return;
  }
  const all = (raw ?? []) as unknown[];
  if (all.some((r) => !isBlank(r) && (typeof r !== 'object' || r === null || Array.isArray(r)))) {
    out.errors[group.id] = `${group.label}: giá trị không hợp lệ.`;
    return;
  }
  // Blank rows (a row the form offered but the person left empty) do not count; errors keep the
  // row's own number so they point at what the person sees.
  const rows = all.map((row, index) => ({ row, index })).filter((r) => !isBlank(r.row));
  const min = group.minRows ?? (required ? 1 : 0);
  const max = group.maxRows ?? 50;
  if (rows.length < min) out.errors[group.id] = min === 1 ? `Hãy khai ít nhất một dòng: ${inSentence(group.label)}.` : `Hãy khai ít nhất ${min} dòng: ${inSentence(group.label)}.`;
  if (rows.length > max) out.errors[group.id] = `${group.label}: khai tối đa ${max} dòng.`;
  const values: Record<string, Value>[] = [];
  rows.slice(0, max).forEach(({ row, index: i }) => {
    const source = row as Record<string, unknown>;
    let rowVisible: (f: Field) => boolean = () => true;
    const inner = lookupIn(group.fields, source, (f) => rowVisible(f));
    const scope: Scope = { lookup: (id) => inner(id) ?? topScope.lookup(id) };
    rowVisible = visibility(scope);
    const rowOut: ValidationResult = { values: {}, errors: {} };
    for (const field of group.fields) {
      if (!rowVisible(field)) continue;
      checkField(field, source[field.id], requiredNow(field, scope), `${group.id}.${i}.${field.id}`, rowOut, today);
    }
    // "Cơ sở thực hành 2: hãy nhập từ ngày." says which row the message is about.
    const say = (message: string) => `${group.itemLabel ?? group.label} ${i + 1}: ${inSentence(message)}`;
    for (const [path, message] of Object.entries(rowOut.errors)) out.errors[path] = say(message);
    const rowOther = (id: string) => {
      const sibling = group.fields.find((f) => f.id === id);
      return sibling ? { field: sibling, value: rowOut.values[id] } : topOther(id);
    };
    for (const field of group.fields) if (field.rules?.compare && rowVisible(field)) deferred.push({ field, path: `${group.id}.${i}.${field.id}`, own: rowOut.values, other: rowOther, say });
    values.push(rowOut.values);
  });
  if (values.length) out.values[group.id] = values;
}

/**
 * A browser's form body (flat names: "address.province", "practice.0.place", repeated names for
 * several choices) as the structured answers validateAnswers takes. Rows keep their order;
 * gaps in row numbers close up.
 */
export function answersFromFormBody(def: FormDefinition, body: Record<string, unknown>, options: { keepRows?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const get = (name: string) => body[name];
  for (const field of topFields(def)) {
    if (field.type === 'attachment') continue;
    if (field.type === 'group') {
      const indexes = new Set<number>();
      const prefix = `${field.id}.`;
      for (const key of Object.keys(body)) {
        const m = key.startsWith(prefix) ? /^(\d{1,3})\./.exec(key.slice(prefix.length)) : null;
        if (m) indexes.add(Number(m[1]));
      }
      const row = (i: number) => Object.fromEntries(group(field).map((sub) => [sub.id, sub.type === 'address' ? addressFrom(get, `${field.id}.${i}.${sub.id}`, one) : sub.type === 'multichoice' ? get(`${field.id}.${i}.${sub.id}`) : one(get(`${field.id}.${i}.${sub.id}`))]));
      // The browser keeps each row at its place, so paths name the row the person sees.
      if (options.keepRows) out[field.id] = Array.from({ length: indexes.size ? Math.max(...indexes) + 1 : 0 }, (_, i) => (indexes.has(i) ? row(i) : {}));
      else
        out[field.id] = [...indexes]
          .sort((a, b) => a - b)
          .map(row)
          .filter((r) => !isBlank(r));
    } else if (field.type === 'address') out[field.id] = addressFrom(get, field.id, one);
    else if (field.type === 'multichoice') out[field.id] = get(field.id);
    else out[field.id] = one(get(field.id));
  }
  return out;
}

const group = (f: GroupField) => f.fields;

function addressFrom(get: (name: string) => unknown, path: string, one: (v: unknown) => unknown) {
  return Object.fromEntries(ADDRESS_PARTS.map((p) => [p, one(get(`${path}.${p}`))]));
}

/** The structured answers back as a browser's form fields (the inverse of answersFromFormBody). */
export function formBodyFromAnswers(def: FormDefinition, raw: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const put = (field: Field, path: string, v: unknown) => {
    if (v === undefined || v === null) return;
    if (field.type === 'address' && typeof v === 'object') {
      for (const p of ADDRESS_PARTS) {
        const part = (v as Record<string, unknown>)[p];
        if (typeof part === 'string' && part) out.push([`${path}.${p}`, part]);
      }
    } else if (Array.isArray(v)) for (const x of v) out.push([path, String(x)]);
    else if (typeof v !== 'object' && String(v) !== '' && !(v === false)) out.push([path, String(v)]);
  };
  for (const field of topFields(def)) {
    const v = raw[field.id];
    if (field.type === 'group') {
      if (Array.isArray(v)) v.forEach((row, i) => field.fields.forEach((sub) => put(sub, `${field.id}.${i}.${sub.id}`, (row as Record<string, unknown>)?.[sub.id])));
    } else if (field.type !== 'attachment') put(field, field.id, v);
  }
  return out;
}
