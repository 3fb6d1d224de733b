// One box to tick ("Chỗ ở hiện nay khác địa chỉ thường trú"): true or false.
import type { TextField } from '../../model.ts';
import { checked, inSentence } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

export const checkbox: FieldKind<TextField> = {
  label: 'Ô đánh dấu',
  help: 'Một ô để đánh dấu (có / không); trường khác có thể chỉ hiện khi ô này được đánh dấu.',
  compareAs: 'none',
  conditionTarget: true,
  prefill: false,
  inGroup: true,
  column: 1.2,
  check({ field, raw, required, path }) {
    if (raw !== undefined && typeof raw === 'object') return { errors: { [path]: `${field.label}: giá trị không hợp lệ.` } };
    const on = checked(raw);
    return { value: on, errors: required && !on ? { [path]: `Hãy đánh dấu: ${inSentence(field.label)}.` } : undefined };
  },
  conditionValues: (_f, raw) => (checked(raw) ? ['true'] : []),
  conditionNote: (f) => `Chỉ khai khi đã đánh dấu “${f.label}”.`,
  read: (_f, v) => (v ? 'Có' : 'Không'),
  print: (_f, p) => [{ kind: 'check', number: p.number, label: p.label, checked: p.filled && p.value === true }],
};
