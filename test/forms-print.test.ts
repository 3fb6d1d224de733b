// F4, F5: the paper form of the answers being entered and of a submitted application, as PDF and
// .docx, read back the way a person's viewer or word processor would; who may download which.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { demoDefinition } from './helpers/demo-forms.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { demoApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { formBody, PHARMACIST_ANSWERS } from './helpers/form-answers.ts';
import { apiToken, signedIn } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const BIRTH = '1.001193';

/** What a reader must find on the printed form: every answer, as written on paper. */
const PRINTED = [
  'Nguyễn Thị Lan',
  '12/04/1990',
  '079190012345',
  '10/06/2021',
  'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  '12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa',
  '0912345678',
  'Bằng tốt nghiệp đại học ngành dược (Dược sĩ)',
  'DH-0123456',
  'Trường Đại học Dược Hà Nội',
  '2013',
  'Người chịu trách nhiệm chuyên môn về dược của nhà thuốc',
  'Xét hồ sơ',
  'Nhà thuốc Bệnh viện Đa khoa tỉnh Khánh Hòa',
  '01/09/2013',
  '31/08/2015',
  'Bán lẻ thuốc, tư vấn sử dụng thuốc',
];
const SHEET = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Mẫu số 02', 'ĐƠN ĐỀ NGHỊ CẤP CHỨNG CHỈ HÀNH NGHỀ DƯỢC', 'Kính gửi: Sở Y tế', '1. Họ và tên: Nguyễn Thị Lan', '2. Ngày, tháng, năm sinh: 12/04/1990', 'NGƯỜI LÀM ĐƠN', '(Ký và ghi rõ họ tên)'];

