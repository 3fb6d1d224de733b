// Server-side validation of submitted answers (F1, F2, S7): pure, all errors at once, Vietnamese
// messages keyed by the field's path ("fullName", "address.province", "practice.1.from").
// Unknown fields are dropped; hidden fields (their condition does not hold) are not required and
// their values are dropped.
import { ADDRESS_PARTS, answerText, bodyFields, inSentence, kindOf, type BodyReader } from './fields/index.ts';
import { isInput, topFields, type Answers, type ComparisonOp, type Condition, type Field, type FormDefinition, type GroupField, type Value } from './model.ts';

export type FormErrors = Record<string, string>;

export interface ValidationResult {
  values: Answers;
  errors: FormErrors;
}

export interface ValidateOptions {
  /** yyyy-mm-dd, for "today" in date rules; defaults to today in Vietnam (UTC+7). */
  today?: string;
}

export { ADDRESS_PARTS, inSentence };

export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The values a condition looks at: the chosen options, "true" for a ticked box, or the text. */
function conditionValues(field: Field, raw: unknown): string[] {
  const kind = kindOf(field);
  if (kind.conditionValues) return kind.conditionValues(field, raw);
  const t = answerText(raw);
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

/** Checks one field that is visible with its type's module; writes its value and/or errors. */
function checkField(field: Field, raw: unknown, required: boolean, path: string, out: ValidationResult, today: string): void {
  const kind = kindOf(field);
  if (!kind.check) return;
  const { value, errors } = kind.check({ field, raw, required, path, today });
  if (errors) Object.assign(out.errors, errors);
  if (value !== undefined) out.values[field.id] = value;
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
      const words = OP_WORDS[c.op][kindOf(field).compareAs === 'date' ? 0 : 1];
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
  const reader: BodyReader = { one: (v: unknown) => (Array.isArray(v) ? v[0] : v), get: (name: string) => body[name] };
  const read = (field: Field, path: string) => {
    const kind = kindOf(field);
    return kind.fromBody ? kind.fromBody(reader, path) : reader.one(reader.get(path));
  };
  for (const field of topFields(def)) {
    if (!isInput(field)) continue;
    if (field.type === 'group') {
      const indexes = new Set<number>();
      const prefix = `${field.id}.`;
      for (const key of Object.keys(body)) {
        const m = key.startsWith(prefix) ? /^(\d{1,3})\./.exec(key.slice(prefix.length)) : null;
        if (m) indexes.add(Number(m[1]));
      }
      const row = (i: number) => Object.fromEntries(field.fields.map((sub) => [sub.id, read(sub, `${field.id}.${i}.${sub.id}`)]));
      // The browser keeps each row at its place, so paths name the row the person sees.
      if (options.keepRows) out[field.id] = Array.from({ length: indexes.size ? Math.max(...indexes) + 1 : 0 }, (_, i) => (indexes.has(i) ? row(i) : {}));
      else
        out[field.id] = [...indexes]
          .sort((a, b) => a - b)
          .map(row)
          .filter((r) => !isBlank(r));
    } else out[field.id] = read(field, field.id);
  }
  return out;
}

/** The structured answers back as a browser's form fields (the inverse of answersFromFormBody). */
export function formBodyFromAnswers(def: FormDefinition, raw: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const put = (field: Field, path: string, v: unknown) => {
    if (v === undefined || v === null) return;
    const kind = kindOf(field);
    out.push(...(kind.toBody ? kind.toBody(v, path) : bodyFields(v, path)));
  };
  for (const field of topFields(def)) {
    const v = raw[field.id];
    if (field.type === 'group') {
      if (Array.isArray(v)) v.forEach((row, i) => field.fields.forEach((sub) => put(sub, `${field.id}.${i}.${sub.id}`, (row as Record<string, unknown>)?.[sub.id])));
    } else if (isInput(field)) put(field, field.id, v);
  }
  return out;
}
