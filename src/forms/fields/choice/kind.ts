// A choice among the form's options: one ("Giới tính": radios) or several ("multichoice": boxes).
import type { ChoiceField } from '../../model.ts';
import { inSentence, typed } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

const OPTIONS = {
  type: 'array',
  minItems: 1,
  items: { type: 'object', additionalProperties: false, required: ['value', 'label'], properties: { value: { type: 'string', minLength: 1, maxLength: 100 }, label: { type: 'string', minLength: 1 } } },
} as const;

/** Short options ("Nam", "Nữ") sit on the item's own line on paper; long ones one under another. */
function inlineOptions(f: ChoiceField): boolean {
  return f.options.length <= 4 && f.options.reduce((n, o) => n + o.label.length + 4, f.label.length) <= 70;
}

const labelOf = (f: ChoiceField, value: string) => f.options.find((o) => o.value === value)?.label ?? value;

const common: Omit<FieldKind<ChoiceField>, 'label' | 'help' | 'compareAs' | 'prefill' | 'check' | 'read'> = {
  parameters: { properties: { options: OPTIONS }, required: ['options'] },
  conditionTarget: true,
  inGroup: true,
  column: 2,
  conditionNote(f, c) {
    if (!c.in) return `Chỉ khai khi đã khai “${f.label}”.`;
    const labels = f.options.filter((o) => c.in!.includes(o.value)).map((o) => `“${o.label}”`);
    return `Chỉ khai khi chọn ${labels.join(' hoặc ')} ở mục “${f.label}”.`;
  },
  print(f, p) {
    const chosen = new Set(p.filled ? [p.value].flat().filter((x): x is string => typeof x === 'string') : []);
    return [{ kind: 'choices', number: p.number, label: p.label, inline: inlineOptions(f), options: f.options.map((o) => ({ label: o.label.normalize('NFC'), checked: chosen.has(o.value) })) }];
  },
  definitionProblem(f) {
    const seen = new Set<string>();
    for (const [i, o] of f.options.entries()) {
      if (seen.has(o.value)) return { at: `/options/${i}/value`, reason: `lựa chọn "${o.value}" bị trùng.` };
      seen.add(o.value);
    }
    return undefined;
  },
};

export const choice: FieldKind<ChoiceField> = {
  ...common,
  label: 'Chọn một',
  help: 'Một lựa chọn trong danh sách options (nút chọn); trên giấy là các ô để đánh dấu.',
  compareAs: 'text',
  prefill: true,
  check: (input) => typed(input, { verb: 'chọn' }, (s) => (input.field.options.some((o) => o.value === s) ? { value: s } : { problem: `${input.field.label}: lựa chọn không nằm trong danh sách.` })),
  read: (f, v) => labelOf(f, String(v)),
};

export const multichoice: FieldKind<ChoiceField> = {
  ...common,
  label: 'Chọn nhiều',
  help: 'Một hoặc nhiều lựa chọn trong danh sách options (ô đánh dấu); giữ theo thứ tự của danh sách.',
  compareAs: 'none',
  prefill: false,
  check({ field, raw, required, path }) {
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (list.some((x) => typeof x !== 'string')) return { errors: { [path]: `${field.label}: giá trị không hợp lệ.` } };
    const chosen = [...new Set((list as string[]).map((x) => x.trim()).filter(Boolean))];
    const known = new Set(field.options.map((o) => o.value));
    if (chosen.some((c) => !known.has(c))) return { errors: { [path]: `${field.label}: có lựa chọn không nằm trong danh sách.` } };
    if (required && !chosen.length) return { errors: { [path]: `Hãy chọn ít nhất một mục: ${inSentence(field.label)}.` } };
    return chosen.length ? { value: field.options.map((o) => o.value).filter((v) => chosen.includes(v)) } : {};
  },
  conditionValues: (_f, raw) => (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()),
  read: (f, v) => (Array.isArray(v) ? (v as string[]).map((x) => labelOf(f, x)).join('; ') : ''),
  // Repeated names: every chosen value.
  fromBody: (body, path) => body.get(path),
};
