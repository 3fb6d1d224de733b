// The field page's form body (a plain HTML POST, no JavaScript) read into the changes of one field:
// every problem of the administrator's input at once, each at its input, in Vietnamese. Pure.
import { FIELD_KINDS } from '../fields/index.ts';
import { COMPARISON_OPS, FIELD_TYPES, PREFILL_KEYS, type ComparisonOp, type Condition, type Field, type FieldType, type Option, type PrefillKey, type Rules } from '../model.ts';
import type { Problem } from '../../web/problem.ts';
import { idFrom, type FieldChanges } from './edit.ts';
import type { InputProblemCode } from './problems.ts';

/** The problems of a page's inputs, each at its input's name. */
export type InputProblems = Record<string, Problem<InputProblemCode>>;
const problem = (code: InputProblemCode, params?: Record<string, string>): Problem<InputProblemCode> => ({ code, ...(params && { params }) });

export type Body = Record<string, unknown>;

/** The first value of a name (repeated names arrive as a list), trimmed; '' when absent. */
export const text = (body: Body, name: string, max = 2000): string => {
  const v = body[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim().slice(0, max) : '';
};

/** Every value of a repeated name. */
const list = (body: Body, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/** "nam | Nam" or just "Nữ" (its value made from the label), one option a line. */
export function parseOptions(source: string): Option[] {
  const out: Option[] = [];
  for (const line of source.split(/\r?\n/)) {
    const t = line.trim();
    if (!t) continue;
    const bar = t.indexOf('|');
    const label = (bar >= 0 ? t.slice(bar + 1) : t).trim();
    const value = bar >= 0 ? t.slice(0, bar).trim() : idFrom(label, out.map((o) => o.value), 'lua-chon');
    out.push({ value, label: label || value });
  }
  return out;
}

/** Options back as the textarea shows them. */
export const optionsText = (options: Option[] = []) => options.map((o) => `${o.value} | ${o.label}`).join('\n');

export const isFieldType = (t: string): t is FieldType => (FIELD_TYPES as readonly string[]).includes(t);

function condition(body: Body, prefix: 'show' | 'require', errors: InputProblems): Condition | null {
  const field = text(body, `${prefix}-field`, 200);
  const values = text(body, `${prefix}-values`)
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
  if (!field) {
    if (values.length) errors[`${prefix}-field`] = problem('CONDITION_WITHOUT_FIELD');
    return null;
  }
  return { field, ...(values.length && { in: values }) };
}

function number(body: Body, name: string, errors: InputProblems, integer = false): number | undefined {
  const raw = text(body, name, 40).replace(',', '.');
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    errors[name] = problem(integer ? 'NOT_AN_INTEGER' : 'NOT_A_NUMBER');
    return undefined;
  }
  return n;
}

const DATE = /^(today|\d{4}-\d{2}-\d{2})$/;

/** The rules of the form: lengths, pattern, bounds, dates, and the comparisons with other fields. */
function rules(body: Body, errors: InputProblems): Rules | null {
  const r: Rules = {};
  const minLength = number(body, 'rule-minLength', errors, true);
  const maxLength = number(body, 'rule-maxLength', errors, true);
  if (minLength !== undefined) r.minLength = minLength;
  if (maxLength !== undefined) r.maxLength = maxLength;
  const pattern = text(body, 'rule-pattern', 500);
  if (pattern) {
    try {
      new RegExp(pattern, 'u');
      r.pattern = pattern;
    } catch {
      errors['rule-pattern'] = problem('BAD_PATTERN');
    }
  }
  const patternMessage = text(body, 'rule-patternMessage', 300);
  if (patternMessage) r.patternMessage = patternMessage;
  const min = number(body, 'rule-min', errors);
  const max = number(body, 'rule-max', errors);
  if (min !== undefined) r.min = min;
  if (max !== undefined) r.max = max;
  for (const key of ['minDate', 'maxDate'] as const) {
    const v = text(body, `rule-${key}`, 20);
    if (!v) continue;
    if (DATE.test(v)) r[key] = v;
    else errors[`rule-${key}`] = problem('BAD_DATE');
  }
  const compare: NonNullable<Rules['compare']> = [];
  for (let i = 0; i < 20; i++) {
    const field = text(body, `cmp-${i}-field`, 200);
    if (!field) continue;
    const op = text(body, `cmp-${i}-op`, 10);
    if (!(COMPARISON_OPS as readonly string[]).includes(op)) {
      errors[`cmp-${i}-op`] = problem('NO_COMPARISON_OP');
      continue;
    }
    const message = text(body, `cmp-${i}-message`, 300);
    compare.push({ op: op as ComparisonOp, field, ...(message && { message }) });
  }
  if (compare.length) r.compare = compare;
  return Object.keys(r).length ? r : null;
}

export interface ReadField {
  changes: FieldChanges;
  errors: InputProblems;
}

/** Reads the field page: what to change, or the problems of the input (nothing is changed then). */
export function readFieldBody(body: Body, current: Field): ReadField {
  const errors: InputProblems = {};
  const changes: FieldChanges = {};
  const label = text(body, 'label', 500);
  if (!label) errors.label = problem('NO_LABEL');
  else changes.label = label;
  changes.help = text(body, 'help', 1000) || null;
  changes.required = list(body, 'required').includes('true');
  const type = text(body, 'type', 40) || current.type;
  if (!isFieldType(type)) errors.type = problem('UNKNOWN_TYPE');
  else changes.type = type;
  const kind = isFieldType(type) ? FIELD_KINDS[type] : undefined;
  // A new type's own inputs appear once it is saved: until then it gets what makeField gives it.
  const retyped = type !== current.type;
  if (type === 'choice' || type === 'multichoice') {
    const options = parseOptions(text(body, 'options', 20000));
    if (!options.length && !retyped) errors.options = problem('NO_OPTIONS');
    const dup = options.find((o, i) => options.findIndex((x) => x.value === o.value) !== i);
    if (dup) errors.options = problem('DUPLICATE_OPTION', { value: dup.value });
    if (options.length) changes.options = options;
  }
  if (type === 'attachment') {
    const component = text(body, 'component', 200);
    if (!component && !retyped) errors.component = problem('NO_COMPONENT');
    else if (component) changes.component = component;
  }
  if (type === 'group') {
    changes.itemLabel = text(body, 'itemLabel', 200) || null;
    changes.minRows = number(body, 'minRows', errors, true) ?? null;
    changes.maxRows = number(body, 'maxRows', errors, true) ?? null;
  }
  changes.showIf = condition(body, 'show', errors);
  changes.requireIf = condition(body, 'require', errors);
  const prefill = text(body, 'prefill', 40);
  if (prefill && !(PREFILL_KEYS as readonly string[]).includes(prefill)) errors.prefill = problem('UNKNOWN_PREFILL');
  else if (prefill && kind && !kind.prefill) errors.prefill = problem('PREFILL_NOT_FOR_TYPE', { type: kind.label });
  else changes.prefill = (prefill as PrefillKey) || null;
  changes.rules = rules(body, errors);
  return { changes, errors };
}
