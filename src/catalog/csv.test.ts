import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CsvError, csvUpdates, parseCsv } from './csv.ts';

describe('catalog CSV', () => {
  test('quoted cells keep commas, doubled quotes and line breaks; rows remember their line', () => {
    const rows = parseCsv('\uFEFFcode,name\r\n1.000001,"Cấp giấy phép, loại ""A"""\n1.000002,"Hai\ndòng"\n\n1.000003,Ba\n');
    assert.deepEqual(rows, [
      { line: 1, cells: ['code', 'name'] },
      { line: 2, cells: ['1.000001', 'Cấp giấy phép, loại "A"'] },
      { line: 3, cells: ['1.000002', 'Hai\ndòng'] },
      { line: 6, cells: ['1.000003', 'Ba'] },
    ]);
  });

  test('an unclosed quote is reported with its line', () => {
    assert.throws(() => parseCsv('code,name\n1.000001,"mở mà không đóng\n'), /Dòng 2: dấu ngoặc kép chưa được đóng/);
  });

  test('each bad row is reported with its line and key; good rows become updates', () => {
    const { updates, problems } = csvUpdates('code,level,adminLevel,timeLimitDays\n1.000001,4,xa,5\nABC,4,xa,5\n1.000002,7,xa,5\n1.000003,3,huyen-cu,5\n1.000004,,,\n');
    assert.deepEqual(updates.map((u) => [u.code, u.level, u.adminLevel, u.timeLimitDays]), [
      ['1.000001', 4, 'xa', 5],
      ['1.000004', undefined, undefined, undefined],
    ]);
    assert.deepEqual(problems.map((p) => `${p.line} ${p.key}: ${p.message}`), [
      '3 ABC: mã TTHC sai định dạng',
      '4 1.000002: mức độ "7" không hợp lệ; dùng 1–4',
      '5 1.000003: cấp thực hiện "huyen-cu" không hợp lệ',
    ]);
  });

  test('unknown columns or a missing code column refuse the whole file', () => {
    assert.throws(() => csvUpdates('code,ten\n1.000001,x\n'), CsvError);
    assert.throws(() => csvUpdates('name\nx\n'), /Thiếu cột "code"/);
    assert.throws(() => csvUpdates(''), /Tệp CSV trống/);
  });
});
