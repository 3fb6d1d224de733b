import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain, problemTableGaps } from '../web/problem.ts';
import { BUNDLE_PROBLEMS } from './problems.ts';

test('each bundle problem has a 4xx status and a whole sentence in Vietnamese and in English', () => {
  assert.deepEqual(explain(BUNDLE_PROBLEMS, { code: 'PART_REFUSED', params: { part: 'Đăng ký khai sinh', reason: 'Thiếu giấy chứng sinh.' } }), {
    status: 400,
    code: 'PART_REFUSED',
    message: 'Thủ tục "Đăng ký khai sinh" không nhận được hồ sơ: Thiếu giấy chứng sinh. Không thủ tục nào của hồ sơ liên thông được lưu.',
  });
  assert.deepEqual(problemTableGaps(BUNDLE_PROBLEMS, { code: 'khai-sinh-lien-thong', places: 'Ủy ban nhân dân phường Nha Trang (000.33.01.H34)', place: '000.34.01.H34', count: 2, part: 'Đăng ký khai sinh', reason: 'Thiếu giấy chứng sinh.' }), []);
  assert.equal(explain(BUNDLE_PROBLEMS, { code: 'ALREADY_SUBMITTED', params: { code: 'LT-261206-000001' } }).status, 409);
});
