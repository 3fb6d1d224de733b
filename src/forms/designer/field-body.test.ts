// F1: the field page's plain form body becomes the field's changes, or every problem of the input at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Field } from '../model.ts';
import { explain } from '../../web/problem.ts';
import { optionsText, parseOptions, readFieldBody } from './field-body.ts';
import { DESIGNER_PROBLEMS } from './problems.ts';

const current: Field = { id: 'sex', type: 'choice', label: 'Giới tính', options: [{ value: 'nam', label: 'Nam' }] };

test('options are read one a line, "value | label" or a label alone whose value is made from it', () => {
  assert.deepEqual(parseOptions('nam | Nam\n\n Nữ \nKhác giới'), [
    { value: 'nam', label: 'Nam' },
    { value: 'nu', label: 'Nữ' },
    { value: 'khac-gioi', label: 'Khác giới' },
  ]);
  assert.equal(optionsText(parseOptions('a | A\nb | B')), 'a | A\nb | B');
});

test('a complete body gives the changes: help, required, options, conditions, prefill, rules and comparisons', () => {
  const { changes, errors } = readFieldBody(
    {
      label: ' Giới tính ',
      help: 'Theo giấy khai sinh.',
      required: 'true',
      type: 'choice',
      options: 'nam | Nam\nnu | Nữ',
      'show-field': 'coCon',
      'show-values': 'co, khong',
      'require-field': '',
      prefill: 'sex',
      'rule-maxLength': '20',
      'cmp-0-field': 'other',
      'cmp-0-op': 'eq',
      'cmp-1-field': '',
    },
    current,
  );
  assert.deepEqual(errors, {});
  assert.deepEqual(changes, {
    label: 'Giới tính',
    help: 'Theo giấy khai sinh.',
    required: true,
    type: 'choice',
    options: [
      { value: 'nam', label: 'Nam' },
      { value: 'nu', label: 'Nữ' },
    ],
    showIf: { field: 'coCon', in: ['co', 'khong'] },
    requireIf: null,
    prefill: 'sex',
    rules: { maxLength: 20, compare: [{ op: 'eq', field: 'other' }] },
  });
});

test('bad input is refused at each input, in Vietnamese: no label, no options, a number that is not one, a bad pattern, a bad date, a prefill the type cannot take', () => {
  const { errors } = readFieldBody(
    { label: '', type: 'choice', options: '', 'rule-min': 'mười', 'rule-pattern': '([', 'rule-minDate': '31/12/2020', 'show-values': 'x', prefill: 'nope' },
    current,
  );
  assert.deepEqual(Object.keys(errors).sort(), ['label', 'options', 'prefill', 'rule-min', 'rule-minDate', 'rule-pattern', 'show-field']);
  assert.deepEqual(errors['rule-min'], { code: 'NOT_A_NUMBER' });
  assert.equal(explain(DESIGNER_PROBLEMS, errors['rule-min']!).message, 'Ô này cần một số, ví dụ 10 hoặc 2,5.');
  assert.equal(explain(DESIGNER_PROBLEMS, errors['rule-min']!, 'en').message, 'This box needs a number, e.g. 10 or 2.5.');
  const group = readFieldBody({ label: 'Các con', type: 'group', prefill: 'fullName' }, { id: 'g', type: 'group', label: 'G', fields: [{ id: 'a', type: 'text', label: 'A' }] });
  assert.equal(explain(DESIGNER_PROBLEMS, group.errors.prefill!).message, 'Trường loại “Nhóm lặp lại” không lấy được thông tin đã lưu.');
  // A field just changed to a choice gets a first option to edit, not a refusal.
  assert.deepEqual(readFieldBody({ label: 'X', type: 'choice' }, { id: 'x', type: 'text', label: 'X' }).errors, {});
  assert.deepEqual(readFieldBody({ label: 'X', type: 'attachment' }, { id: 'cccd', type: 'attachment', label: 'CCCD', component: 'cccd' }).errors.component, { code: 'NO_COMPONENT' });
});
