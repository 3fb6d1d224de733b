// `dvctt import-catalog` as an operator runs it, against each database.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LocalFileStore } from '../src/storage/index.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runDvctt } from './helpers/process.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'catalog-small.json');
const EXAMPLE = path.join(import.meta.dirname, '..', 'docs', 'catalog-example.json');

describeEachDatabase('dvctt import-catalog', (get) => {
  test('the documented example loads cleanly, a file with bad records reports each one, and the name report lists local renames', async () => {
    const env = { DATABASE_URL: get().url, DVCTT_DEMO_DATA: 'false' };
    const ok = await runDvctt(['import-catalog', EXAMPLE], env);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /thủ tục: 2 mới, 0 cập nhật/);

    const mixed = await runDvctt(['import-catalog', FIXTURE], env);
    assert.equal(mixed.code, 3, mixed.output);
    assert.match(mixed.output, /thủ tục: 0 mới, 2 cập nhật/);
    assert.match(mixed.output, /4 bản ghi không được nhập/);
    assert.match(mixed.output, /\/services\/3 \(ABC\): trường "code" sai định dạng/);

    const clean = await runDvctt(['name-report'], env);
    assert.equal(clean.code, 0, clean.output);
    assert.match(clean.output, /Mọi thủ tục đều công bố đúng tên pháp lý/);
    await get().db.updateTable('service').set({ name: 'Đăng ký giám hộ (tên địa phương)' }).where('code', '=', '1.999001').execute();
    const reimport = await runDvctt(['import-catalog', EXAMPLE], env);
    assert.equal(reimport.code, 0, reimport.output);
    const report = await runDvctt(['name-report'], env);
    assert.equal(report.code, 4, report.output);
    assert.match(report.output, /1 thủ tục có tên công bố khác tên pháp lý/);
    assert.match(report.output, /tên công bố: Đăng ký giám hộ \(tên địa phương\)\n\s+tên pháp lý: Đăng ký giám hộ\n/);

    // CSV updates flat fields of known services and reports unknown ones by line.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-csv-'));
    const csv = path.join(dir, 'cap-nhat.csv');
    writeFileSync(csv, 'code,level,timeLimitDays\n1.999002,3,4\n1.888888,4,1\n');
    const updated = await runDvctt(['import-catalog', csv], env);
    assert.equal(updated.code, 3, updated.output);
    assert.match(updated.output, /thủ tục: 0 mới, 1 cập nhật/);
    assert.match(updated.output, /dòng 3 \(1\.888888\): thủ tục chưa có trong danh mục/);
    const row = await get().db.selectFrom('service').select(['level', 'time_limit_days']).where('code', '=', '1.999002').executeTakeFirstOrThrow();
    assert.deepEqual(row, { level: 3, time_limit_days: 4 });

    // Export writes the same format, and it re-imports without a single problem.
    const out = path.join(dir, 'xuat.json');
    const exported = await runDvctt(['export-catalog', out], env);
    assert.equal(exported.code, 0, exported.output);
    const data = JSON.parse(readFileSync(out, 'utf8')) as { format: string; services: { code: string; level: number }[] };
    assert.equal(data.format, 'dvctt-catalog/1');
    assert.equal(data.services.find((s) => s.code === '1.999002')?.level, 3);
    const back = await runDvctt(['import-catalog', out], env);
    assert.equal(back.code, 0, back.output);
    assert.match(back.output, /thủ tục: 0 mới, 2 cập nhật/);

    const missing = await runDvctt(['import-catalog', '/khong/co/tep.json'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.output, /Không đọc được tệp \/khong\/co\/tep.json/);
  });

  test('a form’s official file is read beside the imported file and kept in the portal’s file store; a missing one is reported by name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-mau-'));
    const env = { DATABASE_URL: get().url, DVCTT_DEMO_DATA: 'false', DATA_DIR: path.join(dir, 'data') };
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { services: Record<string, unknown>[] } & Record<string, unknown>;
    const official = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20)]);
    mkdirSync(path.join(dir, 'danh-muc', 'mau'), { recursive: true });
    writeFileSync(path.join(dir, 'danh-muc', 'mau', 'TK01.pdf'), official);
    const withFile = (file: string) => ({ ...fixture, agencies: (fixture.agencies as unknown[]).slice(0, 2), services: [{ ...fixture.services[0], forms: [{ code: 'TK01', slug: 'DangKyGiamHo', name: 'Tờ khai đăng ký giám hộ', fields: [], file }] }] });
    const json = path.join(dir, 'danh-muc', 'catalog.json');
    writeFileSync(json, JSON.stringify(withFile('mau/TK01.pdf')));
    const ok = await runDvctt(['import-catalog', json], env);
    assert.equal(ok.code, 0, ok.output);
    const details = (await get().db.selectFrom('service').select('details').where('code', '=', '1.999001').executeTakeFirstOrThrow()).details as { forms: { official?: { key: string } }[] };
    const key = details.forms[0]!.official!.key;
    assert.ok((await new LocalFileStore(path.join(dir, 'data', 'files')).read(key)).equals(official));

    writeFileSync(json, JSON.stringify(withFile('mau/TK09.pdf')));
    const bad = await runDvctt(['import-catalog', json], env);
    assert.equal(bad.code, 3, bad.output);
    assert.match(bad.output, /\/services\/0 \(1\.999001\): tệp mẫu "mau\/TK09\.pdf" của biểu mẫu "TK01" không có hoặc không đọc được/);
  });
});
