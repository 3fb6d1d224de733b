// V1, F3: the answers a form marks as data fields become readable text in the store, and that text
// goes back into the form as the field's own value — or is not offered when the field cannot take it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataFieldsOf, rawFromStored } from './data-fields.ts';
import { topFields, type FormDefinition } from './model.ts';
import { demoDefinitions } from './registry.ts';

import { validateAnswers } from './validate.ts';

const demoDefinition = (code: string) => demoDefinitions().find((d) => d.services.includes(code));

const def = demoDefinition('1.004616')!;
const field = (id: string) => topFields(def).find((f) => f.id === id)!;

test('an application’s data fields are the answered fields that declare a key, as a person reads them', () => {
  const { values } = validateAnswers(def, def.example!, { today: '2026-01-15' });
  const fields = Object.fromEntries(dataFieldsOf(def, values).map((f) => [f.key, [f.label, f.value]]));
  assert.deepEqual(fields, {
    fullName: ['Họ và tên', 'Nguyễn Thị Lan'],
    dateOfBirth: ['Ngày sinh', '12/04/1990'],
    sex: ['Giới tính', 'Nữ'],
    idNumber: ['Số CCCD, CMND', '079190012345'],
    idIssueDate: ['Ngày cấp CCCD, CMND', '10/06/2021'],
    idIssuePlace: ['Nơi cấp CCCD, CMND', 'Cục Cảnh sát quản lý hành chính về trật tự xã hội'],
    permanentAddress: ['Nơi thường trú', '12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa'],
    phone: ['Số điện thoại', '0912345678'],
    email: ['Thư điện tử', 'lan@example.vn'],
    degree: ['Văn bằng chuyên môn', 'Bằng tốt nghiệp đại học ngành dược (Dược sĩ)'],
    degreeNumber: ['Số hiệu văn bằng', 'DH-0123456'],
    degreeSchool: ['Cơ sở đào tạo cấp văn bằng', 'Trường Đại học Dược Hà Nội'],
    graduationYear: ['Năm tốt nghiệp', '2013'],
  });
});

test('blank answers, hidden fields and nonsense give no data field; the first answered field of a key wins', () => {
  assert.deepEqual(dataFieldsOf(def, null), []);
  assert.deepEqual(dataFieldsOf(def, { fullName: '   ', currentAddress: { province: '', commune: '', detail: '' }, dateOfBirth: '12/04/1990', sex: 'khong-co' }), []);
  const two: FormDefinition = { ...def, sections: [{ id: 's', title: 'S', fields: [{ id: 'a', type: 'text', label: 'A', prefill: 'fullName' }, { id: 'b', type: 'text', label: 'B', prefill: 'fullName' }] }], steps: undefined };
  assert.deepEqual(dataFieldsOf(two, { a: '', b: 'Trần Bình' }), [{ key: 'fullName', label: 'Họ và tên', value: 'Trần Bình' }]);
});

test('stored text goes back as the field’s own value: a choice by its label, an address split into its parts', () => {
  assert.equal(rawFromStored(field('sex'), 'Nữ'), 'nu');
  assert.equal(rawFromStored(field('degree'), 'Bằng tốt nghiệp đại học ngành dược (Dược sĩ)'), 'dai-hoc-duoc');
  assert.deepEqual(rawFromStored(field('permanentAddress'), '12 Trần Phú, tổ 3, Phường Nha Trang, Tỉnh Khánh Hòa'), { province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '12 Trần Phú, tổ 3' });
  assert.equal(rawFromStored(field('idIssueDate'), '10/06/2021'), '10/06/2021');
  assert.equal(rawFromStored(field('graduationYear'), '2013'), '2013');
});

test('a value the field cannot take is not offered: an unknown option, a province not in the list, a malformed date', () => {
  assert.equal(rawFromStored(field('sex'), 'Khác'), undefined);
  assert.equal(rawFromStored(field('permanentAddress'), '12 Trần Phú, Phường 1, Tỉnh Ninh Thuận'), undefined);
  assert.equal(rawFromStored(field('dateOfBirth'), '1990-04-12'), undefined);
  assert.equal(rawFromStored(field('scope'), 'Nhà thuốc'), undefined);
});
