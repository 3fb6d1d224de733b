// What "Công bố" shows before it publishes (F1): the fields added, removed and changed since the
// published version — label, type, required, options, conditions and rules — so the administrator
// sees what people will meet, not a JSON diff.
import { FIELD_KINDS } from '../fields/index.ts';
import type { Field, FormDefinition } from '../model.ts';
import { allFields } from './edit.ts';

export interface FieldChange {
  kind: 'added' | 'removed' | 'changed';
  /** "fullName" or "practice.from". */
  ref: string;
  label: string;
  /** For a changed field: each difference in one Vietnamese phrase. */
  details: string[];
}

const typeName = (f: Field) => FIELD_KINDS[f.type].label;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function differences(a: Field, b: Field): string[] {
  const out: string[] = [];
  if (a.label !== b.label) out.push(`nhãn “${a.label}” → “${b.label}”`);
  if (a.type !== b.type) out.push(`loại ${typeName(a)} → ${typeName(b)}`);
  if (!!a.required !== !!b.required) out.push(b.required ? 'thành bắt buộc' : 'không còn bắt buộc');
  if (!same(a.help, b.help)) out.push('hướng dẫn');
  if (!same('options' in a ? a.options : undefined, 'options' in b ? b.options : undefined)) out.push('các lựa chọn');
  if (!same(a.showIf, b.showIf)) out.push('điều kiện hiển thị');
  if (!same(a.requireIf, b.requireIf)) out.push('điều kiện bắt buộc');
  if (!same(a.rules, b.rules)) out.push('quy tắc kiểm tra');
  if (!same(a.prefill, b.prefill)) out.push('thông tin đã lưu được đề xuất');
  if (!same('component' in a ? a.component : undefined, 'component' in b ? b.component : undefined)) out.push('thành phần hồ sơ');
  return out;
}

/** The field-level changes from `before` (the published version, or none) to `after`, in `after`'s order, removed last. */
export function fieldChanges(before: FormDefinition | undefined, after: FormDefinition): FieldChange[] {
  const old = new Map((before ? allFields(before) : []).map((x) => [x.ref, x.field]));
  const now = allFields(after);
  const out: FieldChange[] = [];
  for (const { ref, field } of now) {
    const was = old.get(ref);
    if (!was) out.push({ kind: 'added', ref, label: field.label, details: [typeName(field), ...(field.required ? ['bắt buộc'] : [])] });
    else {
      const details = differences(was, field);
      if (details.length) out.push({ kind: 'changed', ref, label: field.label, details });
    }
  }
  const kept = new Set(now.map((x) => x.ref));
  for (const [ref, field] of old) if (!kept.has(ref)) out.push({ kind: 'removed', ref, label: field.label, details: [] });
  return out;
}

/** Changes of the form itself: title, sections and steps, in words. */
export function formChanges(before: FormDefinition | undefined, after: FormDefinition): string[] {
  if (!before) return [];
  const out: string[] = [];
  if (before.title !== after.title) out.push(`Tên biểu mẫu: “${before.title}” → “${after.title}”.`);
  const titles = (d: FormDefinition) => d.sections.map((s) => s.title).join(' | ');
  if (titles(before) !== titles(after)) out.push(`Các phần: ${after.sections.map((s) => `“${s.title}”`).join(', ')}.`);
  const steps = (d: FormDefinition) => (d.steps ?? []).map((s) => `${s.title}:${s.sections.join(',')}`).join(' | ');
  if (steps(before) !== steps(after)) out.push(after.steps?.length ? `Các bước: ${after.steps.map((s) => `“${s.title}”`).join(', ')}.` : 'Biểu mẫu thành một trang, không chia bước.');
  if (!same(before.services, after.services)) out.push(`Thủ tục dùng biểu mẫu: ${after.services.join(', ')}.`);
  return out;
}
