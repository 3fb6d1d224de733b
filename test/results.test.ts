// Signed electronic results (A7) and the export in the national portal's fields (P3): finishing
// needs a result file; the result is signed, downloadable by its applicant, verifiable by anyone;
// a changed copy is found out; the export answers only to its agency's staff.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'dvctt-results-'));

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { field: string; name: string; type: string; data: Buffer }) {
  const boundary = `----dvcttTest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDatabase('signed results and the national export', (get) => {
  let app: FastifyInstance;
  let code = '';
  let officer: Jar;
  let citizen: Jar;
  const tokens: Record<string, string> = {};
  const api = (username: string) => ({ authorization: `Bearer ${tokens[username]}` });
  let issued: Buffer = Buffer.alloc(0);

  const postMultipart = async (jar: Jar, page: string, action: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) => {
    const form = await app.inject({ url: page, cookies: jar });
    remember(jar, form);
    const body = multipart({ _csrf: csrfOf(form.body), ...fields }, file);
    return app.inject({ method: 'POST', url: action, cookies: jar, ...body });
  };
  const row = () => get().db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '056090001234' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' });
    app = await testApp(db, { DATA_DIR });
    for (const u of ['an.dan', 'cb.yte', 'cb.phuong']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
    for (let i = 0; i < 3; i++) {
      const res = await app.inject(apiSubmission(api('an.dan'), '1.004616', demoDefinition('1.004616')!.example));
      code ||= (res.json() as { code: string }).code;
    }
    for (const status of [2, 4]) await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: api('cb.yte'), payload: { status } });
    officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    citizen = await signedIn(app, 'an.dan', TEST_PASSWORD);
  });
  after(() => app.close());

  test('finishing without a result is refused — through the API and the page — and nothing changes', async () => {
    const viaApi = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: api('cb.yte'), payload: { status: 9 } });
    assert.equal(viaApi.statusCode, 409);
    assert.match((viaApi.json() as { error: { message: string } }).error.message, /Chưa có văn bản kết quả/);
    const page = `/can-bo/ho-so/${code}/ket-qua`;
    const noFile = await postMultipart(officer, page, page, { method: 'upload', decision: '', note: '' }, { field: 'file', name: '', type: 'application/octet-stream', data: Buffer.alloc(0) });
    assert.equal(noFile.statusCode, 400);
    assert.match(noFile.body, /Hãy chọn tệp PDF kết quả giải quyết/);
    const notPdf = await postMultipart(officer, page, page, { method: 'upload' }, { field: 'file', name: 'ketqua.pdf', type: 'application/pdf', data: Buffer.from('đây không phải PDF') });
    assert.equal(notPdf.statusCode, 400);
    assert.match(notPdf.body, /phải là PDF/);
    const noDecision = await postMultipart(officer, page, page, { method: 'template', decision: '  ' });
    assert.equal(noDecision.statusCode, 400);
    assert.equal((await row()).status, 4);
    assert.equal((await get().db.selectFrom('application_result').select('id').execute()).length, 0);
  });

  test('the officer finishes with a result generated from the template; it is signed, carries the verification link and enters the applicant’s store', async () => {
    const page = `/can-bo/ho-so/${code}/ket-qua`;
    const res = await postMultipart(officer, page, page, { method: 'template', decision: 'Cấp Chứng chỉ hành nghề dược số 123/CCHN-D-SYT-KH cho ông Nguyễn Văn An.', note: '' });
    assert.equal(res.statusCode, 303);
    assert.equal((await row()).status, 9);
    const pdf = await app.inject({ url: `/ho-so/${code}/ket-qua.pdf`, cookies: citizen });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    issued = pdf.rawPayload;
    const stored = await get().db.selectFrom('application_result').select(['sha256', 'signature', 'key_id']).executeTakeFirstOrThrow();
    assert.equal(createHash('sha256').update(issued).digest('hex'), stored.sha256);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-ketqua-'));
    writeFileSync(path.join(dir, 'kq.pdf'), issued);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'kq.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', code, 'Nguyễn Văn An', '123/CCHN-D-SYT-KH', '/xac-thuc-ket-qua']) assert.ok(text.includes(expected), `the result reads "${expected}"`);
    const vault = await get().db.selectFrom('vault_document').select(['kind_code', 'sha256', 'state']).where('source', '=', 'result').execute();
    assert.deepEqual(vault, [{ kind_code: 'chung-chi-hanh-nghe-duoc', sha256: stored.sha256, state: 'accepted' }]);
    assert.equal((await app.inject({ url: `/ho-so/${code}/ket-qua.pdf`, cookies: await signedIn(app, 'cb.phuong', TEST_PASSWORD) })).statusCode, 404);
  });

  test('anyone verifies the issued file; a tampered copy fails and the page says what changed', async () => {
    const visitor: Jar = {};
    const good = await postMultipart(visitor, '/xac-thuc-ket-qua', '/xac-thuc-ket-qua', { ma: '' }, { field: 'file', name: 'kq.pdf', type: 'application/pdf', data: issued });
    assert.equal(good.statusCode, 200);
    assert.match(good.body, /Hợp lệ: chữ ký số đúng, tệp không bị thay đổi/);
    assert.match(good.body, /Sở Y tế/);
    const tampered = Buffer.from(issued);
    const at = tampered.indexOf('Cấp Chứng chỉ') > 0 ? tampered.indexOf('Cấp Chứng chỉ') : Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const bad = await postMultipart(visitor, '/xac-thuc-ket-qua', '/xac-thuc-ket-qua', { ma: '' }, { field: 'file', name: 'kq.pdf', type: 'application/pdf', data: tampered });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Không hợp lệ: tệp đã bị thay đổi/);
    assert.ok(bad.body.includes(`byte thứ ${(at + 1).toLocaleString('vi-VN')}`), 'names where the file changed');
    const stranger = await postMultipart(visitor, '/xac-thuc-ket-qua', '/xac-thuc-ket-qua', {}, { field: 'file', name: 'x.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4 khác') });
    assert.equal(stranger.statusCode, 422);
    assert.match(stranger.body, /Không xác thực được/);
    const byCode = await app.inject({ url: `/xac-thuc-ket-qua?ma=${encodeURIComponent(code)}` });
    assert.equal(byCode.statusCode, 200);
    assert.match(byCode.body, /Chữ ký số của bản đã lưu hợp lệ/);
    assert.ok(!byCode.body.includes('Nguyễn Văn An'), 'no personal data on the public page');
  });

  test('the applicant chooses post with an address (an address is required), then the officer returns the result', async () => {
    const page = `/ho-so/${code}/ket-qua`;
    const bare = await submitForm(app, citizen, page, page, { delivery: 'post', address: '' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /Hãy ghi đầy đủ địa chỉ/);
    const ok = await submitForm(app, citizen, page, page, { delivery: 'post', address: 'Số 5 Lê Thánh Tôn, phường Nha Trang, tỉnh Khánh Hòa' });
    assert.equal(ok.statusCode, 303);
    const r = await get().db.selectFrom('application_result').select(['delivery', 'postal_address']).executeTakeFirstOrThrow();
    assert.deepEqual(r, { delivery: 'post', postal_address: 'Số 5 Lê Thánh Tôn, phường Nha Trang, tỉnh Khánh Hòa' });
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: api('cb.yte'), payload: { status: 10 } })).statusCode, 200);
  });

  test('the export needs a token of the agency’s staff and gives the national fields, page by page', async () => {
    const url = '/api/v1/export/applications';
    assert.equal((await app.inject({ url })).statusCode, 401);
    assert.equal((await app.inject({ url, headers: api('an.dan') })).statusCode, 403);
    assert.equal((await app.inject({ url: `${url}?agency=000.00.12.H34`, headers: api('cb.phuong') })).statusCode, 403);
    const other = (await app.inject({ url, headers: api('cb.phuong') })).json() as { items: unknown[] };
    assert.deepEqual(other.items, [], 'another agency’s officer sees none of these');
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json(): unknown } = await app.inject({ url: `${url}?agency=000.00.12.H34&limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: api('cb.yte') });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen.map((s) => s.MaHoSo)).size, 3);
    const done = seen.find((s) => s.MaHoSo === code)!;
    assert.equal(done.MaTTHC, '1.004616');
    assert.equal(done.TrangThaiHoSo, 10);
    assert.equal(done.HinhThuc, 2);
    assert.equal(done.ChuHoSo, 'Nguyễn Văn An');
    assert.match(String(done.NgayTiepNhan), /^\d{14}$/);
    assert.match(String(done.NgayHenTra), /^\d{8}170000$/);
    assert.match(String(done.NgayKetThucXuLy), /^\d{14}$/);
    assert.ok((done.KetQuaDienTu as { SHA256: string }).SHA256);
    const later = (await app.inject({ url: `${url}?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, headers: api('cb.yte') })).json() as { items: unknown[] };
    assert.deepEqual(later.items, []);
    const badCursor = await app.inject({ url: `${url}?cursor=xyz`, headers: api('cb.yte') });
    assert.equal(badCursor.statusCode, 400);
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    assert.ok(spec.paths['/api/v1/export/applications']);
  });
});
