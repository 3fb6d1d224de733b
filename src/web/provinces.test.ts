// An address's problems are codes with a sentence in Vietnamese and in English (U5); an empty
// address is none, a province outside the 34 of Resolution 202/2025/QH15 is one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemTableGaps } from './problem.ts';
import { ADDRESS_PROBLEMS, addressCheck, addressProblems } from './provinces.ts';

test('an address is checked part by part, as codes', () => {
  assert.deepEqual(addressCheck({ province: '', commune: '', detail: '' }), {});
  assert.deepEqual(addressCheck({ province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '12 Lê Lợi' }), {});
  assert.deepEqual(addressCheck({ province: 'Tỉnh Hà Tây', commune: '', detail: 'x'.repeat(201) }), {
    province: { code: 'ADDRESS_PROVINCE', field: 'province' },
    commune: { code: 'ADDRESS_COMMUNE_MISSING', field: 'commune' },
    detail: { code: 'ADDRESS_DETAIL_LONG', field: 'detail', params: { max: 200 } },
  });
  assert.deepEqual(addressCheck({ province: 'Thành phố Huế', commune: 'x'.repeat(101), detail: '' }), { commune: { code: 'ADDRESS_COMMUNE_LONG', field: 'commune', params: { max: 100 } } });
});

test('the problems read in the page language: Vietnamese unless English is asked for', () => {
  const a = { province: 'Tỉnh Hà Tây', commune: 'x'.repeat(101), detail: '' };
  assert.deepEqual(addressProblems(a), { province: 'Hãy chọn tỉnh, thành phố trong danh sách.', commune: 'Tên xã, phường dài tối đa 100 ký tự.' });
  assert.deepEqual(addressProblems(a, 'en'), { province: 'Choose a province or city from the list.', commune: 'The commune or ward can be at most 100 characters long.' });
  assert.deepEqual(problemTableGaps(ADDRESS_PROBLEMS, { max: 100 }), []);
});
