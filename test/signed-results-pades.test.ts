// Legally signed results (A7, S5) on each database: an agency's certificate from a CA made with
// openssl is imported with `dvctt signing-cert import`; a result issued through the results API
// carries an embedded PAdES signature that `pdfsig` reads as valid, naming the agency and covering
// the whole file; one changed byte breaks it; bad certificates are refused with nothing stored.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { renderResult } from '../src/applications/results/pdf.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { LocalCa } from './helpers/local-ca.ts';
import { cleanEnv, runDvctt } from './helpers/process.ts';
import { csrfOf, remember, signedIn, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';

const AGENCY = '000.00.12.H34';
const AGENCY_NAME = 'Sở Y tế tỉnh Khánh Hòa';
const PASSWORD = 'Mat-khau-p12-2026';
const DAY = 86_400_000;

/** pdfsig's report of a PDF, and its exit code (non-zero when a signature does not verify). */
function pdfsig(pdf: Buffer): { code: number; out: string } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dvctt-pdfsig-')), 'ketqua.pdf');
  writeFileSync(file, pdf);
  try {
    return { code: 0, out: execFileSync('pdfsig', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

/** A multipart/form-data body: text fields, then the PDF in `file`; `headers` added (a bearer token). */
function formData(fields: Record<string, string>, file: Buffer, headers: Record<string, string> = {}) {
  const boundary = `----dvcttTest${Math.random().toString(16).slice(2)}`;
  const part = (name: string, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
  const text = Object.entries(fields).map(([k, v]) => `${part(k)}\r\n${v}\r\n`).join('');
  const payload = Buffer.concat([Buffer.from(`${text}${part('file', '; filename="ketqua.pdf"')}Content-Type: application/pdf\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const multipart = (auth: Record<string, string>, file: Buffer) => formData({ note: 'Kết quả từ hệ thống một cửa' }, file, auth);
const verifyForm = (csrf: string, file: Buffer) => formData({ _csrf: csrf }, file);

describeEachDatabase('results signed with the agency certificate (PAdES)', (get) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-pades-'));
  const keyDir = path.join(dataDir, 'signing-keys');
  const ca = new LocalCa();
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const codes: string[] = [];
  const as = (u: string) => ({ authorization: `Bearer ${tokens[u]}` });
  const cli = (args: string[], password = PASSWORD) => runDvctt(['signing-cert', 'import', ...args], { DATABASE_URL: get().url, DATA_DIR: dataDir, DVCTT_DEMO_DATA: 'false', DVCTT_SIGNING_CERT_PASSWORD: password });
  const certRows = () => get().db.selectFrom('signing_certificate').selectAll().execute();
  const padesFiles = () => (existsSync(keyDir) ? readdirSync(keyDir).filter((f) => f.includes('.pades.')) : []);

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '056090001234' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: AGENCY });
    await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' });
    app = await testApp(db, { DATA_DIR: dataDir });
    for (const u of ['an.dan', 'cb.yte', 'cb.phuong']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
    for (let i = 0; i < 3; i++) {
      const res = await app.inject(apiSubmission(as('an.dan'), '1.004616', demoDefinition('1.004616')!.example));
      const code = (res.json() as { code: string }).code;
      codes.push(code);
      for (const status of [2, 4]) assert.equal((await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: as('cb.yte'), payload: { status } })).statusCode, 200);
    }
  });
  after(() => app.close());

  test('certificates that cannot sign are refused with the reason, exit code 1 and nothing stored', async () => {
    const good = ca.issue(AGENCY_NAME, PASSWORD);
    const expired = ca.issue(AGENCY_NAME, PASSWORD, new Date(Date.now() - 400 * DAY), new Date(Date.now() - 35 * DAY));
    const future = ca.issue(AGENCY_NAME, PASSWORD, new Date(Date.now() + 10 * DAY), new Date(Date.now() + 400 * DAY));
    const cases: [string[], string | undefined, RegExp][] = [
      [['--agency', AGENCY, '--p12', expired.p12], undefined, /Chứng thư số đã hết hạn lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}; không nhập\./],
      [['--agency', AGENCY, '--p12', future.p12], undefined, /Chứng thư số chưa có hiệu lực: hiệu lực từ .*; không nhập\./],
      [['--agency', AGENCY, '--p12', ca.mismatched(good.cert, expired.key, PASSWORD)], undefined, /Khóa bí mật trong tệp không khớp với chứng thư số/],
      [['--agency', AGENCY, '--p12', good.p12], 'mat-khau-sai', /mật khẩu không đúng/],
      [['--agency', '999.99.99.H99', '--p12', good.p12], undefined, /Cơ quan "999.99.99.H99" không có trong danh mục/],
      [['--agency', AGENCY], undefined, /Thiếu --p12/],
      [['--agency', AGENCY, '--p12', good.p12], '', /Thiếu mật khẩu tệp PKCS#12: đặt DVCTT_SIGNING_CERT_PASSWORD hoặc chạy lệnh trên terminal/],
    ];
    for (const [args, password, reason] of cases) {
      const res = await cli(args, password);
      assert.equal(res.code, 1, `${args.join(' ')}\n${res.output}`);
      assert.match(res.output, reason);
      assert.doesNotMatch(res.output, /lỗi không mong đợi|at .*\.ts:\d+/);
    }
    // On a terminal the password is asked for; a wrong one typed there is refused the same way.
    const bin = path.join(import.meta.dirname, '..', 'bin', 'dvctt.js');
    const typed = spawnSync('script', ['-qec', `${process.execPath} ${bin} signing-cert import --agency ${AGENCY} --p12 ${good.p12}`, '/dev/null'], {
      input: 'mat-khau-go-sai\r',
      encoding: 'utf8',
      env: cleanEnv({ DATABASE_URL: get().url, DATA_DIR: dataDir, DVCTT_DEMO_DATA: 'false' }),
    });
    assert.match(typed.stdout, /Mật khẩu của .*agency-\d+\.p12: /);
    assert.match(typed.stdout, /mật khẩu không đúng/);
    assert.equal(typed.status, 1, typed.stdout);
    assert.deepEqual(await certRows(), [], 'no certificate recorded');
    assert.deepEqual(padesFiles(), [], 'no key or chain file written');
    const page = await app.inject({ url: `/can-bo/ho-so/${codes[1]}/ket-qua`, cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    assert.match(page.body, /Cơ quan chưa có chứng thư số còn hiệu lực: kết quả chỉ có chữ ký của cổng/);
  });

  test('an imported certificate signs the result issued through the API: pdfsig says valid, names the agency, whole document; one changed byte breaks it', async () => {
    const { p12 } = ca.issue(AGENCY_NAME, PASSWORD);
    const imported = await cli(['--agency', AGENCY, '--p12', p12]);
    assert.equal(imported.code, 0, imported.output);
    assert.match(imported.output, /Đã nhập chứng thư số cho cơ quan 000\.00\.12\.H34/);
    assert.match(imported.output, /Chủ thể: +CN=Sở Y tế tỉnh Khánh Hòa, O=Sở Y tế tỉnh Khánh Hòa, C=VN/);
    const [row] = await certRows();
    assert.equal(row?.agency_code, AGENCY);
    assert.match(row!.issuer, /CN=CA thử nghiệm dvctt/);
    assert.equal(row!.chain_length, 2);
    assert.match(row!.fingerprint, /^[0-9a-f]{64}$/);
    const keyFile = padesFiles().find((f) => f.endsWith('.key.pem'))!;
    assert.equal(statSync(path.join(keyDir, keyFile)).mode & 0o777, 0o600, 'the private key is readable by the portal only');
    const officerPage = await app.inject({ url: `/can-bo/ho-so/${codes[1]}/ket-qua`, cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    assert.match(officerPage.body, /Tệp PDF sẽ mang chữ ký số PAdES bằng chứng thư số CN=Sở Y tế tỉnh Khánh Hòa, O=Sở Y tế tỉnh Khánh Hòa, C=VN \(cấp bởi CN=CA thử nghiệm dvctt/);

    const code = codes[0]!;
    const before = await snapshot(get().db);
    const res = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, headers: as('cb.yte'), payload: { generate: true, decision: 'Cấp Chứng chỉ hành nghề dược số 123/KH-CCHND.' } });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { status: number; embeddedSignature: boolean; href: string; sha256: string };
    assert.equal(body.status, 9);
    assert.equal(body.embeddedSignature, true);
    await assertMoved(get().db, before, { application_event: 1, notice: 1, delivery: 1 }, 'issuing the result');

    const download = await app.inject({ url: body.href, headers: as('an.dan') });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    const pdf = download.rawPayload;
    const report = pdfsig(pdf);
    assert.equal(report.code, 0, report.out);
    assert.match(report.out, /Signer Certificate Common Name: Sở Y tế tỉnh Khánh Hòa/);
    assert.match(report.out, /Signature Type: ETSI\.CAdES\.detached/);
    assert.match(report.out, /Total document signed/);
    assert.match(report.out, /Signature Validation: Signature is Valid\./);
    assert.match(execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }), /Cấp Chứng chỉ hành nghề dược số 123\/KH-CCHND/);

    // One byte of the signed text changed: the digest no longer matches.
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/Title');
    tampered[at + 1] = 'X'.charCodeAt(0);
    const broken = pdfsig(tampered);
    assert.doesNotMatch(broken.out, /Signature is Valid/);
    assert.match(broken.out, /Signature Validation: (Digest Mismatch|Signature is Invalid)/);

    // A visitor checking the changed copy is told the embedded signature no longer holds.
    const visitor: Jar = {};
    const form = await app.inject({ url: '/xac-thuc-ket-qua' });
    remember(visitor, form);
    const check = await app.inject({ method: 'POST', url: '/xac-thuc-ket-qua', cookies: visitor, ...verifyForm(csrfOf(form.body), tampered) });
    assert.equal(check.statusCode, 422);
    assert.match(check.body, /Không hợp lệ: tệp đã bị thay đổi/);
    assert.match(check.body, /Không hợp lệ: nội dung đã thay đổi sau khi ký/);

    // The verification page reads the embedded signature of the issued file.
    const page = await app.inject({ url: `/xac-thuc-ket-qua?ma=${encodeURIComponent(code)}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chữ ký số nhúng trong tệp \(PAdES\)/);
    assert.match(page.body, /Hợp lệ: chữ ký đúng và bao trùm toàn bộ tệp/);
    assert.match(page.body, /CN=Sở Y tế tỉnh Khánh Hòa, O=Sở Y tế tỉnh Khánh Hòa, C=VN — cấp bởi CN=CA thử nghiệm dvctt/);
    assert.match(page.body, /còn hiệu lực lúc ký/);
    assert.match(page.body, /Không kiểm tra được/);
  });

  test('an uploaded PDF is signed the same way; refusals through the API change nothing', async () => {
    const code = codes[1]!;
    const plain = await renderResult({ code, agencyName: AGENCY_NAME, serviceName: 'Cấp Chứng chỉ hành nghề dược', applicantName: 'Nguyễn Văn An', decision: 'Quyết định từ hệ thống quản lý văn bản.', issuedAt: new Date(), verifyUrl: 'http://localhost/xac-thuc-ket-qua' });
    const before = await snapshot(get().db);
    const refusals: [Record<string, string>, object, number, RegExp][] = [
      [as('cb.phuong'), { generate: true, decision: 'x' }, 404, /Không có hồ sơ mã/],
      [as('an.dan'), { generate: true, decision: 'x' }, 404, /Không có hồ sơ mã/],
      [as('cb.yte'), { generate: true, decision: '  ' }, 400, /Hãy ghi nội dung giải quyết/],
      [as('cb.yte'), {}, 400, /Hãy chọn tệp PDF kết quả giải quyết/],
    ];
    for (const [headers, payload, status, message] of refusals) {
      const res = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, headers, payload });
      assert.equal(res.statusCode, status, res.body);
      assert.match((res.json() as { error: { message: string } }).error.message, message);
    }
    const notPdf = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, ...multipart(as('cb.yte'), Buffer.from('không phải PDF')) });
    assert.equal(notPdf.statusCode, 400);
    assert.match((notPdf.json() as { error: { message: string } }).error.message, /Tệp kết quả phải là PDF/);
    await assertMoved(get().db, before, {}, 'refused results');

    const uploaded = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, ...multipart(as('cb.yte'), plain) });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    assert.equal((uploaded.json() as { embeddedSignature: boolean }).embeddedSignature, true);
    const again = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, headers: as('cb.yte'), payload: { generate: true, decision: 'Lần hai' } });
    assert.equal(again.statusCode, 409);
    const pdf = (await app.inject({ url: `/api/v1/applications/${code}/result.pdf`, headers: as('an.dan') })).rawPayload;
    const report = pdfsig(pdf);
    assert.equal(report.code, 0, report.out);
    assert.match(report.out, /Signature #1:[\s\S]*Signer Certificate Common Name: Sở Y tế tỉnh Khánh Hòa[\s\S]*Total document signed[\s\S]*Signature is Valid/);
    assert.equal((await app.inject({ url: `/api/v1/applications/${code}/result.pdf`, headers: as('cb.phuong') })).statusCode, 404, 'another agency cannot download it');

    // A PDF that already has a signature field keeps it untouched: issued with the detached record only.
    const signedElsewhere = await app.inject({ method: 'POST', url: `/api/v1/applications/${codes[2]}/result`, ...multipart(as('cb.yte'), pdf) });
    assert.equal(signedElsewhere.statusCode, 201, signedElsewhere.body);
    assert.equal((signedElsewhere.json() as { embeddedSignature: boolean; sha256: string }).embeddedSignature, false);
    assert.equal((signedElsewhere.json() as { sha256: string }).sha256, createHash('sha256').update(pdf).digest('hex'), 'the file is stored as it came');
  });
});
