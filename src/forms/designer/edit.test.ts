// F1: the designer's edits are pure — each gives the next definition (still one the loader
// accepts) or a refusal naming what stands in the way, and never changes the one it was given.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadDefinition } from '../definition-schema.ts';
import type { FormDefinition } from '../model.ts';
import { trialForm } from '../trial-form.ts';
import { fieldChanges, formChanges } from './diff.ts';
import { addField, addSection, findField, idFrom, moveField, moveSection, removeField, removeSection, updateField, type Edited } from './edit.ts';
import { addStep, moveStep, removeStep, renameStep } from './steps.ts';

const mau02 = loadDefinition(JSON.parse(readFileSync(new URL('../demo/mau02-cchn-duoc.json', import.meta.url), 'utf8')));

const small: FormDefinition = loadDefinition(
  trialForm([
    { id: 'a', title: 'Người khai', fields: [{ id: 'ten', type: 'text', label: 'Họ và tên', required: true }, { id: 'coCon', type: 'checkbox', label: 'Có con' }] },
    { id: 'b', title: 'Con', fields: [{ id: 'soCon', type: 'integer', label: 'Số con', showIf: { field: 'coCon' } }] },
    { id: 'c', title: 'Giấy tờ', fields: [{ id: 'cccd', type: 'attachment', label: 'Bản sao CCCD', component: 'cccd' }] },
  ]),
);

/** The edit's definition, checked by the loader as the store will check it. */
function ok(r: Edited | { ok: boolean; value?: FormDefinition; problem?: unknown }): FormDefinition {
  assert.ok(r.ok, `refused: ${JSON.stringify('problem' in r ? r.problem : undefined)}`);
  return loadDefinition(JSON.parse(JSON.stringify(r.value)));
}

test('an id is made from a Vietnamese title, without marks, and never one already taken', () => {
  assert.equal(idFrom('Thông tin người đề nghị', []), 'thong-tin-nguoi-de-nghi');
  assert.equal(idFrom('Đơn vị', ['don-vi']), 'don-vi-2');
  assert.equal(idFrom('123', [], 'truong'), 'truong-123');
  assert.equal(idFrom('!!!', [], 'truong'), 'truong');
});

test('adding a choice field gives it options; a repeating group gets a first column; the original stays as it was', () => {
  const before = JSON.stringify(small);
  const def = ok(addField(small, 'a', { type: 'choice', label: 'Giới tính', options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] }));
  assert.deepEqual(findField(def, 'gioi-tinh')?.field, { id: 'gioi-tinh', type: 'choice', label: 'Giới tính', options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] });
  const grouped = ok(addField(def, 'b', { type: 'group', label: 'Các con' }));
  assert.equal(findField(grouped, 'cac-con')?.field.type, 'group');
  const inner = ok(addField(grouped, 'b', { type: 'date', label: 'Ngày sinh' }, 'cac-con'));
  assert.deepEqual(
    (findField(inner, 'cac-con')!.field as { fields: { id: string }[] }).fields.map((f) => f.id),
    ['noi-dung', 'ngay-sinh'],
  );
  assert.equal(JSON.stringify(small), before);
});

test('a group inside a group and an attachment inside a group are refused with their reason', () => {
  const grouped = ok(addField(small, 'b', { type: 'group', label: 'Các con' }));
  assert.deepEqual(addField(grouped, 'b', { type: 'group', label: 'X' }, 'cac-con'), { ok: false, problem: { code: 'GROUP_IN_GROUP', field: 'type' } });
  assert.equal((addField(grouped, 'b', { type: 'attachment', label: 'X' }, 'cac-con') as { problem: { code: string } }).problem.code, 'NOT_IN_GROUP');
  assert.equal((addField(small, 'a', { type: 'text', label: 'X', id: 'ten' }) as { problem: { code: string } }).problem.code, 'ID_TAKEN');
});

test('updating a field sets its help, condition, rules and prefill, and null removes them', () => {
  const def = ok(updateField(small, 'soCon', { label: 'Số con chung', help: 'Kể cả con nuôi.', required: true, requireIf: { field: 'coCon' }, rules: { min: 1, max: 20 }, prefill: null }));
  const f = findField(def, 'soCon')!.field;
  assert.deepEqual(f, { id: 'soCon', type: 'integer', label: 'Số con chung', help: 'Kể cả con nuôi.', required: true, showIf: { field: 'coCon' }, requireIf: { field: 'coCon' }, rules: { min: 1, max: 20 } });
  const cleared = ok(updateField(def, 'soCon', { help: null, required: false, showIf: null, rules: null }));
  assert.deepEqual(findField(cleared, 'soCon')!.field, { id: 'soCon', type: 'integer', label: 'Số con chung', requireIf: { field: 'coCon' } });
});

test('changing a field to a choice gives it options; back to text drops them', () => {
  const choice = ok(updateField(small, 'ten', { type: 'choice', options: [{ value: 'a', label: 'A' }] }));
  assert.deepEqual(findField(choice, 'ten')!.field, { id: 'ten', type: 'choice', label: 'Họ và tên', required: true, options: [{ value: 'a', label: 'A' }] });
  const text = ok(updateField(choice, 'ten', { type: 'text' }));
  assert.deepEqual(findField(text, 'ten')!.field, { id: 'ten', type: 'text', label: 'Họ và tên', required: true });
});

