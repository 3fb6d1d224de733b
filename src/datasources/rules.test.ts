// The rule that says which national database may stand in for a dossier component (V2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameName, sourceFor, validOn } from './rules.ts';

test('the catalog\'s "không yêu cầu nếu khai thác được từ CSDL quốc gia về dân cư" components go to the population database', () => {
  assert.equal(sourceFor({ kind: 'can-cuoc-cong-dan', name: 'Bản sao Thẻ Căn cước/Căn cước công dân hoặc hộ chiếu (không yêu cầu nếu đã khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)' }), 'dan-cu');
  assert.equal(sourceFor({ kind: 'can-cuoc-cong-dan', name: 'Bản sao giấy tờ pháp lý (không yêu cầu nếu đã xác thực qua Cơ sở dữ liệu quốc gia về dân cư)' }), 'dan-cu');
  assert.equal(sourceFor({ kind: 'giay-to-lien-quan', name: 'Giấy tờ chứng minh nơi cư trú', note: 'Không phải nộp nếu khai thác được từ CSDL quốc gia về dân cư' }), 'dan-cu');
});

test('a component that only mentions the population database is not satisfied by it', () => {
  assert.equal(sourceFor({ kind: 'to-khai', name: 'Tờ khai căn cước (trường hợp thông tin cần điều chỉnh, bổ sung trong Cơ sở dữ liệu quốc gia về dân cư)' }), undefined);
  assert.equal(sourceFor({ kind: 'can-cuoc-cong-dan', name: 'Bản sao Thẻ Căn cước công dân' }), undefined);
});

test('a birth certificate goes to the civil status database; an issued result to the results store; what the person writes to none', () => {
  assert.equal(sourceFor({ kind: 'giay-khai-sinh', name: 'Bản sao Giấy khai sinh được cấp trước đây (nếu có)' }), 'ho-tich');
  assert.equal(sourceFor({ kind: 'van-bang-chuyen-mon', name: 'Bản sao văn bằng chuyên môn' }), 'ket-qua-so');
  for (const kind of ['to-khai', 'don-de-nghi', 'anh-chan-dung', 'van-ban-cam-ket']) assert.equal(sourceFor({ kind, name: 'x' }), undefined, kind);
});

test('a result counts from its issue day to its last valid day; names compare without case or accents', () => {
  assert.ok(validOn({ issuedOn: '2026-01-01', validUntil: null }, '2026-12-05'));
  assert.ok(validOn({ issuedOn: '2026-01-01', validUntil: '2026-12-05' }, '2026-12-05'));
  assert.equal(validOn({ issuedOn: '2026-01-01', validUntil: '2026-12-04' }, '2026-12-05'), false);
  assert.equal(validOn({ issuedOn: '2026-12-06', validUntil: null }, '2026-12-05'), false);
  assert.ok(sameName('Nguyễn  Văn An', 'NGUYEN VAN AN'));
  assert.equal(sameName('Nguyễn Văn An', 'Nguyễn Văn Anh'), false);
});
