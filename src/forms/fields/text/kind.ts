// Free text on one line ("Họ và tên") or several ("Lý do đề nghị").
import type { TextField } from '../../model.ts';
import { lineBlock, plain, typed } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

const common = { compareAs: 'text', conditionTarget: true, prefill: true, inGroup: true, read: (_f: TextField, v: unknown) => plain(v as string) } as const;

export const text: FieldKind<TextField> = {
  ...common,
  label: 'Chữ, một dòng',
  help: 'Họ tên, tên cơ sở, số giấy tờ…: tối đa 200 ký tự, hoặc theo maxLength và pattern của rules.',
  column: 2,
  check: (input) => typed(input, {}),
  print: (f, p) => lineBlock(f, p),
};

export const textarea: FieldKind<TextField> = {
  ...common,
  label: 'Chữ, nhiều dòng',
  help: 'Lý do, nội dung, mô tả: tối đa 2.000 ký tự; trên giấy có hai dòng chấm để viết.',
  column: 3,
  check: (input) => typed(input, { maxLength: 2000 }),
  print: (f, p) => lineBlock(f, p, 2),
};
