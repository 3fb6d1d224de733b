import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../web/problem.ts';
import { checkTransition } from './model.ts';
import { APPLICATION_PROBLEMS, type ApplicationProblem } from './problems.ts';

const codes = Object.keys(APPLICATION_PROBLEMS.status) as ApplicationProblem[];
const params = { code: 'G01.123.456-261124-0001', rule: 'move', from: 4, to: 10, who: 'officer', status: 4, at: '2026-11-24T03:30:00Z', after: '2026-12-10', name: 'Cấp giấy phép', level: 2, count: 2, details: 'x', labels: 'A; B', max: 20, limit: 1024, fileMax: 512, since: 'hôm qua', catalog: 500000, named: 'mac-dinh-1-000656@1', current: 'tk-dang-ky-khai-tu@1', agency: '000.33.02.H34', reason: 'bảo trì hệ thống' };

test('each application problem has a status and a sentence in Vietnamese and in English', () => {
  assert.deepEqual(Object.keys(APPLICATION_PROBLEMS.vi).sort(), [...codes].sort());
  assert.deepEqual(Object.keys(APPLICATION_PROBLEMS.en ?? {}).sort(), [...codes].sort());
  for (const code of codes) {
    assert.ok([400, 403, 404, 409, 413, 429].includes(APPLICATION_PROBLEMS.status[code]), code);
    for (const locale of ['vi', 'en'] as const) {
      const m = explain(APPLICATION_PROBLEMS, { code, params }, locale).message;
      assert.ok(m.length > 10 && !m.includes('undefined') && !m.includes('NaN'), `${code} ${locale}: ${m}`);
    }
  }
});

test('a refused move names both statuses; who may make it; a request for documents asks for the full list', () => {
  assert.deepEqual(explain(APPLICATION_PROBLEMS, checkTransition(4, 10, 'officer')!), { status: 409, code: 'NOT_ALLOWED', message: 'Không thể chuyển hồ sơ từ "Đang xử lý" sang "Đã trả kết quả".' });
  assert.equal(explain(APPLICATION_PROBLEMS, checkTransition(1, 2, 'applicant')!).message, 'Chỉ cán bộ tiếp nhận, xử lý được chuyển hồ sơ sang "Được tiếp nhận".');
  assert.equal(explain(APPLICATION_PROBLEMS, checkTransition(4, 5, 'officer', ' ')!).message, 'Hãy liệt kê đầy đủ một lần các giấy tờ cần bổ sung.');
  assert.equal(explain(APPLICATION_PROBLEMS, checkTransition(1, 3, 'officer')!).status, 400);
  assert.equal(explain(APPLICATION_PROBLEMS, checkTransition(4, 10, 'officer')!, 'en').message, 'The application cannot move from "Đang xử lý" to "Đã trả kết quả".');
});

test('dates and sizes in sentences are written the Vietnamese way, in Vietnam time', () => {
  assert.equal(explain(APPLICATION_PROBLEMS, { code: 'BAD_DATE', field: 'date', params: { after: '2026-12-10' } }).message, 'Ngày hẹn mới phải sau 10/12/2026 (sau cả hạn giải quyết hiện tại và hôm nay).');
  assert.match(explain(APPLICATION_PROBLEMS, { code: 'ALREADY', params: { at: '2026-11-24T03:30:00Z' } }).message, /10:30.*24\/11\/2026|24\/11\/2026.*10:30/);
  assert.equal(explain(APPLICATION_PROBLEMS, { code: 'MISSING_COMPONENTS', params: { count: 2, labels: 'Ảnh; Văn bằng' } }).message, 'Hồ sơ còn thiếu 2 thành phần bắt buộc: Ảnh; Văn bằng. Hãy tải lên tệp, hoặc dùng giấy tờ đã có trong kho dữ liệu; không có gì được lưu.');
  assert.deepEqual(explain(APPLICATION_PROBLEMS, { code: 'TOO_MANY_FILES', params: { max: 20 } }), { status: 413, code: 'TOO_MANY_FILES', message: 'Gửi quá nhiều tệp: tối đa 20 tệp một lần; không có gì được lưu.' });
});

test('the API keeps its codes and statuses: lookups, the export and a body nested too deeply', () => {
  assert.deepEqual(explain(APPLICATION_PROBLEMS, { code: 'TOO_MANY', params: { scope: 'code' } }), { status: 429, code: 'TOO_MANY', message: 'Tra cứu quá nhiều lần cho mã hồ sơ này; vui lòng thử lại sau.' });
  assert.equal(explain(APPLICATION_PROBLEMS, { code: 'TOO_MANY' }).message, 'Tra cứu quá nhiều lần; vui lòng thử lại sau một phút.');
  assert.deepEqual(explain(APPLICATION_PROBLEMS, { code: 'NOT_FOUND', params: { via: 'lookup' } }), { status: 404, code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ với mã và thông tin kiểm tra này.' });
  assert.deepEqual(explain(APPLICATION_PROBLEMS, { code: 'FORBIDDEN', params: { agency: 'G01' } }), { status: 403, code: 'FORBIDDEN', message: 'Tài khoản không có quyền với hồ sơ của cơ quan "G01".' });
  assert.equal(explain(APPLICATION_PROBLEMS, { code: 'BAD_REQUEST', params: { depth: 64 } }).message, 'Dữ liệu JSON lồng nhau quá sâu (quá 64 cấp); không có gì được lưu.');
});