test('moving a field at the edge of its section takes it into the next section; the last section edge refuses', () => {
  const down = ok(moveField(small, 'coCon', 1));
  assert.deepEqual(down.sections[1]!.fields.map((f) => f.id), ['coCon', 'soCon']);
  const up = ok(moveField(small, 'coCon', -1));
  assert.deepEqual(up.sections[0]!.fields.map((f) => f.id), ['coCon', 'ten']);
  assert.equal((moveField(small, 'cccd', 1) as { problem: { code: string } }).problem.code, 'CANNOT_MOVE');
  // A section's only field does not leave it empty.
  assert.equal((moveField(small, 'soCon', 1) as { problem: { code: string } }).problem.code, 'CANNOT_MOVE');
});

test('removing a field another field depends on is refused, naming that field; the last field of a section too', () => {
  assert.deepEqual(removeField(small, 'coCon'), { ok: false, problem: { code: 'FIELD_IN_USE', params: { label: 'Có con', users: '“Số con”' } } });
  assert.equal((removeField(small, 'cccd') as { problem: { code: string } }).problem.code, 'LAST_FIELD');
  const def = ok(removeField(ok(updateField(small, 'soCon', { showIf: null })), 'coCon'));
  assert.deepEqual(def.sections[0]!.fields.map((f) => f.id), ['ten']);
});

test('the demo form: removing "Văn bằng" is refused because "Tên văn bằng khác" shows on it', () => {
  const r = removeField(mau02, 'degree');
  assert.ok(!r.ok && r.problem.code === 'FIELD_IN_USE' && String(r.problem.params!.users).includes('Tên văn bằng, chứng chỉ khác'));
});

test('sections are added with a first field, moved, and removed unless another section depends on them', () => {
  const added = ok(addSection(small, { title: 'Cam đoan', first: { type: 'consent', label: 'Tôi cam đoan' } }));
  assert.deepEqual(added.sections.map((s) => s.id), ['a', 'b', 'c', 'cam-doan']);
  const moved = ok(moveSection(added, 'cam-doan', -1));
  assert.deepEqual(moved.sections.map((s) => s.id), ['a', 'b', 'cam-doan', 'c']);
  assert.equal((removeSection(small, 'a') as { problem: { code: string } }).problem.code, 'FIELD_IN_USE');
  assert.deepEqual(ok(removeSection(small, 'b')).sections.map((s) => s.id), ['a', 'c']);
});

test('steps: a one-page form gets steps by starting them at sections; moving a section across a step edge changes its step', () => {
  const one = ok(addStep(small, { title: 'Người khai', at: 'a' }));
  assert.deepEqual(one.steps, [{ id: 'nguoi-khai', title: 'Người khai', sections: ['a', 'b', 'c'] }]);
  const two = ok(addStep(one, { title: 'Con cái', at: 'b' }));
  const three = ok(addStep(two, { title: 'Giấy tờ', at: 'c' }));
  assert.deepEqual(three.steps!.map((s) => s.sections), [['a'], ['b'], ['c']]);
  assert.equal((addStep(three, { title: 'X', at: 'b' }) as { problem: { code: string } }).problem.code, 'STEP_STARTS_HERE');
  const swapped = ok(moveSection(three, 'b', 1));
  assert.deepEqual(swapped.steps!.map((s) => s.sections), [['a'], ['c'], ['b']]);
  const movedStep = ok(moveStep(three, 'giay-to', -1));
  assert.deepEqual(movedStep.sections.map((s) => s.id), ['a', 'c', 'b']);
  assert.deepEqual(movedStep.steps!.map((s) => s.id), ['nguoi-khai', 'giay-to', 'con-cai']);
  const renamed = ok(renameStep(three, 'con-cai', 'Thông tin con'));
  assert.equal(renamed.steps![1]!.title, 'Thông tin con');
  const joined = ok(removeStep(three, 'con-cai'));
  assert.deepEqual(joined.steps!.map((s) => s.sections), [['a', 'b'], ['c']]);
  const first = ok(removeStep(three, 'nguoi-khai'));
  assert.deepEqual(first.steps!.map((s) => s.sections), [['a', 'b'], ['c']]);
  const none = ok(removeStep(ok(removeStep(joined, 'giay-to')), 'nguoi-khai'));
  assert.equal(none.steps, undefined);
  // A section added later lands in the last step; a removed one leaves its step.
  assert.deepEqual(ok(addSection(three, { title: 'Cam đoan', first: { type: 'consent', label: 'Tôi cam đoan' } })).steps!.at(-1)!.sections, ['c', 'cam-doan']);
  assert.deepEqual(ok(removeSection(three, 'c')).steps!.map((s) => s.id), ['nguoi-khai', 'con-cai']);
});

test('the changes since the published version: added, removed and changed fields, in words', () => {
  let def = ok(updateField(small, 'ten', { label: 'Họ, chữ đệm và tên', required: false }));
  def = ok(addField(def, 'a', { type: 'date', label: 'Ngày sinh', required: true }));
  def = ok(removeField(ok(updateField(def, 'soCon', { showIf: null })), 'coCon'));
  assert.deepEqual(fieldChanges(small, def), [
    { kind: 'changed', ref: 'ten', label: 'Họ, chữ đệm và tên', details: ['nhãn “Họ và tên” → “Họ, chữ đệm và tên”', 'không còn bắt buộc'] },
    { kind: 'added', ref: 'ngay-sinh', label: 'Ngày sinh', details: ['Ngày tháng', 'bắt buộc'] },
    { kind: 'changed', ref: 'soCon', label: 'Số con', details: ['điều kiện hiển thị'] },
    { kind: 'removed', ref: 'coCon', label: 'Có con', details: [] },
  ]);
  assert.deepEqual(fieldChanges(small, small), []);
  assert.deepEqual(formChanges(small, ok(addStep(small, { title: 'Một', at: 'b' }))), ['Các bước: “Tờ khai thử”, “Một”.']);
});
