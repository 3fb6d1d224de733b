// S1, S6, S7: open redirects, lookup guessing across addresses, security headers and hostile JSON,
// through real HTTP handling on each database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { demoDefinition } from './helpers/demo-forms.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { demoApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiToken, type Jar, submitForm } from './helpers/session.ts';
import { apiSubmission, multipart as multipartBody, requiredFiles } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const ANSWERS = demoDefinition(PHARMACIST)!.example as Record<string, unknown>;
const OFF_SITE = ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', '/\\\\evil.example', '/%5Cevil.example', '/%2F%2Fevil.example', 'https://evil.example/'];

describeEachDatabase('security hardening', (get) => {
  let app: FastifyInstance;
  let token = '';
  before(async () => {
    const { db } = get();
    app = await demoApp(db, { 'an.dan': { phone: '0912345678', idNumber: '056090001234' } });
    token = await apiToken(app, 'an.dan');
  });
  after(() => app.close());

  const applications = async () => Number((await get().db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  test('the language and display switches never send the visitor off-site, and a broken next is ignored, not an error', async () => {
    for (const switchUrl of ['/ngon-ngu?lang=en&next=', '/hien-thi?chu=lon&next=']) {
      for (const next of [...OFF_SITE, '/\r\nSet-Cookie: x=1']) {
        const res = await app.inject(switchUrl + encodeURIComponent(next));
        assert.equal(res.statusCode, 303, `${switchUrl}${JSON.stringify(next)}`);
        assert.equal(res.headers.location, '/', `${switchUrl}${JSON.stringify(next)}`);
      }
      const own = await app.inject(`${switchUrl}${encodeURIComponent('/gioi-thieu')}`);
      assert.equal(own.headers.location, '/gioi-thieu');
      // A raw letter with diacritics in the address: the redirect is still answered, encoded.
      const raw = await app.inject(`${switchUrl}/th\u1ee7-t\u1ee5c`);
      assert.equal(raw.statusCode, 303, raw.body);
      assert.equal(raw.headers.location, '/th%E1%BB%A7-t%E1%BB%A5c');
    }
  });

  test('signing in with an off-site next lands on the portal', async () => {
    for (const next of OFF_SITE) {
      const jar: Jar = {};
      const res = await submitForm(app, jar, '/dang-nhap', '/dang-nhap', { login: 'an.dan', password: TEST_PASSWORD, next });
      assert.equal(res.statusCode, 303, JSON.stringify(next));
      assert.ok(String(res.headers.location).startsWith('/') && !/^\/[/\\]/.test(String(res.headers.location)), `${JSON.stringify(next)} → ${res.headers.location}`);
      assert.doesNotMatch(String(res.headers.location), /evil/);
    }
    const page = await app.inject(`/dang-nhap?next=${encodeURIComponent('/\t/evil.example')}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /name="next" value="[^"]*evil/, 'the sign-in form does not carry it on');
    const registration = await app.inject(`/dang-ky?next=${encodeURIComponent('/\t/evil.example')}`);
    assert.equal(registration.statusCode, 200);
    assert.doesNotMatch(registration.body, /name="next" value="[^"]*evil/);
  });

  test('every page and API answer forbids framing and the camera, microphone, location and payment features', async () => {
    for (const url of ['/', '/tra-cuu', '/api/v1/lookup?code=x&check=1234', '/khong-co-trang-nay']) {
      const res = await app.inject(url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(res.headers['permissions-policy'], 'camera=(), microphone=(), geolocation=(), payment=()', url);
    }
  });

  test('JSON nested too deep is refused with a Vietnamese 400 and nothing is stored', async () => {
    const before = await applications();
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const direct = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: `{"service":"${PHARMACIST}","data":${deep}}` });
    assert.equal(direct.statusCode, 400, direct.body);
    assert.match((direct.json() as { error: { message: string } }).error.message, /lồng nhau quá sâu/);
    const other = await app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/json' }, payload: `{"username":${deep}}` });
    assert.equal(other.statusCode, 400, other.body);
    assert.match(other.body, /lồng nhau quá sâu/);
    // The e-form answers inside a multipart submission too.
    const form = multipartBody([{ name: 'service', value: PHARMACIST }, { name: 'data', value: `{"extra":${deep}}` }, ...requiredFiles(PHARMACIST)]);
    const multipart = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, ...form.headers }, payload: form.payload });
    assert.equal(multipart.statusCode, 400, multipart.body);
    assert.equal(await applications(), before);
    // Ordinary nesting still goes through.
    assert.equal((await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, ANSWERS))).statusCode, 201);
  });

  test('a NUL character hidden deep inside allowed JSON nesting is still refused', async () => {
    const before = await applications();
    const nested = '{"a":'.repeat(40) + '"x\\u0000y"' + '}'.repeat(40);
    const res = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: `{"service":"${PHARMACIST}","data":{"extra":${nested}}}` });
    assert.equal(res.statusCode, 400, res.body);
    assert.match((res.json() as { error: { message: string } }).error.message, /ký tự không hợp lệ/);
    assert.equal(await applications(), before);
  });

  test('a JSON body with bytes that are not UTF-8 is refused with a Vietnamese 400, not stored as replacement characters', async () => {
    const before = await applications();
    const body = Buffer.concat([Buffer.from(`{"service":"${PHARMACIST}","data":{"hoTen":"Nguy`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('n"}}')]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: body });
    assert.equal(res.statusCode, 400, res.body);
    assert.match((res.json() as { error: { message: string } }).error.message, /UTF-8/);
    assert.equal(await applications(), before);
    const token2 = await app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/json' }, payload: Buffer.concat([Buffer.from('{"username":"an.d'), Buffer.from([0xe1, 0x80]), Buffer.from(`n","password":"${TEST_PASSWORD}"}`)]) });
    assert.equal(token2.statusCode, 400, token2.body);
  });

  test('failed lookups of one code from many addresses close that code’s lookup to everyone for the window; a right check before that works', async () => {
    const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, ANSWERS));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    const other = (await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, ANSWERS))).json() as { code: string };
    const lookup = (check: string, remoteAddress: string, c = code) => app.inject({ url: `/api/v1/lookup?code=${encodeURIComponent(c)}&check=${check}`, remoteAddress });
    for (let i = 0; i < 9; i++) assert.equal((await lookup(String(1000 + i), `198.51.100.${i + 1}`)).statusCode, 404);
    assert.equal((await lookup('5678', '198.51.100.200')).statusCode, 200, 'the right check still works before the limit');
    // The tenth miss, this time through the page, from yet another address.
    const page = await app.inject({ url: `/tra-cuu?code=${encodeURIComponent(code)}&check=1009`, remoteAddress: '198.51.100.10' });
    assert.equal(page.statusCode, 400);
    for (let i = 0; i < 3; i++) {
      const blocked = await lookup('5678', `203.0.113.${i + 1}`);
      assert.equal(blocked.statusCode, 429, 'even the right check, from a fresh address');
      assert.equal((blocked.json() as { error: { message: string } }).error.message, 'Tra cứu quá nhiều lần cho mã hồ sơ này; vui lòng thử lại sau.');
    }
    const blockedPage = await app.inject({ url: `/tra-cuu?code=${encodeURIComponent(code)}&check=5678`, remoteAddress: '203.0.113.50' });
    assert.equal(blockedPage.statusCode, 429);
    assert.match(blockedPage.body, /Tra cứu quá nhiều lần cho mã hồ sơ này; vui lòng thử lại sau\./);
    assert.doesNotMatch(blockedPage.body, /Mới đăng ký/);
    assert.equal((await lookup('5678', '203.0.113.60', other.code)).statusCode, 200, 'other codes are not affected');
    // The window passes (moved back in the shared counter): the code answers again.
    await get().db.updateTable('rate_limit').set({ window_start: new Date(Date.now() - 3_600_000) }).where('bucket', '=', 'lookup-code').execute();
    assert.equal((await lookup('5678', '203.0.113.70')).statusCode, 200);
  });
});
