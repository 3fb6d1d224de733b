// The numbers and addresses that identify a person or business: CCCD, phone, email, tax code,
// checked by identity's own rules (the same as at registration).
import { cccdProblem, emailProblem, phoneProblem, taxCodeProblem } from '../../../identity/index.ts';
import type { TextField } from '../../model.ts';
import { lineBlock, plain, typed } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

const common: Omit<FieldKind<TextField>, 'label' | 'help' | 'check'> = {
  compareAs: 'text',
  conditionTarget: true,
  prefill: true,
  inGroup: true,
  column: 1.2,
  read: (_f, v) => plain(v),
  print: (f, p) => lineBlock(f, p),
};

export const idNumber: FieldKind<TextField> = {
  ...common,
  label: 'Số CCCD / CMND',
  help: 'Số Căn cước công dân 12 chữ số (kiểm tra mã tỉnh, giới tính và năm sinh), hoặc số CMND cũ 9 chữ số.',
  check: (input) =>
    typed(input, {}, (s) => {
      const digits = s.replace(/\s/g, '');
      // A 9-digit CMND is still accepted on papers issued before the CCCD.
      if (!/^(\d{9}|\d{12})$/.test(digits)) return { problem: 'Số CCCD gồm 12 chữ số (hoặc số CMND cũ gồm 9 chữ số).' };
      return { value: digits, problem: digits.length === 12 ? cccdProblem(digits) : undefined };
    }),
};

export const phone: FieldKind<TextField> = {
  ...common,
  label: 'Số điện thoại',
  help: 'Số điện thoại di động Việt Nam (0912345678 hoặc +84…); dấu cách, dấu chấm, gạch nối được bỏ đi.',
  check: (input) => typed(input, {}, (s) => ({ problem: phoneProblem(s), value: s.replace(/[\s.-]/g, '') })),
};

export const email: FieldKind<TextField> = {
  ...common,
  label: 'Thư điện tử',
  help: 'Một địa chỉ thư điện tử, ví dụ ten@example.vn.',
  check: (input) => typed(input, {}, (s) => ({ problem: emailProblem(s) })),
};

export const taxCode: FieldKind<TextField> = {
  ...common,
  label: 'Mã số thuế',
  help: 'Mã số thuế 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số của đơn vị phụ thuộc.',
  check: (input) => typed(input, {}, (s) => ({ problem: taxCodeProblem(s) })),
};
