// S1 and Decree 13/2023/NĐ-CP: registering shows what is kept about a person and asks for consent
// (refused without it, nothing stored; the time of consent kept), and brings the person back to
// the page they were on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, submitForm, type Jar } from './helpers/session.ts';

const AGENCY = 'Ủy ban nhân dân tỉnh Thử Nghiệm';
const FORM = '/dich-vu-cong/1.004616/to-khai';
const person = (username: string) => ({ fullName: 'Đỗ Thị Mai', username, password: 'Hoa-mai-2026' });
const registerLink = (html: string) => /Chưa có tài khoản\? <a href="([^"]+)">Đăng ký tài khoản<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describeEachDatabase('registration: privacy notice, consent, and the page to go back to', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    app = await testApp(get().db, { DVCTT_AGENCY_NAME: AGENCY });
  });
  after(() => app.close());

  const count = async (table: 'account' | 'audit_log') => Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  test('the registration page says what is kept, why, by whom, how long and the rights, before an unticked consent box', async () => {
    const page = await app.inject('/dang-ky');
    assert.equal(page.statusCode, 200);
    const html = page.body;
    for (const words of ['căn cước công dân', 'ngày sinh', 'số điện thoại', 'thư điện tử', 'địa chỉ', 'kho dữ liệu', 'giải quyết thủ tục hành chính', 'điền sẵn', 'thông báo', AGENCY, 'đến khi tài khoản bị xóa theo yêu cầu', 'rút lại sự đồng ý', 'yêu cầu xóa']) {
      assert.ok(html.includes(words), `the notice names: ${words}`);
    }
    assert.match(html, /<a href="\/chinh-sach-bao-ve-du-lieu">/);
    const box = /<input type="checkbox" id="f-consent" name="consent" value="true"[^>]*>/.exec(html)?.[0];
    assert.ok(box, 'a consent box');
    assert.doesNotMatch(box, /checked/, 'not ticked in advance');
    assert.match(html, /<label for="f-consent">Tôi đã đọc và đồng ý/);
    assert.ok(html.indexOf('f-consent') < html.indexOf('<button type="submit" class="button">'), 'before the button');
  });

  test('without consent the account is refused with a Vietnamese error, what was typed is kept, and nothing is stored', async () => {
    const [accounts, log] = [await count('account'), await count('audit_log')];
    const res = await submitForm(app, {}, '/dang-ky', '/dang-ky', person('mai.do'));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Có 1 lỗi cần sửa/);
    assert.match(res.body, /Hãy đánh dấu ô đồng ý xử lý dữ liệu cá nhân; không có sự đồng ý, tài khoản không được tạo/);
    assert.match(res.body, /value="Đỗ Thị Mai"/);
    assert.equal(res.cookies.find((c) => c.name === 'dvctt_session'), undefined, 'not signed in');
    assert.equal(await count('account'), accounts);
    assert.equal(await count('audit_log'), log);
    // A value other than the box's own is no consent either.
    const forged = await submitForm(app, {}, '/dang-ky', '/dang-ky', { ...person('mai.do'), consent: 'on' });
    assert.equal(forged.statusCode, 400);
    assert.equal(await count('account'), accounts);
  });

  test('a bad phone number is refused in the page’s language: English on the English page, Vietnamese on the Vietnamese one, nothing stored', async () => {
    const accounts = await count('account');
    const values = { ...person('mai.phone'), phone: '0212345678', consent: 'true' };
    const english = await submitForm(app, { lang: 'en' }, '/dang-ky', '/dang-ky', values);
    assert.equal(english.statusCode, 400);
    assert.match(english.body, /The mobile phone number is not valid \(for example 0912345678\)\./);
    assert.doesNotMatch(english.body, /Số điện thoại di động không hợp lệ/);
    const vietnamese = await submitForm(app, {}, '/dang-ky', '/dang-ky', values);
    assert.equal(vietnamese.statusCode, 400);
    assert.match(vietnamese.body, /Số điện thoại di động không hợp lệ \(ví dụ 0912345678\)\./);
    assert.equal(await count('account'), accounts);
  });

  test('with consent the account is made and the time of consent is kept with the notice’s version', async () => {
    const startedAt = Date.now();
    const res = await submitForm(app, {}, '/dang-ky', '/dang-ky', { ...person('mai.do'), consent: 'true' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/tai-khoan?moi=1');
    const account = await get().db.selectFrom('account').select('id').where('username', '=', 'mai.do').executeTakeFirstOrThrow();
    const consent = await get().db.selectFrom('audit_log').selectAll().where('action', '=', 'consent').where('target_id', '=', account.id).executeTakeFirstOrThrow();
    assert.equal(consent.actor_id, account.id);
    assert.ok(consent.at.getTime() >= startedAt - 1000 && consent.at.getTime() <= Date.now() + 1000, 'the time of consent');
    assert.match(JSON.stringify(consent.details), /"notice":"\d{4}-\d{2}-\d{2}"/);
  });

  test('from the sign-in page of a form, the person registers and lands back on that form, signed in', async () => {
    const jar: Jar = {};
    const signIn = await app.inject({ url: `/dang-nhap?next=${encodeURIComponent(FORM)}`, cookies: jar });
    remember(jar, signIn);
    const link = registerLink(signIn.body);
    assert.equal(link, `/dang-ky?next=${encodeURIComponent(FORM)}`);
    const form = await app.inject({ url: link!, cookies: jar });
    remember(jar, form);
    assert.match(form.body, new RegExp(`<input type="hidden" name="next" value="${FORM.replaceAll('.', '\\.')}"`));
    // A first try with a mistake keeps the page to go back to.
    const wrong = await app.inject({ method: 'POST', url: '/dang-ky', cookies: jar, payload: { _csrf: csrfOf(form.body), next: FORM, ...person('an.le'), password: 'ngan', consent: 'true' } });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, new RegExp(`name="next" value="${FORM.replaceAll('.', '\\.')}"`));
    assert.match(wrong.body, /id="f-consent" name="consent" value="true" checked/, 'the box stays ticked');
    const res = await app.inject({ method: 'POST', url: '/dang-ky', cookies: jar, payload: { _csrf: csrfOf(wrong.body), next: FORM, ...person('an.le'), fullName: 'Lê Văn An', consent: 'true' } });
    remember(jar, res);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, FORM);
    const landed = await app.inject({ url: res.headers.location as string, cookies: jar });
    assert.equal(landed.statusCode, 200);
    assert.match(landed.body, /Lê Văn An<\/a> <span class="role">/, 'signed in');
  });

  test('a next that leaves the portal or loops back is ignored: the new account opens its profile', async () => {
    for (const [i, next] of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/dang-nhap?next=/dang-ky'].entries()) {
      const page = await app.inject(`/dang-ky?next=${encodeURIComponent(next)}`);
      assert.doesNotMatch(page.body, /name="next"/, next);
      const res = await submitForm(app, {}, '/dang-ky', '/dang-ky', { ...person(`khach.${i}`), next, consent: 'true' });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, '/tai-khoan?moi=1', next);
    }
  });

  test('the full privacy policy is public, names the agency, and is linked from every footer, Sơ đồ cổng and sitemap.xml', async () => {
    const page = await app.inject('/chinh-sach-bao-ve-du-lieu');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Chính sách bảo vệ dữ liệu cá nhân<\/h1>/);
    assert.match(page.body, /Nghị định 13\/2023\/NĐ-CP/);
    assert.ok(page.body.includes(AGENCY));
    for (const heading of ['Dữ liệu được lưu', 'Mục đích xử lý', 'Thời gian lưu', 'Quyền của bạn']) assert.match(page.body, new RegExp(`<h2>${heading}</h2>`));
    const xml = await app.inject('/sitemap.xml');
    assert.match(xml.body, /<loc>[^<]+\/chinh-sach-bao-ve-du-lieu<\/loc>/);
    for (const url of ['/', '/so-do-cong']) {
      assert.match((await app.inject(url)).body, /<a href="\/chinh-sach-bao-ve-du-lieu">Chính sách bảo vệ dữ liệu cá nhân<\/a>/, `${url} links the policy`);
    }
  });

  test('the API refuses a registration without "consent": true and stores nothing', async () => {
    const accounts = await count('account');
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'api.khong', password: 'Api-mat-khau-1', fullName: 'Không Đồng Ý' } });
    assert.equal(res.statusCode, 400);
    const body = res.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'CONSENT_REQUIRED');
    assert.match(body.error.message, /đồng ý/);
    assert.equal(await count('account'), accounts);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'api.dongy', password: 'Api-mat-khau-1', fullName: 'Có Đồng Ý', consent: true } });
    assert.equal(ok.statusCode, 201);
    const id = (ok.json() as { id: string }).id;
    assert.ok(await get().db.selectFrom('audit_log').select('id').where('action', '=', 'consent').where('target_id', '=', id).executeTakeFirst());
  });
});
