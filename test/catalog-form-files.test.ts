// C6 level 2 with the national database's own files: a catalog record may name the official
// .doc/.docx/.pdf of a form beside the imported file; the download then serves those bytes, and the
// generated blank only stands in where no file is given. On each database.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Document, Packer, Paragraph } from 'docx';
import { exportCatalog, importCatalog, parseCatalogFile, type ImportReport } from '../src/catalog/index.ts';
import { sweepFiles } from '../src/applications/index.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';

const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'catalog-small.json'), 'utf8')) as { documentKinds: unknown[]; agencies: unknown[]; services: Record<string, unknown>[] };
const [GUARDIAN, END_GUARDIAN] = fixture.services as [Record<string, unknown>, Record<string, unknown>];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A catalog file of the two valid fixture services, the level-2 one with the given forms. */
function catalog(forms: unknown[]): string {
  return JSON.stringify({ format: 'dvctt-catalog/1', documentKinds: fixture.documentKinds, agencies: fixture.agencies.slice(0, 2), services: [GUARDIAN, { ...END_GUARDIAN, forms }] });
}
const form = (code: string, extra: object = {}) => ({ code, slug: 'ChamDutGiamHo', name: `Tờ khai chấm dứt giám hộ ${code}`, fields: ['Họ, chữ đệm, tên người yêu cầu'], ...extra });

describeEachDatabase('official form files in the catalog', (get) => {
  let app: FastifyInstance;
  let dir: string;
  let store: LocalFileStore;
  let official: Buffer;
  const oldWord = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(3000, 0x41)]);

  const importFrom = async (json: string): Promise<ImportReport> => {
    writeFileSync(path.join(dir, 'catalog.json'), json);
    return importCatalog(get().db, parseCatalogFile(json), { formFiles: { dir, store } });
  };
  const download = (code: string, file: string) => app.inject(`/dich-vu-cong/${code}/mau/${file}`);

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-form-files-'));
    store = new LocalFileStore(path.join(dir, 'data', 'files'));
    mkdirSync(path.join(dir, 'mau'));
    official = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('TỜ KHAI ĐĂNG KÝ CHẤM DỨT GIÁM HỘ — bản của Cơ sở dữ liệu quốc gia')] }] }));
    writeFileSync(path.join(dir, 'mau', 'TK02.docx'), official);
    writeFileSync(path.join(dir, 'mau', 'TK03.doc'), oldWord);
    writeFileSync(path.join(dir, 'mau', 'la-pdf.docx'), Buffer.from('%PDF-1.4\n% không phải Word\n'));
    const report = await importFrom(catalog([form('TK02', { file: 'mau/TK02.docx' }), form('TK03', { file: 'mau/TK03.doc' })]));
    assert.deepEqual(report.problems, []);
    app = await testApp(get().db, { DATA_DIR: path.join(dir, 'data') });
  });
  after(() => app?.close());

  test('a form with its official .docx downloads byte for byte, with the Word type and the usual name', async () => {
    const res = await download('1.999002', 'TK02_ChamDutGiamHo.docx');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], DOCX);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="TK02_ChamDutGiamHo\.docx"/);
    assert.ok(res.rawPayload.equals(official));
  });

  test('an official .doc downloads as .doc (application/msword); a form without one has no .doc', async () => {
    const doc = await download('1.999002', 'TK03_ChamDutGiamHo.doc');
    assert.equal(doc.statusCode, 200);
    assert.equal(doc.headers['content-type'], 'application/msword');
    assert.ok(doc.rawPayload.equals(oldWord));
    assert.equal((await download('1.999002', 'TK02_ChamDutGiamHo.doc')).statusCode, 404);
    const page = (await app.inject('/dich-vu-cong/1.999002')).body;
    assert.ok(page.includes('href="/dich-vu-cong/1.999002/mau/TK03_ChamDutGiamHo.doc"'), 'the service page links the .doc');
    assert.ok(!page.includes('TK02_ChamDutGiamHo.doc"'));
  });

  test('without an official file the generated blank is served as before, and the other format stays generated', async () => {
    const blank = await download('1.999001', 'TK01_DangKyGiamHo.docx');
    assert.equal(blank.statusCode, 200);
    assert.equal(blank.headers['content-type'], DOCX);
    assert.equal(blank.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.ok(!blank.rawPayload.equals(official));
    const pdf = await download('1.999002', 'TK02_ChamDutGiamHo.pdf');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  test('a reference that is a URL, leaves the folder, is missing or holds another kind of file is refused with the reason, and the record stays as it was', async () => {
    const cases: [string, RegExp][] = [
      ['https://csdl.dichvucong.gov.vn/mau.docx', /đường dẫn tương đối/],
      ['../ngoai.docx', /ra ngoài thư mục/],
      ['mau/khong-co.docx', /không có hoặc không đọc được/],
      ['mau/la-pdf.docx', /không phải tệp \.docx/],
      ['mau/anh.png', /\.doc, \.docx hoặc \.pdf/],
    ];
    for (const [ref, reason] of cases) {
      const report = await importFrom(catalog([form('TK02', { file: ref })]));
      assert.equal(report.problems.length, 1, ref);
      assert.equal(report.problems[0]!.key, '1.999002');
      assert.match(report.problems[0]!.message, reason);
      assert.ok(report.problems[0]!.message.includes(`"${ref}"`), report.problems[0]!.message);
      const still = await download('1.999002', 'TK02_ChamDutGiamHo.docx');
      assert.ok(still.rawPayload.equals(official), `${ref}: the imported file is still served`);
    }
    const noFolder = await importCatalog(get().db, parseCatalogFile(catalog([form('TK02', { file: 'mau/TK02.docx' })])));
    assert.match(noFolder.problems[0]!.message, /dvctt import-catalog/);
  });

  test('a file cannot be named by its store key: an "official" written in the import is ignored', async () => {
    const key = JSON.stringify(await exportCatalog(get().db)).includes('official');
    assert.equal(key, false, 'the export names no stored file');
    const stored = await store.put(Buffer.from('%PDF-1.4\n% hồ sơ của người khác\n'));
    const report = await importFrom(catalog([form('TK04', { official: { key: stored.key, sha256: stored.sha256, size: stored.size, ext: 'pdf', mime: 'application/pdf' } })]));
    assert.deepEqual(report.problems, []);
    const res = await download('1.999002', 'TK04_ChamDutGiamHo.pdf');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.rawPayload.toString('latin1').includes('người khác'));
    // Back to the catalog with the official files, for the sweep below.
    await importFrom(catalog([form('TK02', { file: 'mau/TK02.docx' }), form('TK03', { file: 'mau/TK03.doc' })]));
  });

  test('the file sweep keeps the official files the catalog names', async () => {
    const { removed } = await sweepFiles(get().db, store, { graceMs: 0, now: new Date(Date.now() + 60_000) });
    const res = await download('1.999002', 'TK02_ChamDutGiamHo.docx');
    assert.equal(res.statusCode, 200);
    assert.ok(res.rawPayload.equals(official));
    assert.ok(removed.length >= 1, 'the unnamed PDF put above is swept');
  });
});
