import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentDisposition } from './download.ts';

test('a Vietnamese file name is saved under its own name, with an ASCII fallback for old browsers', () => {
  assert.equal(contentDisposition('Giấy khai sinh – Đỗ.pdf'), `attachment; filename="Giay khai sinh _ Do.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh%20%E2%80%93%20%C4%90%E1%BB%97.pdf`);
});

test('a plain ASCII name needs no second form, and inline files are shown rather than saved', () => {
  assert.equal(contentDisposition('PhieuTiepNhan_H34-261204-0001.pdf', true), 'inline; filename="PhieuTiepNhan_H34-261204-0001.pdf"');
});

test('quotes, backslashes and slashes in a name cannot break out of the header or name a folder', () => {
  assert.equal(contentDisposition('a"b\\c/d.txt'), 'attachment; filename="a_b_c_d.txt"');
});
