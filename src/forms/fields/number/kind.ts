// Numbers: whole ("Số lượng Phiếu") or with a decimal comma ("Diện tích lô đất (m²)"), within min and max.
import type { TextField } from '../../model.ts';
import { lineBlock, plain, typed } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

function checkNumber(field: TextField, s: string): { value?: number; problem?: string } {
  const compact = s.replace(/\s/g, '');
  const ok = field.type === 'integer' ? /^-?\d+$/.test(compact) : /^-?\d+([.,]\d+)?$/.test(compact);
  if (!ok) return { problem: field.type === 'integer' ? `${field.label} phải là số nguyên, chỉ gồm chữ số.` : `${field.label} phải là một số, ví dụ 12,5.` };
  const n = Number(compact.replace(',', '.'));
  if (field.rules?.min !== undefined && n < field.rules.min) return { problem: `${field.label} phải từ ${field.rules.min} trở lên.` };
  if (field.rules?.max !== undefined && n > field.rules.max) return { problem: `${field.label} phải không quá ${field.rules.max}.` };
  return { value: n };
}

const common: Omit<FieldKind<TextField>, 'label' | 'help'> = {
  compareAs: 'number',
  conditionTarget: true,
  prefill: true,
  inGroup: true,
  column: 1.2,
  check: (input) => typed(input, {}, (s) => checkNumber(input.field, s)),
  read: (_f, v) => plain(v),
  print: (f, p) => lineBlock(f, p),
};

export const integer: FieldKind<TextField> = { ...common, label: 'Số nguyên', help: 'Chỉ gồm chữ số, ví dụ năm sinh hay số lượng; giới hạn bằng min và max của rules.' };

export const decimal: FieldKind<TextField> = { ...common, label: 'Số thập phân', help: 'Một số, có thể có phần lẻ sau dấu phẩy (12,5); giới hạn bằng min và max của rules.' };