function tool(name: string): string {
  const file = `/usr/bin/${name}`;
  assert.ok(existsSync(file), `${file} is missing: install the Debian package poppler-utils`);
  return file;
}
function run(cmd: string, args: string[], timeout = 30_000): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}
const squash = (s: string) => s.replace(/\s+/g, ' ');
const noSpace = (s: string) => s.replace(/\s+/g, '');

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-print-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('save and print (F4)', (get) => {
  let app: FastifyInstance;
  let code = '';
  before(async () => {
    const { db } = get();
    app = await demoApp(db, { 'an.dan': { phone: '0912345678' }, 'binh.dan': {}, 'cb.yte': {}, 'cb.phuong': {} });
    const token = await apiToken(app, 'an.dan');
    const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, demoDefinition(PHARMACIST)!.example));
    assert.equal(res.statusCode, 201, res.body);
    code = (res.json() as { code: string }).code;
  });
  after(() => app.close());

  const save = (name: string, body: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  test('the answers being entered download as a PDF that reads back with every value, the title and the numbered items', async () => {
    // Posted as the check page's form posts it, with its token (several "scope" fields).
    const page = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai` });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookies = Object.fromEntries(page.cookies.map((c) => [c.name, c.value]));
    const body = formBody({ _csrf: csrf, ...PHARMACIST_ANSWERS });
    const pdf = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/to-khai.pdf`, cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /attachment; filename="Mau02_CapCCHNDuoc_DaKhai\.pdf"/);
    const file = save('filled.pdf', pdf.rawPayload);
    const text = squash(run(tool('pdftotext'), [file, '-']));
    for (const t of [...SHEET, ...PRINTED, 'Người chịu trách nhiệm chuyên môn về dược của quầy thuốc']) assert.ok(text.includes(t), `the PDF says "${t}"`);
    // The page to look at: pdftoppm -r 80 -png filled.pdf (kept in the temporary folder while the test runs).
    run(tool('pdftoppm'), ['-r', '40', '-png', '-f', '1', '-l', '1', file, path.join(dir, 'filled')]);
  });

  test('half-entered answers still print: what is valid is filled in, the rest stays as dotted lines', async () => {
    const res = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai.pdf?fullName=${encodeURIComponent('Lê Văn Tâm')}&dateOfBirth=31/02/1990` });
    assert.equal(res.statusCode, 200);
    const text = squash(run(tool('pdftotext'), ['-layout', save('half.pdf', res.rawPayload), '-']));
    assert.ok(text.includes('1. Họ và tên: Lê Văn Tâm'));
    assert.match(text, /2\. Ngày, tháng, năm sinh: \.{20,}/);
  });

  test('the .docx of the same answers opens in LibreOffice with the same text', async (t) => {
    const office = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((f) => existsSync(f));
    if (!office) return t.skip('LibreOffice is not installed: the .docx-to-PDF check is skipped');
    const res = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai.docx?${formBody(PHARMACIST_ANSWERS)}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const docx = save('Mau02_CapCCHNDuoc_DaKhai.docx', res.rawPayload);
    run(office, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', path.join(dir, 'lo'), docx], 180_000);
    const flat = noSpace(run(tool('pdftotext'), [path.join(dir, 'lo', 'Mau02_CapCCHNDuoc_DaKhai.pdf'), '-']));
    // A table cell that wraps is read back line by line across the row: its words are checked apart.
    const cell = 'Nhà thuốc Bệnh viện Đa khoa tỉnh Khánh Hòa';
    for (const s of [...SHEET, ...PRINTED.filter((p) => p !== cell), ...cell.split(' ')]) assert.ok(flat.includes(noSpace(s)), `the printed .docx shows "${s}"`);
  });

  test('a service with a definition serves its level-2 blank from that definition, in both formats', async () => {
    const pdf = await app.inject({ url: `/dich-vu-cong/${BIRTH}/mau/TKKS_DangKyKhaiSinh.pdf` });
    assert.equal(pdf.statusCode, 200);
    const text = squash(run(tool('pdftotext'), ['-layout', save('blank.pdf', pdf.rawPayload), '-']));
    for (const s of ['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Kính gửi: Ủy ban nhân dân cấp xã', 'Người yêu cầu', '(Ký, ghi rõ họ, chữ đệm, tên)', 'Tôi cam đoan nội dung đề nghị đăng ký khai sinh']) assert.ok(text.includes(s), `the blank says "${s}"`);
    assert.match(text, /Ngày, tháng, năm sinh ghi bằng chữ: \.{20,}/, 'an item of the definition, with its dotted line');
    assert.match(text, /…………, ngày …… tháng …… năm ……/);
    const direct = await app.inject({ url: `/dich-vu-cong/${BIRTH}/to-khai.pdf` });
    assert.deepEqual(direct.rawPayload, pdf.rawPayload, 'the same bytes as the e-form’s blank');
    const docx = await app.inject({ url: `/dich-vu-cong/${BIRTH}/mau/TKKS_DangKyKhaiSinh.docx` });
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  test('the applicant downloads the filled form of a submitted application; the agency’s officer too; the submission day is on it', async () => {
    const own = await app.inject({ url: `/ho-so/${code}/to-khai.pdf`, cookies: await signedIn(app, 'an.dan', TEST_PASSWORD) });
    assert.equal(own.statusCode, 200, own.body);
    const text = squash(run(tool('pdftotext'), [save('application.pdf', own.rawPayload), '-']));
    for (const s of [...SHEET, ...PRINTED]) assert.ok(text.includes(s), `the application's form says "${s}"`);
    assert.match(text, /Nha Trang, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    const officer = await app.inject({ url: `/can-bo/ho-so/${code}/to-khai.docx`, cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    assert.equal(officer.statusCode, 200);
    assert.equal(officer.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  test('another citizen, another agency’s officer and a stranger do not get the filled form', async () => {
    for (const [who, url] of [
      ['binh.dan', `/ho-so/${code}/to-khai.pdf`],
      ['binh.dan', `/can-bo/ho-so/${code}/to-khai.pdf`],
      ['cb.phuong', `/can-bo/ho-so/${code}/to-khai.pdf`],
      ['cb.yte', `/ho-so/${code}/to-khai.docx`],
    ] as const) {
      const res = await app.inject({ url, cookies: await signedIn(app, who, TEST_PASSWORD) });
      assert.equal(res.statusCode, 404, `${who} ${url}`);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(res.body.includes('Không tìm thấy hồ sơ') && res.body.includes('trong phạm vi của bạn'), 'a Vietnamese message');
      assert.ok(!res.body.includes('Nguyễn Thị Lan'));
    }
    const anonymous = await app.inject({ url: `/ho-so/${code}/to-khai.pdf` });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/dang-nhap\?next=/);
  });

  test('a service without an e-form (level 2: apply in person or by post) has no printed form', async () => {
    const res = await app.inject({ url: '/dich-vu-cong/2.000815/to-khai.pdf' });
    assert.equal(res.statusCode, 404);
    assert.ok(res.body.includes('Không có biểu mẫu điện tử'));
  });
});
