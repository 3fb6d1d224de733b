// F1–F4: the pharmacist's e-form through real HTTP handling, on each database: one step per page,
// each step checked on its own, the check page with a change button per step, profile data offered
// and used only on request, drafts saved on every step and resumed from another sign-in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { formBody, PHARMACIST_ANSWERS } from './helpers/form-answers.ts';
import { csrfOf, remember, signedIn, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const URL = '/dich-vu-cong/1.004616/to-khai';
const citizen = DEMO_ACCOUNTS.find((a) => a.role === 'citizen')!;

/** Lan's answers, with the empty second practice row the page sends along. */
const GOOD: Record<string, string | string[]> = { ...PHARMACIST_ANSWERS, 'practice.1.place': '' };

/** Hidden inputs of the e-form (the other steps' answers the page carries). */
const hidden = (html: string) => [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]);

describeEachDatabase('the pharmacist e-form (Mẫu số 02)', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    await seedDemoAccounts(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  async function post(jar: Jar, fields: Record<string, string | string[]>, url = URL): Promise<LightMyRequestResponse> {
    const page = await app.inject({ url: URL, cookies: jar });
    remember(jar, page);
    const res = await app.inject({ method: 'POST', url, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfOf(page.body), ...fields }) });
    remember(jar, res);
    return res;
  }
  const draftOf = (username: string) =>
    get()
      .db.selectFrom('form_draft as d')
      .innerJoin('account as a', 'a.id', 'd.account_id')
      .select(['d.step', 'd.answers', 'd.form_version'])
      .where('a.username', '=', username)
      .executeTakeFirst();

  test('a long form shows one step per page with its progress; a later step is reached by its number', async () => {
    const res = await app.inject({ url: URL });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<strong>Bước 1\/6:<\/strong> Người đề nghị/);
    for (const text of ['Đơn đề nghị cấp Chứng chỉ hành nghề dược', 'Kính gửi: Sở Y tế', 'Họ và tên', 'Ngày, tháng, năm sinh', 'Giới tính', 'Số Căn cước công dân', 'Nơi cấp', 'Địa chỉ thường trú', 'Số điện thoại']) assert.ok(res.body.includes(text), `missing: ${text}`);
    assert.ok(!res.body.includes('Phạm vi hoạt động chuyên môn'), 'step 2 is on its own page');
    assert.doesNotMatch(res.body, /<script(?! type="module" src="\/assets\/(forms\/eform-[0-9a-f]{16}|disclosure)\.js"><\/script>)/, 'only the enhancement file, no inline script');
    assert.doesNotMatch(res.body, /Lưu nháp/, 'no draft without an account');
    const two = await app.inject({ url: `${URL}?buoc=2` });
    assert.match(two.body, /Bước 2\/6:<\/strong> Văn bằng và nội dung đề nghị/);
    assert.match(two.body, /Chỉ khai khi chọn “Văn bằng, chứng chỉ, giấy chứng nhận khác về y dược cổ truyền”/);
    const four = await app.inject({ url: `${URL}?buoc=9` });
    assert.match(four.body, /Bước 4\/6/);
    assert.match(four.body, /Giấy xác nhận thời gian thực hành chuyên môn/);
  });

  test('the enhancement script and each definition version are served as cacheable files', async () => {
    const page = await app.inject({ url: URL });
    const script = /src="(\/assets\/forms\/eform-[0-9a-f]+\.js)"/.exec(page.body)![1]!;
    const js = await app.inject({ url: script });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.match(String(js.headers['cache-control']), /immutable/);
    assert.match(js.body, /Hãy nhập/, 'the same Vietnamese messages as the server');
    const defUrl = /data-definition="([^"]+)"/.exec(page.body)![1]!;
    const def = await app.inject({ url: defUrl });
    assert.equal((def.json() as { version: number }).version, 2);
    assert.equal((await app.inject({ url: '/assets/forms/eform-0000000000000000.js' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/assets/forms/dinh-nghia/mau02-cchn-duoc-1.json' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/assets/forms/eform.css' })).statusCode, 200);
  });

  test('the API gives the form, its dossier components with their document kinds, and an example that validates', async () => {
    const res = await app.inject('/api/v1/services/1.004616/form');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { version: string; definition: { sections: unknown[]; steps: unknown[] }; components: { id: string; kind: string }[]; example: Record<string, unknown> };
    assert.equal(body.version, 'mau02-cchn-duoc@2');
    assert.equal(body.definition.steps.length, 4);
    assert.ok(body.components.some((c) => c.id === 'van-bang' && c.kind === 'van-bang-chuyen-mon'));
    const missing = await app.inject('/api/v1/services/9.999999/form');
    assert.equal(missing.statusCode, 404);
    assert.match((missing.json() as { error: { message: string } }).error.message, /không có tờ khai điện tử/);
  });

  test('an unknown code gets a Vietnamese 404 page', async () => {
    for (const url of ['/dich-vu-cong/9.999999/to-khai', '/dich-vu-cong/abc/to-khai']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /chưa có tờ khai điện tử/);
    }
  });

  test('each step is checked on its own: only its errors, all at once, what was typed kept, other steps carried', async () => {
    const res = await post({}, { _step: '0', fullName: 'Trần Văn Bình', idNumber: '12345', phone: '123', degree: 'khac', degreeNumber: 'X-1' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Có 7 lỗi cần sửa/);
    assert.match(res.body, /<a href="#f-dateOfBirth">Hãy nhập ngày, tháng, năm sinh\.<\/a>/);
    assert.match(res.body, /Số CCCD gồm 12 chữ số/);
    assert.match(res.body, /Số điện thoại di động không hợp lệ/);
    assert.doesNotMatch(res.body, /tên văn bằng, chứng chỉ khác|href="#f-declaration"/, 'later steps are not judged yet');
    assert.match(res.body, /value="Trần Văn Bình"/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.deepEqual(hidden(res.body).filter(([k]) => k === 'degree' || k === 'degreeNumber'), [['degree', 'khac'], ['degreeNumber', 'X-1']]);
  });

  test('every step in turn, back without checking, then the check page with a change button per step', async () => {
    const jar: Jar = {};
    let res = await post(jar, { ...GOOD, _step: '0' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Bước 2\/6/);
    res = await post(jar, { ...GOOD, _step: '1' });
    assert.match(res.body, /Bước 3\/6/);
    const back = await post(jar, { _step: '2', fullName: 'Nguyễn Thị Lan', _action: 'lui' });
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /Bước 2\/6/);
    assert.doesNotMatch(back.body, /lỗi cần sửa/);
    res = await post(jar, { ...GOOD, _step: '2' });
    assert.match(res.body, /Bước 4\/6/);
    res = await post(jar, { ...GOOD, _step: '3', unknownField: 'bỏ qua' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /<h1>Kiểm tra lại thông tin<\/h1>/);
    for (const text of ['Nguyễn Thị Lan', '12/04/1990', 'Nữ', '079190012345', '12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa', '0912345678', 'Bằng tốt nghiệp đại học ngành dược (Dược sĩ)', '2013', 'Người chịu trách nhiệm chuyên môn về dược của nhà thuốc', 'Xét hồ sơ', 'Cơ sở thực hành 1', '01/09/2013', 'Đã xác nhận']) {
      assert.ok(res.body.includes(text), `missing: ${text}`);
    }
    assert.doesNotMatch(res.body, /bỏ qua/);
    assert.doesNotMatch(res.body, /Gửi hồ sơ/, 'no submit button that does nothing');
    assert.equal([...res.body.matchAll(/name="_action" value="buoc-\d"/g)].length, 4);
    assert.match(res.body, /Thay đổi<span class="visually-hidden"> bước 2: Văn bằng và nội dung đề nghị<\/span>/);
    const change = await app.inject({ method: 'POST', url: URL, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([...hidden(res.body).filter(([k]) => k !== '_csrf'), ['_csrf', csrfOf(res.body)], ['_action', 'buoc-1']] as [string, string][]).toString() });
    assert.equal(change.statusCode, 200);
    assert.match(change.body, /Bước 2\/6/);
    assert.match(change.body, /value="nha-thuoc" checked/);
    assert.match(change.body, /value="DH-0123456"/);
  });

  test('the check page prints as the paper form and downloads it filled, from the answers it carries (F4)', async () => {
    const jar: Jar = {};
    const check = await post(jar, GOOD);
    assert.match(check.body, /<h1>Kiểm tra lại thông tin<\/h1>/);
    assert.match(check.body, /class="printed-form"/, 'the paper layout is on the page for the browser’s print');
    assert.match(check.body, /ĐƠN ĐỀ NGHỊ CẤP CHỨNG CHỈ HÀNH NGHỀ DƯỢC/);
    assert.match(check.body, /formaction="\/dich-vu-cong\/1\.004616\/to-khai\.pdf"/);
    const fields = [...hidden(check.body).filter(([k]) => k !== '_csrf'), ['_csrf', csrfOf(check.body)]] as [string, string][];
    const pdf = await app.inject({ method: 'POST', url: `${URL}.pdf`, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
  });

  test('a rule between fields: a practice that ends before it starts is refused on its step', async () => {
    const res = await post({}, { ...GOOD, _step: '2', 'practice.0.to': '31/08/2012' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Cơ sở thực hành 1: đến ngày không được trước từ ngày\./);
    assert.match(res.body, /Bước 3\/6/);
  });

  test('the whole form sent at once is checked in full; a problem sends the person to the first step that has one', async () => {
    const ok = await post({}, GOOD);
    assert.match(ok.body, /<h1>Kiểm tra lại thông tin<\/h1>/);
    const bad = await post({}, { ...GOOD, degreeSchool: '', declaration: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Bước 2\/6/);
    assert.match(bad.body, /Có 1 lỗi cần sửa/);
    assert.match(bad.body, /Hãy nhập cơ sở đào tạo cấp văn bằng/);
  });

  test('a post without the form token is refused', async () => {
    const res = await app.inject({ method: 'POST', url: URL, payload: { fullName: 'X' } });
    assert.equal(res.statusCode, 403);
  });

  test('signed in, stored profile data is offered on its step and filled only when the person asks, keeping the rest', async () => {
    const jar = await signedIn(app, citizen.username, DEMO_PASSWORD);
    const offer = await app.inject({ url: URL, cookies: jar });
    assert.match(offer.body, /Thông tin đã lưu trong tài khoản/);
    assert.match(offer.body, /Dùng thông tin đã lưu/);
    assert.doesNotMatch(offer.body, new RegExp(`id="f-fullName"[^>]*value="${citizen.fullName}"`), 'not filled silently');
    assert.doesNotMatch((await app.inject({ url: `${URL}?buoc=2`, cookies: jar })).body, /Dùng thông tin đã lưu/, 'nothing to offer on step 2');
    const used = await post(jar, { _step: '0', _action: 'dung-thong-tin', degreeNumber: 'GIU-LAI' });
    assert.equal(used.statusCode, 200);
    assert.match(used.body, new RegExp(`value="${citizen.fullName}"`));
    assert.match(used.body, /value="20\/05\/1990"/);
    assert.match(used.body, /đã được điền vào các ô tương ứng/);
    assert.deepEqual(hidden(used.body).find(([k]) => k === 'degreeNumber'), ['degreeNumber', 'GIU-LAI']);
    const byLink = await app.inject({ url: `${URL}?dung-thong-tin-da-luu=1`, cookies: jar });
    assert.match(byLink.body, new RegExp(`value="${citizen.fullName}"`));
    await get().db.deleteFrom('form_draft').execute();
  });

  test('a draft is saved on every step and on “Lưu nháp”, resumed from another sign-in, listed and deleted', async () => {
    const anonymous = await post({}, { _step: '0', fullName: 'A', _action: 'luu' });
    assert.equal(anonymous.statusCode, 401);
    assert.match(anonymous.body, /Hãy đăng nhập để lưu nháp/);
    assert.equal((await app.inject({ url: '/ho-so/ban-nhap' })).statusCode, 303);

    const laptop = await signedIn(app, citizen.username, DEMO_PASSWORD);
    assert.match((await app.inject({ url: URL, cookies: laptop })).body, /Lưu nháp/);
    await post(laptop, { ...GOOD, _step: '0' });
    assert.equal((await draftOf(citizen.username))!.step, 1);
    const saved = await post(laptop, { _step: '1', degreeNumber: 'DH-777', _action: 'luu', ...Object.fromEntries(Object.entries(GOOD).filter(([k]) => !k.startsWith('degree'))) });
    assert.equal(saved.statusCode, 200);
    assert.match(saved.body, /Đã lưu bản nháp lúc/);
    const row = (await draftOf(citizen.username))!;
    assert.equal(row.form_version, 'mau02-cchn-duoc@2');
    assert.equal((row.answers as Record<string, unknown>).degreeNumber, 'DH-777');

    const phone = await signedIn(app, citizen.username, DEMO_PASSWORD);
    const resumed = await app.inject({ url: URL, cookies: phone });
    assert.match(resumed.body, /Bước 2\/6/);
    assert.match(resumed.body, /Bạn đang khai tiếp bản nháp đã lưu lúc/);
    assert.match(resumed.body, /value="DH-777"/);
    assert.deepEqual(hidden(resumed.body).find(([k]) => k === 'fullName'), ['fullName', 'Nguyễn Thị Lan']);

    const list = await app.inject({ url: '/ho-so/ban-nhap', cookies: phone });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Cấp Chứng chỉ hành nghề dược/);
    assert.match(list.body, /đang ở bước 2\/4: Văn bằng và nội dung đề nghị/);
    const del = await app.inject({ method: 'POST', url: '/ho-so/ban-nhap/1.004616/xoa', cookies: phone, payload: { _csrf: csrfOf(list.body), next: '/ho-so/ban-nhap' } });
    assert.equal(del.statusCode, 303);
    assert.equal(del.headers.location, '/ho-so/ban-nhap?da-xoa=1');
    assert.equal(await draftOf(citizen.username), undefined);
    const empty = await app.inject({ url: '/ho-so/ban-nhap?da-xoa=1', cookies: phone });
    assert.match(empty.body, /Đã xóa bản nháp/);
    assert.match(empty.body, /không có bản nháp nào/);
    assert.match((await app.inject({ url: URL, cookies: phone })).body, /Bước 1\/6/);
  });

  test('sending the application deletes its draft, and the application keeps the form version it was filled with', async () => {
    const jar = await signedIn(app, citizen.username, DEMO_PASSWORD);
    const last = await post(jar, { ...GOOD, _step: '3' });
    assert.equal(last.statusCode, 303, 'a signed-in person goes on to the files');
    assert.equal(last.headers.location, '/dich-vu-cong/1.004616/thanh-phan-ho-so');
    assert.ok(await draftOf(citizen.username));
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: citizen.username, password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const def = (await app.inject('/api/v1/services/1.004616/form')).json() as { example: unknown };
    const sent = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', def.example));
    assert.equal(sent.statusCode, 201, sent.body.slice(0, 300));
    assert.equal(await draftOf(citizen.username), undefined);
    const row = await get().db.selectFrom('application').select('form_version').where('code', '=', (sent.json() as { code: string }).code).executeTakeFirstOrThrow();
    assert.equal(row.form_version, 'mau02-cchn-duoc@2');
  });
});
