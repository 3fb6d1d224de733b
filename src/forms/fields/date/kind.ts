// A date written dd/mm/yyyy, kept as yyyy-mm-dd, within minDate and maxDate ("today" allowed).
import { parseDate } from '../../../identity/index.ts';
import type { TextField } from '../../model.ts';
import { lineBlock, typed } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

/** dd/mm/yyyy of a stored yyyy-mm-dd. */
export function showDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function checkDate(field: TextField, s: string, today: string): { value?: string; problem?: string } {
  const iso = parseDate(s);
  if (!iso) return { problem: `${field.label}: ngày không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/05/1990.` };
  const bound = (b: string | undefined) => (b === 'today' ? today : b);
  const min = bound(field.rules?.minDate);
  const max = bound(field.rules?.maxDate);
  if (max && iso > max) return { problem: field.rules?.maxDate === 'today' ? `${field.label} không được sau ngày hôm nay.` : `${field.label} không được sau ngày ${showDate(max)}.` };
  if (min && iso < min) return { problem: field.rules?.minDate === 'today' ? `${field.label} không được trước ngày hôm nay.` : `${field.label} không được trước ngày ${showDate(min)}.` };
  return { value: iso };
}

export const date: FieldKind<TextField> = {
  label: 'Ngày tháng',
  help: 'Ngày viết theo dạng ngày/tháng/năm (20/05/1990); giới hạn bằng minDate và maxDate của rules, nhận cả "today".',
  compareAs: 'date',
  conditionTarget: true,
  prefill: true,
  inGroup: true,
  column: 1.2,
  check: (input) => typed(input, {}, (s) => checkDate(input.field, s, input.today)),
  read: (_f, v) => (typeof v === 'string' ? showDate(v) : ''),
  print: (f, p) => lineBlock(f, p),
};
