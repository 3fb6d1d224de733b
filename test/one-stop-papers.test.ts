// The one-stop papers (A3): an online and a counter dossier moved through reception, a request to
// supplement, an apology, a stop and a refusal; each paper read back from its PDF with pdftotext,
// who may read which, the API's list, and the unit's tracking book.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { vietnamDay } from '../src/web/format.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { signedIn as signedInAs, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission, requiredFiles } from './helpers/submission.ts';

const SERVICE = '1.004616';
const AGENCY = '000.00.12.H34';
const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-papers-'));
let n = 0;
/** The text of a PDF as pdftotext reads it, spaces folded. */
function textOf(pdf: Buffer): string {
  const file = path.join(dir, `p${++n}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
const has = (text: string, ...expected: string[]) => {
  for (const e of expected) assert.ok(text.includes(e), `the paper reads "${e}"; it reads: ${text.slice(0, 1500)}`);
};

describeEachDatabase('one-stop papers', (get) => {
  let app: FastifyInstance;
  let online = '';
  let refused = '';
  const tokens: Record<string, string> = {};
  const signedIn = (username: string) => signedInAs(app, username, TEST_PASSWORD);
  const post = (jar: Jar, code: string, action: string, fields: Record<string, string>) => submitForm(app, jar, `/can-bo/ho-so/${code}`, action, fields);
  const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const pdf = async (url: string, jar: Jar) => {
    const res = await app.inject({ url, cookies: jar });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    assert.equal(res.headers['content-type'], 'application/pdf');
    return textOf(res.rawPayload);
  };

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình', phone: '0987654321' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Lê Văn Tiếp', role: 'officer', agencyCode: AGENCY });
    await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' });
    app = await testApp(db);
    for (const who of ['an.dan', 'binh.dan', 'cb.yte']) {
      tokens[who] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: who, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
    const example = demoDefinition(SERVICE)!.example;
    online = ((await app.inject(apiSubmission(bearer('an.dan'), SERVICE, example))).json() as { code: string }).code;
    refused = ((await app.inject(apiSubmission(bearer('binh.dan'), SERVICE, example))).json() as { code: string }).code;
  });
  after(() => app.close());

  test('an online application waiting for reception has no paper yet; the receipt link it was given says it waits', async () => {
    const list = await app.inject({ url: `/api/v1/applications/${online}/papers`, headers: bearer('an.dan') });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), { items: [] });
    const text = await pdf(`/ho-so/${online}/phieu-tiep-nhan.pdf`, await signedIn('an.dan'));
    has(text, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', online, 'Hồ sơ đang chờ cán bộ tiếp nhận');
    const missing = await app.inject({ url: `/ho-so/${online}/giay-to/tiep-nhan.pdf`, cookies: await signedIn('an.dan') });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Không có giấy tờ này/);
  });

  test('received, asked to supplement, apologised to and stopped: each paper says what happened', async () => {
    const { db } = get();
    const jar = await signedIn('cb.yte');
    assert.equal((await post(jar, online, `/can-bo/ho-so/${online}/trang-thai`, { status: '2', note: '' })).statusCode, 303);
    const components = requiredFiles(SERVICE).map((p) => p.name.slice('component:'.length));
    const asked = await post(jar, online, `/can-bo/ho-so/${online}/bo-sung`, { component: components[0]!, other: 'Giấy khám sức khỏe còn hạn', reason: 'Bản chụp văn bằng bị mờ, không đọc được.' });
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 500));
    const due = (await db.selectFrom('application').select('due_date').where('code', '=', online).executeTakeFirstOrThrow()).due_date!;
    const later = new Date(Date.parse(`${due}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    const newDate = later.split('-').reverse().join('/');
    assert.equal((await post(jar, online, `/can-bo/ho-so/${online}/xin-loi`, { date: newDate, apology: 'Phải xác minh văn bằng với trường đào tạo.' })).statusCode, 303);
    // Two hops written as the workflow writes them (an assignment done a day late, a transfer with
    // its own due date), so the sheet's outcomes are known exactly; the demo catalog has no second
    // unit handling this procedure for POST /api/v1/applications/{code}/transfer to send it to.
    const id = (await db.selectFrom('application').select('id').where('code', '=', online).executeTakeFirstOrThrow()).id;
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    const officer = (await db.selectFrom('account').select('id').where('username', '=', 'cb.yte').executeTakeFirstOrThrow()).id;
    await db
      .insertInto('application_hop')
      .values([
        { application_id: id, kind: 'assignment', from_unit: AGENCY, to_unit: AGENCY, to_account_id: officer, to_account_name: 'Lê Văn Tiếp', at: new Date(), due_date: vietnamDay(daysAgo(1)), done_at: new Date(), actor_id: officer, actor_name: 'Trưởng phòng', note: null },
        { application_id: id, kind: 'transfer', from_unit: AGENCY, to_unit: '000.33.01.H34', to_account_id: null, to_account_name: null, at: new Date(), due_date: vietnamDay(daysAgo(-5)), done_at: null, actor_id: officer, actor_name: 'Lê Văn Tiếp', note: 'Xác minh cư trú' },
      ])
      .execute();
    assert.equal((await post(jar, online, `/can-bo/ho-so/${online}/trang-thai`, { status: '8', note: 'Người nộp không bổ sung giấy tờ theo yêu cầu.' })).statusCode, 303);

    const before = await snapshot(db);
    const staff = `/can-bo/ho-so/${online}/giay-to`;
    has(await pdf(`${staff}/tiep-nhan.pdf`, jar), 'Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'SỞ Y TẾ', online, 'Nguyễn Văn An', 'Thành phần hồ sơ đã nhận', 'bản điện tử:', 'Ngày hẹn trả kết quả', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'Lê Văn Tiếp', '/tra-cuu');
    const request = await pdf(`${staff}/bo-sung.pdf`, jar);
    has(request, 'Mẫu số 02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', online, 'Kính gửi: Nguyễn Văn An', '2. Giấy khám sức khỏe còn hạn', 'Lý do: Bản chụp văn bằng bị mờ, không đọc được.');
    assert.ok(!request.includes('Cần bổ sung:'), 'the items are listed once, not repeated in the reason');
    has(await pdf(`${staff}/xin-loi.pdf`, jar), 'Mẫu số 04', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Phải xác minh văn bằng với trường đào tạo.', `Ngày hẹn trả kết quả mới: ${newDate}`, `Ngày hẹn trả kết quả ban đầu: ${due.split('-').reverse().join('/')}`);
    has(await pdf(`${staff}/dung-xu-ly.pdf`, jar), 'THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ', online, 'Người nộp không bổ sung giấy tờ theo yêu cầu.');
    const control = await pdf(`${staff}/kiem-soat.pdf`, jar);
    has(control, 'Mẫu số 05', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'Phân công xử lý', 'Trưởng phòng', 'Lê Văn Tiếp', 'Chuyển xử lý', 'Xác minh cư trú', 'Quá hạn', 'Mới đăng ký', 'Dừng xử lý');
    const page = await app.inject({ url: `${staff}/kiem-soat.html`, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 id="paper-title" class="paper-title">PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ<\/h1>/);
    assert.match(page.body, /<th scope="col">Bên nhận<\/th>/);
    assert.match(page.body, /\/assets\/papers\.css/);
    // Reading papers writes nothing the applicant's journey counts (only the audit of the personal data read).
    await assertMoved(db, before, {}, 'reading the papers');

    const officerPage = await app.inject({ url: `/can-bo/ho-so/${online}`, cookies: jar });
    for (const slug of ['tiep-nhan', 'bo-sung', 'xin-loi', 'dung-xu-ly', 'kiem-soat']) assert.ok(officerPage.body.includes(`href="${staff}/${slug}.pdf"`), `the officer's page links the ${slug} PDF`);
    assert.ok(officerPage.body.includes(`href="${staff}/kiem-soat.html"`));
  });

  test('the applicant gets the papers addressed to them, not the control sheet nor anyone else’s', async () => {
    const an = await signedIn('an.dan');
    has(await pdf(`/ho-so/${online}/giay-to/bo-sung.pdf`, an), 'Giấy khám sức khỏe còn hạn');
    has(await pdf(`/ho-so/${online}/phieu-tiep-nhan.pdf`, an), 'Lê Văn Tiếp', 'Thời điểm tiếp nhận');
    const sheet = await app.inject({ url: `/ho-so/${online}/giay-to/kiem-soat.pdf`, cookies: an });
    assert.equal(sheet.statusCode, 404);
    assert.match(sheet.body, /Không có giấy tờ này/);
    assert.equal((await app.inject({ url: `/can-bo/ho-so/${online}/giay-to/kiem-soat.pdf`, cookies: an })).statusCode, 403);
    const other = await signedIn('binh.dan');
    const theirs = await app.inject({ url: `/ho-so/${online}/giay-to/tiep-nhan.pdf`, cookies: other });
    assert.equal(theirs.statusCode, 404);
    assert.match(theirs.body, /Không tìm thấy hồ sơ/);
    assert.equal((await app.inject({ url: `/api/v1/applications/${online}/papers`, headers: bearer('binh.dan') })).statusCode, 404);
    assert.equal((await app.inject({ url: `/can-bo/ho-so/${online}/giay-to/tiep-nhan.pdf`, cookies: await signedIn('cb.phuong') })).statusCode, 404, 'another agency’s officer');

    const mine = (await app.inject({ url: `/api/v1/applications/${online}/papers`, headers: bearer('an.dan') })).json() as { items: { kind: string; title: string; issuedAt: string; pdf: string; html: string }[] };
    assert.deepEqual(mine.items.map((i) => i.kind), ['tiep-nhan', 'bo-sung', 'xin-loi', 'dung-xu-ly']);
    assert.deepEqual(mine.items[1], { ...mine.items[1], title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', pdf: `/ho-so/${online}/giay-to/bo-sung.pdf`, html: `/ho-so/${online}/giay-to/bo-sung.html` });
    const staffList = (await app.inject({ url: `/api/v1/applications/${online}/papers`, headers: bearer('cb.yte') })).json() as { items: { kind: string; pdf: string }[] };
    assert.deepEqual(staffList.items.map((i) => i.kind).sort(), ['bo-sung', 'dung-xu-ly', 'kiem-soat', 'tiep-nhan', 'xin-loi']);
    assert.ok(staffList.items.every((i) => i.pdf.startsWith(`/can-bo/ho-so/${online}/giay-to/`)));
    const page = await app.inject({ url: `/ho-so/${online}`, cookies: an });
    assert.ok(page.body.includes(`href="/ho-so/${online}/giay-to/xin-loi.pdf"`));
    assert.ok(!page.body.includes('kiem-soat'));
  });

  test('a refusal of reception is a paper with its reason', async () => {
    const jar = await signedIn('cb.yte');
    assert.equal((await post(jar, refused, `/can-bo/ho-so/${refused}/trang-thai`, { status: '3', note: 'Hồ sơ không thuộc thẩm quyền của Sở Y tế.' })).statusCode, 303);
    has(await pdf(`/ho-so/${refused}/giay-to/tu-choi.pdf`, await signedIn('binh.dan')), 'Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', refused, 'Trần Thị Bình', 'Hồ sơ không thuộc thẩm quyền của Sở Y tế.');
    const list = (await app.inject({ url: `/api/v1/applications/${refused}/papers`, headers: bearer('binh.dan') })).json() as { items: { kind: string }[] };
    assert.deepEqual(list.items.map((i) => i.kind), ['tu-choi']);
  });

  test('the tracking book lists the unit’s dossiers of the period; a bad period is refused with the reason', async () => {
    const jar = await signedIn('cb.yte');
    const today = vietnamDay();
    const q = `don-vi=${AGENCY}&tu=${today.slice(0, 8)}01&den=${today}`;
    const page = await app.inject({ url: `/can-bo/so-theo-doi?${q}`, cookies: jar });
    assert.equal(page.statusCode, 200);
    for (const code of [online, refused]) assert.ok(page.body.includes(code), code);
    assert.match(page.body, /<caption>2 hồ sơ, theo thứ tự nộp<\/caption>/);
    has(await pdf(`/can-bo/so-theo-doi.pdf?${q}`, jar), 'Mẫu số 06', 'SỔ THEO DÕI HỒ SƠ', online, refused, 'Nguyễn Văn An', 'Trần Thị Bình', 'Dừng xử lý', 'Không được tiếp', 'Trực tuyến');
    const bad = await app.inject({ url: `/can-bo/so-theo-doi?don-vi=000.33.01.H34&tu=${today}&den=2020-01-01`, cookies: jar });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Hãy chọn một đơn vị trong phạm vi của bạn/);
    assert.match(bad.body, /Ngày kết thúc phải từ ngày bắt đầu trở đi/);
    assert.equal((await app.inject({ url: '/can-bo/so-theo-doi', cookies: await signedIn('an.dan') })).statusCode, 403);
    const otherUnit = await app.inject({ url: '/can-bo/so-theo-doi', cookies: await signedIn('cb.phuong') });
    assert.ok(!otherUnit.body.includes(online), 'another unit’s book does not list these dossiers');
  });

  test('a counter dossier’s receipt lists the papers received with their form and copies, and the officer who received them', async () => {
    // A paper dossier brought to the counter: each scan with its paper form and copies (counter intake).
    const components = requiredFiles(SERVICE).map((p) => p.name.slice('component:'.length));
    const example = demoDefinition(SERVICE)!.example;
    const res = await app.inject(
      apiSubmission(bearer('cb.yte'), SERVICE, example, [
        { name: 'channel', value: 'truc-tiep' },
        { name: 'applicant', value: JSON.stringify({ idNumber: '079190012345', fullName: 'Phạm Thị Quầy', phone: '0911222333' }) },
        { name: 'papers', value: JSON.stringify(components.map((component, i) => ({ component, form: i === 0 ? 'ban-sao-chung-thuc' : 'ban-chinh', copies: i === 0 ? 2 : 1, matchesOriginal: true }))) },
      ]),
    );
    assert.equal(res.statusCode, 201, res.body);
    const counter = (res.json() as { code: string }).code;
    const text = await pdf(`/can-bo/ho-so/${counter}/giay-to/tiep-nhan.pdf`, await signedIn('cb.yte'));
    has(text, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', counter, 'Phạm Thị Quầy', 'trực tiếp tại Bộ phận Một cửa', 'bản sao có chứng thực, 2 bản', 'Lê Văn Tiếp');
    assert.ok(!text.includes('bản điện tử:'), 'a paper received is named by its form, not as a file sent online');
  });
});
