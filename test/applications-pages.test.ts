// The applicant's and the officer's pages for applications, and the public lookup page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { demoDefinition } from './helpers/demo-forms.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { demoApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiToken, type Jar, signedIn as signedInAs, submitForm } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

describeEachDatabase('application pages', (get) => {
  let app: FastifyInstance;
  let code = '';
  before(async () => {
    const { db } = get();
    app = await demoApp(db, { 'an.dan': { phone: '0912345678' }, 'cb.yte': {}, 'cb.phuong': {} });
    const token = await apiToken(app, 'an.dan');
    code = ((await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example))).json() as { code: string }).code;
  });
  after(() => app.close());

  const signedIn = (username: string) => signedInAs(app, username, TEST_PASSWORD);
  const post = (jar: Jar, page: string, action: string, fields: Record<string, string>) => submitForm(app, jar, page, action, fields);

  test('the officer’s inbox lists the agency’s applications with counts; another agency’s officer sees none', async () => {
    const page = await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn('cb.yte') });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`href="/can-bo/ho-so/${code}"`));
    assert.match(page.body, /Mới đăng ký \(1\)/);
    const other = await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn('cb.phuong') });
    assert.ok(!other.body.includes(code));
    assert.equal((await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: await signedIn('cb.phuong') })).statusCode, 404);
    assert.equal((await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn('an.dan') })).statusCode, 403);
  });

  test('the receipt (Mẫu 01) carries the code, service, applicant, the papers received and the appointment; only the applicant and the agency get it', async () => {
    const res = await app.inject({ url: `/ho-so/${code}/phieu-tiep-nhan.pdf`, cookies: await signedIn('an.dan') });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-receipt-'));
    const file = path.join(dir, 'phieu.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Mẫu số 01', code, 'Cấp Chứng chỉ hành nghề dược', 'Nguyễn Văn An', 'Ngày hẹn trả kết quả', 'Thành phần hồ sơ đã nhận', 'Đơn đề nghị cấp Chứng chỉ hành nghề dược (tờ khai điện tử)', 'Bản sao có chứng thực văn bằng chuyên môn', 'bản điện tử: van-bang.jpg']) {
      assert.ok(text.includes(expected), `the receipt reads "${expected}"`);
    }
    // Only what arrived: the identity card copy was not sent, so the receipt does not list it.
    assert.ok(!text.includes('Căn cước hoặc hộ chiếu'), 'a paper not received is not on the receipt');
    assert.equal((await app.inject({ url: `/ho-so/${code}/phieu-tiep-nhan.pdf`, cookies: await signedIn('cb.phuong') })).statusCode, 404);
    assert.equal((await app.inject({ url: `/ho-so/${code}/phieu-tiep-nhan.pdf`, cookies: await signedIn('cb.yte') })).statusCode, 200);
  });

  test('the officer reads the answers with the form’s own labels, not field names', async () => {
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: await signedIn('cb.yte') });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dt>Họ và tên<\/dt>/);
    assert.doesNotMatch(page.body, /<dt>fullName<\/dt>/);
  });

  test('the officer receives, then a request for documents without the list is refused and nothing changes', async () => {
    const jar = await signedIn('cb.yte');
    const received = await post(jar, `/can-bo/ho-so/${code}`, `/can-bo/ho-so/${code}/trang-thai`, { status: '2', note: '' });
    assert.equal(received.statusCode, 303);
    const bare = await post(jar, `/can-bo/ho-so/${code}`, `/can-bo/ho-so/${code}/trang-thai`, { status: '5', note: '' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /Hãy liệt kê đầy đủ một lần các giấy tờ cần bổ sung/);
    const status = await get().db.selectFrom('application').select('status').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(status.status, 2);
  });

  test('the applicant follows the timeline and may withdraw; the lookup page shows the status without signing in', async () => {
    const jar = await signedIn('an.dan');
    const list = await app.inject({ url: '/ho-so', cookies: jar });
    assert.ok(list.body.includes(`href="/ho-so/${code}"`));
    const detail = await app.inject({ url: `/ho-so/${code}`, cookies: jar });
    assert.match(detail.body, /Được tiếp nhận/);
    assert.match(detail.body, /Cán bộ Y tế/);
    const withdrawn = await post(jar, `/ho-so/${code}`, `/ho-so/${code}/rut`, {});
    assert.equal(withdrawn.statusCode, 303);
    const lookup = await app.inject(`/tra-cuu?code=${encodeURIComponent(code)}&check=5678`);
    assert.equal(lookup.statusCode, 200);
    assert.match(lookup.body, /Công dân yêu cầu rút hồ sơ/);
    // The service, the dates, the due date and the steps so far — and nothing personal.
    for (const text of ['Cấp Chứng chỉ hành nghề dược', 'Sở Y tế tỉnh Khánh Hòa', 'Nộp lúc', 'Hạn giải quyết', 'Các bước đã qua', 'Mới đăng ký', 'Được tiếp nhận']) assert.ok(lookup.body.includes(text), text);
    assert.match(lookup.body, /\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    assert.doesNotMatch(lookup.body, /Nguyễn Văn An/);
    assert.doesNotMatch(lookup.body, /Cán bộ Y tế/, 'no officer name');
    const wrong = await app.inject(`/tra-cuu?code=${encodeURIComponent(code)}&check=12`);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Hãy nhập đúng 4 chữ số/);
    assert.match(wrong.body, /4 số cuối số điện thoại hoặc CCCD của người nộp/, 'the summary names the field as it is labelled');
    const empty = await app.inject('/tra-cuu?code=&check=');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Có 2 lỗi cần sửa/);
    assert.match(empty.body, /Hãy nhập mã hồ sơ/);
  });
});
