// Helpers the field types share to read an answer: submitted text, ticked boxes, the common
// checks of a typed answer (required, length, pattern) and the dotted line on paper.
import type { Block } from '../../web/paper/sheet.ts';
import type { Field, Value } from '../model.ts';
import type { Checked, CheckInput, PrintInput } from './kind.ts';

export type Scalar = string | undefined;
export const WRONG_TYPE = Symbol('wrong type');

/** A single submitted value as trimmed text; numbers and booleans are accepted as their text. */
export function text(v: unknown): Scalar | typeof WRONG_TYPE {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return WRONG_TYPE;
}

export const checked = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1' || v === 'co';

/** Lower-cases the first letter of a label used inside a sentence, unless it starts an acronym. */
export function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The values a condition looks at by default: the text, when there is one. */
export function textValues(raw: unknown): string[] {
  const t = text(raw);
  return typeof t === 'string' && t !== '' ? [t] : [];
}

/**
 * A typed answer: one text, required when it must be, within its length and pattern, then the
 * type's own check of the trimmed text (`own` gives the value to keep or the problem).
 */
export function typed(input: CheckInput<Field>, options: { verb?: 'nhập' | 'chọn'; maxLength?: number }, own: (s: string) => { value?: Value; problem?: string } = (s) => ({ value: s })): Checked {
  const { field, raw, required, path } = input;
  const rules = field.rules ?? {};
  const t = text(raw);
  if (t === WRONG_TYPE) return { errors: { [path]: `${field.label}: giá trị không hợp lệ.` } };
  const s = t ?? '';
  if (s === '') return required ? { errors: { [path]: `Hãy ${options.verb ?? 'nhập'} ${inSentence(field.label)}.` } } : {};
  const maxLength = rules.maxLength ?? options.maxLength ?? 200;
  if (s.length > maxLength) return { errors: { [path]: `${field.label} dài tối đa ${maxLength} ký tự.` } };
  if (rules.minLength !== undefined && s.length < rules.minLength) return { errors: { [path]: `${field.label} cần ít nhất ${rules.minLength} ký tự.` } };
  if (rules.pattern && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(s)) return { errors: { [path]: rules.patternMessage ?? `${field.label} không đúng định dạng.` } };
  const r = own(s);
  return r.problem ? { errors: { [path]: r.problem } } : { value: r.value ?? s };
}

/** An answer as written on paper when the type has no form of its own: decimals with a comma. */
export function plain(v: Value): string {
  return typeof v === 'number' ? String(v).replace('.', ',') : typeof v === 'string' ? v : '';
}

/** "2. Họ và tên: Nguyễn Thị Lan", or blank, the label and `lines` dotted lines to write on. */
export function lineBlock(field: Field, p: PrintInput, lines = 1): Block[] {
  const written = p.paper(field, p.value);
  return [{ kind: 'line', number: p.number, label: p.label, value: p.filled && written ? written : undefined, lines }];
}

/** An answer as a browser's form fields: one per chosen value, none for blank or unticked. */
export function bodyFields(v: unknown, path: string): [string, string][] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x): [string, string] => [path, String(x)]);
  return typeof v !== 'object' && String(v) !== '' && v !== false ? [[path, String(v)]] : [];
}
