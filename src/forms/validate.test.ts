// F1: validation of answers against a definition — pure, all errors at once, in Vietnamese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDefinitions } from './registry.ts';

import { answersFromFormBody, conditionalVisibility, validateAnswers } from './validate.ts';

const demoDefinition = (code: string) => demoDefinitions().find((d) => d.services.includes(code));

const def = demoDefinition('1.004616')!;
const today = '2026-01-15';

test('the example answers of Mẫu số 02 are valid, with dates as yyyy-mm-dd and numbers as numbers', () => {
  const { values, errors } = validateAnswers(def, def.example!, { today });
  assert.deepEqual(errors, {});
  assert.equal(values.dateOfBirth, '1990-04-12');
  assert.equal(values.graduationYear, 2013);
  assert.deepEqual(values.scope, ['nha-thuoc', 'quay-thuoc']);
});

test('unknown fields are dropped and hidden fields lose their value', () => {
  const { values, errors } = validateAnswers(def, { ...def.example!, hacker: 'x', revokedNumber: 'CC-1', degreeOther: 'Y' }, { today });
  assert.deepEqual(errors, {});
  assert.ok(!('hacker' in values) && !('revokedNumber' in values) && !('degreeOther' in values));
});

test('a condition that holds makes its fields required', () => {
  const { errors } = validateAnswers(def, { ...def.example!, revoked: true }, { today });
  assert.deepEqual(Object.keys(errors).sort(), ['revokedDate', 'revokedNumber']);
});

test('every problem is reported at once, each in Vietnamese', () => {
  const { errors } = validateAnswers(def, { idNumber: '099190012345', phone: '0123', email: 'a@b', graduationYear: '20x3', dateOfBirth: '31/02/1990', scope: ['khong-co'], sex: 'khac', declaration: false }, { today });
  assert.match(errors.idNumber!, /mã tỉnh "099" không tồn tại/);
  assert.match(errors.phone!, /Số điện thoại di động không hợp lệ/);
  assert.match(errors.email!, /thư điện tử không hợp lệ/);
  assert.match(errors.graduationYear!, /số nguyên/);
  assert.match(errors.dateOfBirth!, /ngày\/tháng\/năm/);
  assert.match(errors.scope!, /không nằm trong danh sách/);
  assert.match(errors.sex!, /không nằm trong danh sách/);
  assert.match(errors.declaration!, /cam đoan/);
  assert.match(errors.practice!, /ít nhất một dòng/);
  assert.ok(Object.keys(errors).length >= 12);
});

test('dates after today and numbers out of range are refused', () => {
  const { errors } = validateAnswers(def, { ...def.example!, dateOfBirth: '16/01/2026', graduationYear: 1900 }, { today });
  assert.match(errors.dateOfBirth!, /không được sau ngày hôm nay/);
  assert.match(errors.graduationYear!, /từ 1950 trở lên/);
});

test('wrong types are refused rather than coerced', () => {
  const { errors } = validateAnswers(def, { ...def.example!, fullName: { a: 1 }, practice: 'x', permanentAddress: 'Nha Trang' }, { today });
  assert.match(errors.fullName!, /giá trị không hợp lệ/);
  assert.match(errors.practice!, /giá trị không hợp lệ/);
  assert.match(errors['permanentAddress.province']!, /giá trị không hợp lệ/);
});

test('each row of a repeating group is checked and named; blank rows do not count', () => {
  const rows = [{ place: 'Nhà thuốc A', from: '01/01/2020', to: '01/01/2021', content: 'Bán lẻ' }, {}, { place: 'Nhà thuốc B' }];
  const { values, errors } = validateAnswers(def, { ...def.example!, practice: rows }, { today });
  assert.equal(errors['practice.2.from'], 'Cơ sở thực hành 3: hãy nhập từ ngày.');
  assert.ok(!errors['practice.1.place']);
  assert.equal((values.practice as unknown[]).length, 2);
  const tooMany = validateAnswers(def, { ...def.example!, practice: Array(11).fill(rows[0]) }, { today });
  assert.match(tooMany.errors.practice!, /tối đa 10 dòng/);
});

test('a 9-digit CMND is accepted; a CCCD is checked for its province code', () => {
  assert.deepEqual(validateAnswers(def, { ...def.example!, idNumber: '123456789' }, { today }).errors, {});
});

test('a browser form body becomes structured answers, blank rows closed up', () => {
  const raw = answersFromFormBody(def, { fullName: 'A', 'permanentAddress.province': 'Tỉnh Khánh Hòa', scope: ['nha-thuoc', 'quay-thuoc'], 'practice.0.place': '', 'practice.1.place': 'B', junk: 'x' });
  assert.equal(raw.fullName, 'A');
  assert.deepEqual(raw.permanentAddress, { province: 'Tỉnh Khánh Hòa', commune: undefined, detail: undefined });
  assert.deepEqual(raw.scope, ['nha-thuoc', 'quay-thuoc']);
  assert.equal((raw.practice as { place: string }[])[0]!.place, 'B');
  assert.ok(!('junk' in raw));
});

test('rules between fields: a row ending before it starts, an ID issued before birth, each in Vietnamese', () => {
  const practice = [{ place: 'Nhà thuốc A', from: '01/01/2020', to: '31/12/2019', content: 'Bán lẻ' }, { place: 'Nhà thuốc B', from: '01/01/2021', to: '01/01/2021', content: 'Bán lẻ' }];
  const { errors } = validateAnswers(def, { ...def.example!, practice, idIssueDate: '01/01/1989' }, { today });
  assert.equal(errors['practice.0.to'], 'Cơ sở thực hành 1: đến ngày không được trước từ ngày.');
  assert.ok(!errors['practice.1.to'], 'the same day is allowed');
  assert.equal(errors.idIssueDate, 'Ngày cấp phải sau ngày sinh.');
});

test('a rule between fields is not checked while either value is missing or wrong', () => {
  const { errors } = validateAnswers(def, { ...def.example!, dateOfBirth: 'x', idIssueDate: '01/01/1989', practice: [{ place: 'A', from: '', to: '01/01/2019', content: 'B' }] }, { today });
  assert.match(errors.dateOfBirth!, /ngày không hợp lệ/);
  assert.ok(!errors.idIssueDate);
  assert.match(errors['practice.0.from']!, /hãy nhập từ ngày/);
  assert.ok(!errors['practice.0.to']);
});

test('conditional fields are reported shown or hidden for the answers as they are', () => {
  assert.deepEqual(conditionalVisibility(def, { degree: 'khac', revoked: 'true' }), { currentAddress: false, degreeOther: true, revokedNumber: true, revokedDate: true });
  assert.deepEqual(conditionalVisibility(def, { livesElsewhere: true }), { currentAddress: true, degreeOther: false, revokedNumber: false, revokedDate: false });
});
