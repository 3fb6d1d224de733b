// S7, U5: a page form's body of the wrong shape — a field far longer than the form allows, a field
// sent twice — is refused by the route's body schema with a 400 page in the person's language
// (not a JSON blob, not a 500), and nothing changes. A POST without any body still meets the
// CSRF check, as before.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm } from './helpers/session.ts';

describeEachDatabase('page POST bodies checked by their schema', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await createAccount(get().db, { username: 'binh.tran', password: TEST_PASSWORD, fullName: 'Trần Văn Bình', email: 'binh@example.vn', phone: '0912345678' });
    app = await testApp(get().db);
  });
  after(() => app.close());

  const count = async (table: 'account' | 'audit_log') => Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const person = { fullName: 'Đỗ Thị Mai', username: 'mai.do', password: 'Hoa-mai-2026', consent: 'true' };

  test('registration with a name far longer than the form allows: a Vietnamese 400 page, an English one on English pages, no account', async () => {
    const [accounts, log] = [await count('account'), await count('audit_log')];
    const long = { ...person, fullName: 'A'.repeat(501) };
    const vi = await submitForm(app, {}, '/dang-ky', '/dang-ky', long);
    assert.equal(vi.statusCode, 400);
    assert.match(String(vi.headers['content-type']), /^text\/html/);
    assert.match(vi.body, /<html lang="vi">/);
    assert.match(vi.body, /Biểu mẫu gửi lên không hợp lệ: trường &quot;fullName&quot; dài quá 500 ký tự\. Không có gì được lưu hay thay đổi/);
    const en = await submitForm(app, { lang: 'en' }, '/dang-ky', '/dang-ky', long);
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /The form sent was not valid: the field &quot;fullName&quot; is longer than 500 characters\. Nothing was saved or changed/);
    assert.doesNotMatch(en.body, /Biểu mẫu gửi lên/);
    assert.equal(await count('account'), accounts);
    assert.equal(await count('audit_log'), log);
  });

  test('notice preferences with the language sent twice: a 400 page and the preferences stay as they were', async () => {
    const jar = await signedIn(app, 'binh.tran', TEST_PASSWORD);
    const page = await app.inject({ url: '/tai-khoan/thong-bao', cookies: jar });
    remember(jar, page);
    const stored = async () => get().db.selectFrom('notification_preference').selectAll().execute();
    const before = await stored();
    const res = await app.inject({
      method: 'POST',
      url: '/tai-khoan/thong-bao',
      cookies: jar,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', csrfOf(page.body)], ['sms', 'true'], ['locale', 'en'], ['locale', 'vi']]).toString(),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Biểu mẫu gửi lên không hợp lệ: trường &quot;locale&quot; được gửi sai dạng/);
    assert.deepEqual(await stored(), before);
    // The same form sent as the page sends it is saved.
    const good = await submitForm(app, jar, '/tai-khoan/thong-bao', '/tai-khoan/thong-bao', { sms: 'true', locale: 'en' });
    assert.equal(good.statusCode, 303);
  });

  test('a page POST without any body meets the CSRF check as before, not the schema', async () => {
    const res = await app.inject({ method: 'POST', url: '/dang-xuat' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /<html lang="vi">/);
  });
});
