// Dates on the papers people keep are Vietnam's: at 00:30 in Hà Nội it is still the day before in
// UTC, and a result or receipt must not say so (U5).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { renderReceipt } from '../receipt.ts';
import { renderResult } from './pdf.ts';

const HALF_PAST_MIDNIGHT_IN_VIETNAM = new Date('2026-12-04T17:30:00Z');
const textOf = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dvctt-date-')), 'x.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

test('a result signed at 00:30 Vietnam time is issued on that Vietnamese day, beside the same day in its signing time', async () => {
  const text = textOf(await renderResult({ code: '000.00.12.H34-261205-0001', agencyName: 'Sở Y tế tỉnh Khánh Hòa', serviceName: 'Cấp Chứng chỉ hành nghề dược', applicantName: 'Nguyễn Văn An', decision: 'Đồng ý cấp.', issuedAt: HALF_PAST_MIDNIGHT_IN_VIETNAM, verifyUrl: 'http://localhost/kiem-tra' }));
  assert.match(text, /Ngày ban hành:? 05\/12\/2026/);
  assert.match(text, /Ký số lúc 00:30 ngày 05\/12\/2026/);
  assert.doesNotMatch(text, /04\/12\/2026/);
});

test('a receipt at 00:30 Vietnam time names the Vietnamese day, and lists what was received', async () => {
  const text = textOf(await renderReceipt({ code: '000.00.12.H34-261205-0001', agencyName: 'Sở Y tế tỉnh Khánh Hòa', serviceName: 'Cấp Chứng chỉ hành nghề dược', applicantName: 'Nguyễn Văn An', submittedAt: HALF_PAST_MIDNIGHT_IN_VIETNAM, dueDate: '2026-12-25', received: [{ label: 'Ảnh chân dung', form: 'bản điện tử: anh.jpg' }], lookupUrl: 'http://localhost/tra-cuu?code=x' }));
  assert.match(text, /00:30 ngày 05\/12\/2026/);
  assert.match(text, /1\. Ảnh chân dung \(bản điện tử: anh\.jpg\)/);
  assert.doesNotMatch(text, /04\/12\/2026/);
});
