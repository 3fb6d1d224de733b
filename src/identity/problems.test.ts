import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../web/problem.ts';
import { IDENTITY_PROBLEMS, identityErrors } from './problems.ts';

const PARAMS = { name: 'VNeID', min: 12, province: '003', year: 2003, page: '/chinh-sach-bao-ve-du-lieu', minutes: 5, hours: 24, n: 30, left: 2, until: '2026-12-05T03:00:00Z' };

test('each identity problem has a status and a sentence in Vietnamese and in English, naming what it is about', () => {
  assert.deepEqual(explain(IDENTITY_PROBLEMS, { code: 'CCCD_PROVINCE', field: 'idNumber', params: { province: '003' } }), {
    status: 400,
    code: 'CCCD_PROVINCE',
    field: 'idNumber',
    message: 'Số CCCD bắt đầu bằng mã tỉnh "003" không tồn tại.',
  });
  assert.equal(explain(IDENTITY_PROBLEMS, { code: 'SIGN_IN_SOURCE_WAIT', params: { n: 8 } }, 'en').message, 'Too many failed sign-ins from this address; please try again in 8 seconds.');
  assert.equal(explain(IDENTITY_PROBLEMS, { code: 'SIGN_IN_SOURCE_WAIT', params: { n: 8 } }).status, 429);
  for (const code of Object.keys(IDENTITY_PROBLEMS.status) as (keyof typeof IDENTITY_PROBLEMS.status)[]) {
    assert.ok(IDENTITY_PROBLEMS.status[code] >= 200 && IDENTITY_PROBLEMS.status[code] < 600, code);
    assert.ok(IDENTITY_PROBLEMS.en?.[code], `${code} has an English sentence`);
    const [vi, en] = (['vi', 'en'] as const).map((locale) => explain(IDENTITY_PROBLEMS, { code, params: PARAMS }, locale).message);
    for (const m of [vi, en]) assert.ok(m!.length > 10 && !m!.includes('undefined') && !m!.includes('NaN'), `${code}: ${m}`);
    assert.notEqual(vi, en, `${code} reads differently in English`);
  }
});

test('field problems become the form’s messages in the page’s language, fields without a problem left out', () => {
  assert.deepEqual(identityErrors({ phone: { code: 'PHONE_INVALID' }, email: undefined }, 'en'), { phone: 'The mobile phone number is not valid (for example 0912345678).' });
});
