// S1, S6 (ASVS 2.8, 3.3.2): the second factor of password accounts — setting it up from the shown
// secret, the code asked after the password, replays, recovery codes, the API's `totp` field,
// DVCTT_STAFF_TOTP=required — and the idle timeout of sessions, through real HTTP on each database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { sha256 } from '../src/identity/store.ts';
import { totpCode } from '../src/identity/totp.ts';
import { loadConfig } from '../src/config.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';

const SETUP = '/tai-khoan/xac-thuc-hai-buoc';
const CODE = '/dang-nhap/ma-xac-thuc';

/** The secret as the setup page shows it, in groups of four, read back as one string. */
const secretOf = (html: string) => /id="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '') ?? '';
const recoveryCodesOf = (html: string) => [...html.matchAll(/<li><code class="token">([a-z2-7]{5}-[a-z2-7]{5})<\/code><\/li>/g)].map((m) => m[1]!);
const sessionCookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name.endsWith('dvctt_session') && c.value);

describe('session settings', () => {
  test('DVCTT_STAFF_TOTP is optional by default and accepts required; other values and idle minutes outside 1–1440 stop the start with a Vietnamese line', () => {
    assert.deepEqual(loadConfig({}).sessions, { staffTotp: 'optional', staffIdleMinutes: 30 });
    assert.deepEqual(loadConfig({ DVCTT_STAFF_TOTP: 'required', DVCTT_STAFF_IDLE_MINUTES: '15' }).sessions, { staffTotp: 'required', staffIdleMinutes: 15 });
    assert.throws(() => loadConfig({ DVCTT_STAFF_TOTP: 'always' }), /DVCTT_STAFF_TOTP: "always" không hợp lệ; dùng optional hoặc required\./);
    assert.throws(() => loadConfig({ DVCTT_STAFF_IDLE_MINUTES: '0' }), /DVCTT_STAFF_IDLE_MINUTES: "0" không hợp lệ; cần số nguyên 1–1440\./);
  });
});

describeEachDatabase('second factor (TOTP) and idle sessions', (get) => {
  let app: FastifyInstance;
  let required: FastifyInstance;
  let secret = '';
  let recovery: string[] = [];
  const ids: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    ids.officer = await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Trần Thị Bình', role: 'officer', agencyCode: '000.00.12.H34' });
    ids.officer2 = await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Lê Văn Cường', role: 'officer', agencyCode: '000.33.01.H34' });
    ids.newOfficer = await createAccount(db, { username: 'cb.moi', password: TEST_PASSWORD, fullName: 'Phạm Văn Mới', role: 'officer', agencyCode: '000.00.12.H34' });
    ids.citizen = await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An' });
    app = await testApp(db);
    required = await testApp(db, { DVCTT_STAFF_TOTP: 'required' });
  });
  after(async () => {
    await app.close();
    await required.close();
  });

  const sessions = async (accountId: string) => Number((await get().db.selectFrom('session').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow()).n);
  const auditActions = async (accountId: string) => (await get().db.selectFrom('audit_log').select('action').where('actor_id', '=', accountId).orderBy('id').execute()).map((r) => r.action);
  /** As if the next 30-second step had come: the code last used may be shown again by the app. */
  const nextStep = () => get().db.updateTable('account_totp').set({ last_step: null }).where('account_id', '=', ids.officer!).execute();

  /** Password step in a fresh browser; returns the jar holding the pending sign-in, and the answer. */
  async function password(server: FastifyInstance, login: string, fields: Record<string, string> = {}) {
    const jar: Jar = {};
    const res = await submitForm(server, jar, '/dang-nhap', '/dang-nhap', { login, password: TEST_PASSWORD, ...fields });
    return { jar, res };
  }
  const enterCode = (server: FastifyInstance, jar: Jar, code: string) => submitForm(server, jar, CODE, CODE, { code });

  test('an officer turns on the second factor with a code computed from the secret the page shows, and sees ten recovery codes once', async () => {
    const jar = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    const page = await app.inject({ url: SETUP, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    secret = secretOf(page.body);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(page.body, /<code class="token" id="totp-secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<\/code>/, 'grouped by four for typing');
    assert.match(page.body, new RegExp(`otpauth://totp/[^"]*:cb\\.yte\\?secret=${secret}&amp;issuer=`));
    assert.match(page.body, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="200" height="200" alt="Mã QR/);
    assert.equal(secretOf((await app.inject({ url: SETUP, cookies: jar })).body), secret, 'a reload keeps the same secret');

    const wrong = await submitForm(app, jar, SETUP, SETUP, { code: totpCode(secret, Date.now() + 300_000) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mã không đúng/);
    assert.equal((await get().db.selectFrom('account_totp').select('enabled_at').where('account_id', '=', ids.officer!).executeTakeFirstOrThrow()).enabled_at, null, 'still off');

    const ok = await submitForm(app, jar, SETUP, SETUP, { code: totpCode(secret) });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers['cache-control'], 'no-store');
    assert.match(ok.body, /Đã bật xác thực hai bước/);
    recovery = recoveryCodesOf(ok.body);
    assert.equal(recovery.length, 10);
    const stored = await get().db.selectFrom('account_recovery_code').select('code_hash').where('account_id', '=', ids.officer!).execute();
    assert.deepEqual(stored.map((r) => r.code_hash).sort(), recovery.map(sha256).sort(), 'only hashes are kept');
    assert.ok((await auditActions(ids.officer!)).includes('totp-enable'));

    const status = await app.inject({ url: SETUP, cookies: jar });
    assert.match(status.body, /Đang bật từ \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\. Còn 10 mã khôi phục chưa dùng/);
    assert.ok(!status.body.includes(secret) && !status.body.includes('totp-secret'), 'the secret is not shown again');
    assert.ok(recovery.every((c) => !status.body.includes(c)), 'nor the recovery codes');
  });

  test('with the second factor on, the password alone starts no session: the code page asks, and the right code signs in to the officer home', async () => {
    await nextStep();
    const before = await sessions(ids.officer!);
    const { jar, res } = await password(app, 'cb.yte');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, CODE);
    assert.equal(sessionCookieOf(res), undefined, 'no session cookie after the password');
    assert.equal(await sessions(ids.officer!), before, 'no session row after the password');
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: jar })).statusCode, 303, 'not signed in yet');
    const page = await app.inject({ url: CODE, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Nhập mã xác thực<\/h1>/);
    assert.match(page.body, /autocomplete="one-time-code"/);
    const done = await enterCode(app, jar, totpCode(secret));
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/can-bo');
    assert.ok(sessionCookieOf(done));
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: jar })).statusCode, 200);
    assert.equal(await sessions(ids.officer!), before + 1);
    assert.equal((await enterCode(app, jar, totpCode(secret))).statusCode, 400, 'the pending sign-in is used up');
  });

  test('a wrong code is refused in Vietnamese and starts no session; after five wrong codes the person must start again with the password', async () => {
    await nextStep();
    const before = await sessions(ids.officer!);
    const { jar } = await password(app, 'cb.yte');
    const wrong = totpCode(secret, Date.now() + 600_000);
    const first = await enterCode(app, jar, wrong);
    assert.equal(first.statusCode, 400);
    assert.match(first.body, /Mã xác thực không đúng hoặc đã được dùng\. .*Còn 4 lần thử\./);
    assert.equal(sessionCookieOf(first), undefined);
    const empty = await enterCode(app, jar, '');
    assert.match(empty.body, /Hãy nhập mã xác thực\./);
    for (let i = 0; i < 3; i++) assert.equal((await enterCode(app, jar, wrong)).statusCode, 400);
    const kept = { ...jar };
    const fifth = await enterCode(app, jar, wrong);
    assert.equal(fifth.statusCode, 429);
    assert.match(fifth.body, /Đã nhập sai mã xác thực 5 lần\. Vì an toàn, hãy đăng nhập lại từ đầu bằng mật khẩu\./);
    // The browser's old pending cookie, sent back anyway, with the right code.
    const late = await app.inject({ method: 'POST', url: CODE, cookies: kept, payload: { _csrf: kept.dvctt_csrf!, code: totpCode(secret) } });
    assert.equal(late.statusCode, 400, 'the right code no longer helps this pending sign-in');
    assert.match(late.body, /Cần đăng nhập lại/);
    assert.equal(await sessions(ids.officer!), before, 'no session was created');
    assert.ok((await auditActions(ids.officer!)).includes('sign-in-second-factor-failed'));
    await get().db.updateTable('account_totp').set({ failed_codes: 0 }).where('account_id', '=', ids.officer!).execute();
  });

  test('a code that signed in once is refused when replayed in another sign-in', async () => {
    await nextStep();
    const code = totpCode(secret);
    const first = await password(app, 'cb.yte');
    assert.equal((await enterCode(app, first.jar, code)).statusCode, 303);
    const second = await password(app, 'cb.yte');
    const replay = await enterCode(app, second.jar, code);
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /đã được dùng/);
    assert.equal(sessionCookieOf(replay), undefined);
  });

  test('a recovery code signs in once and is refused the second time', async () => {
    const code = recovery[0]!;
    const first = await password(app, 'cb.yte');
    const ok = await enterCode(app, first.jar, code.toUpperCase().replace('-', ' '));
    assert.equal(ok.statusCode, 303, ok.body);
    const status = await app.inject({ url: SETUP, cookies: first.jar });
    assert.match(status.body, /Còn 9 mã khôi phục chưa dùng/);
    const again = await password(app, 'cb.yte');
    const refused = await enterCode(app, again.jar, code);
    assert.equal(refused.statusCode, 400);
    assert.equal(sessionCookieOf(refused), undefined);
    const audit = await get().db.selectFrom('audit_log').select('details').where('actor_id', '=', ids.officer!).where('action', '=', 'sign-in').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(audit.details, { secondFactor: 'recovery-code' });
  });

  test('the API token route asks an account with the second factor for its totp field, with Vietnamese error codes', async () => {
    await nextStep();
    const token = (body: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'cb.yte', password: TEST_PASSWORD, ...body } });
    const missing = await token({});
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.json().error.code, 'TOTP_REQUIRED');
    assert.match(missing.json().error.message, /bật xác thực hai bước: gửi thêm trường "totp"/);
    const wrong = await token({ totp: totpCode(secret, Date.now() + 600_000) });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, 'TOTP_INVALID');
    const ok = await token({ totp: totpCode(secret) });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(ok.json().token, /^[A-Za-z0-9_-]{43}$/);
    const replay = await token({ totp: totpCode(secret) });
    assert.equal(replay.json().error.code, 'TOTP_INVALID', 'the same code twice');
    const citizen = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } });
    assert.equal(citizen.statusCode, 200, 'an account without the factor needs no totp');
  });

  test('turning the second factor off needs the password and a code; afterwards the password alone signs in', async () => {
    await nextStep();
    const first = await password(app, 'cb.yte');
    await enterCode(app, first.jar, recovery[1]!);
    const wrongPassword = await submitForm(app, first.jar, SETUP, `${SETUP}/tat`, { password: 'Sai-mat-khau-1', code: totpCode(secret) });
    assert.equal(wrongPassword.statusCode, 400);
    assert.match(wrongPassword.body, /Mật khẩu không đúng\./);
    const wrongCode = await submitForm(app, first.jar, SETUP, `${SETUP}/tat`, { password: TEST_PASSWORD, code: '000000' === totpCode(secret) ? '111111' : '000000' });
    assert.equal(wrongCode.statusCode, 400);
    assert.match(wrongCode.body, /Mã xác thực không đúng/);
    assert.equal(await get().db.selectFrom('account_totp').select('account_id').where('account_id', '=', ids.officer!).executeTakeFirst().then((r) => !!r), true, 'still on');
    const off = await submitForm(app, first.jar, SETUP, `${SETUP}/tat`, { password: TEST_PASSWORD, code: totpCode(secret) });
    assert.equal(off.statusCode, 303, off.body);
    assert.equal(off.headers.location, `${SETUP}?tat=1`);
    assert.match((await app.inject({ url: off.headers.location, cookies: first.jar })).body, /Đã tắt xác thực hai bước/);
    assert.equal(Number((await get().db.selectFrom('account_recovery_code').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', ids.officer!).executeTakeFirstOrThrow()).n), 0);
    assert.ok((await auditActions(ids.officer!)).includes('totp-disable'));
    const plain = await password(app, 'cb.yte');
    assert.equal(plain.res.headers.location, '/can-bo');
    assert.ok(sessionCookieOf(plain.res));
  });

  test('with DVCTT_STAFF_TOTP=required a staff member without the second factor is sent to set it up and can do nothing else until then; a citizen is not asked', async () => {
    const { jar, res } = await password(required, 'cb.moi', { next: '/can-bo/ho-so' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, SETUP);
    assert.equal(sessionCookieOf(res), undefined);
    assert.equal(await sessions(ids.newOfficer!), 0);
    const elsewhere = await required.inject({ url: '/can-bo/ho-so', cookies: jar });
    assert.equal(elsewhere.statusCode, 303, 'no session: the inbox sends to sign-in');
    assert.match(String(elsewhere.headers.location), /^\/dang-nhap/);
    const api = await required.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'cb.moi', password: TEST_PASSWORD } });
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.code, 'TOTP_ENROLMENT_REQUIRED');

    const page = await required.inject({ url: SETUP, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tài khoản cán bộ phải bật xác thực hai bước trước khi làm việc trên cổng/);
    const own = secretOf(page.body);
    const done = await submitForm(required, jar, SETUP, SETUP, { code: totpCode(own) });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(recoveryCodesOf(done.body).length, 10);
    assert.match(done.body, /<a href="\/can-bo\/ho-so" class="button">Tiếp tục<\/a>/);
    remember(jar, done);
    assert.ok(sessionCookieOf(done), 'the session starts once the factor is on');
    assert.equal((await required.inject({ url: '/can-bo/ho-so', cookies: jar })).statusCode, 200);
    assert.deepEqual((await auditActions(ids.newOfficer!)).filter((a) => a.startsWith('totp') || a === 'sign-in'), ['totp-enable', 'sign-in']);

    const citizen = await password(required, 'an.dan');
    assert.equal(citizen.res.headers.location, '/');
    assert.ok(sessionCookieOf(citizen.res), 'citizens are not made to enrol');
  });

  test('an officer idle 31 minutes is sent to sign-in with a Vietnamese notice and back to the page; one active 29 minutes ago keeps working', async () => {
    const db = get().db;
    const idle = await signedIn(app, 'cb.phuong', TEST_PASSWORD);
    const active = await signedIn(app, 'cb.phuong', TEST_PASSWORD);
    const setSeen = (jar: Jar, minutesAgo: number) => db.updateTable('session').set({ last_seen_at: new Date(Date.now() - minutesAgo * 60_000) }).where('token_hash', '=', sha256(jar.dvctt_session!)).execute();
    await setSeen(idle, 31);
    await setSeen(active, 29);

    const sent = await app.inject({ url: '/can-bo/ho-so?trang=2', cookies: idle });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/dang-nhap?het-han=30&next=${encodeURIComponent('/can-bo/ho-so?trang=2')}`);
    remember(idle, sent);
    assert.equal(idle.dvctt_session, undefined, 'the cookie is cleared');
    assert.equal(await db.selectFrom('session').select('token_hash').where('account_id', '=', ids.officer2!).execute().then((r) => r.length), 1, 'the idle session row is gone');
    const notice = await app.inject({ url: sent.headers.location!, cookies: idle });
    assert.match(notice.body, /Phiên làm việc đã hết hạn do không hoạt động quá 30 phút\./);
    assert.match(notice.body, /name="next" value="\/can-bo\/ho-so\?trang=2"/);
    const back = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: idle, payload: { _csrf: csrfOf(notice.body), login: 'cb.phuong', password: TEST_PASSWORD, next: '/can-bo/ho-so?trang=2' } });
    assert.equal(back.headers.location, '/can-bo/ho-so?trang=2');

    const ok = await app.inject({ url: '/can-bo/ho-so', cookies: active });
    assert.equal(ok.statusCode, 200);
    const seen = (await db.selectFrom('session').select('last_seen_at').where('token_hash', '=', sha256(active.dvctt_session!)).executeTakeFirstOrThrow()).last_seen_at;
    assert.ok(Date.now() - seen.getTime() < 10_000, 'use moves last_seen_at forward');
    await app.inject({ url: '/tai-khoan', cookies: active });
    const again = (await db.selectFrom('session').select('last_seen_at').where('token_hash', '=', sha256(active.dvctt_session!)).executeTakeFirstOrThrow()).last_seen_at;
    assert.equal(again.getTime(), seen.getTime(), 'not written again within the minute');
  });

  test('a citizen keeps a session unused for 2 hours, and is asked to sign in again after a day without use', async () => {
    const db = get().db;
    const jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const setSeen = (hoursAgo: number) => db.updateTable('session').set({ last_seen_at: new Date(Date.now() - hoursAgo * 3_600_000) }).where('token_hash', '=', sha256(jar.dvctt_session!)).execute();
    await setSeen(2);
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: jar })).statusCode, 200);
    await setSeen(25);
    const sent = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.equal(sent.headers.location, `/dang-nhap?het-han=1440&next=${encodeURIComponent('/tai-khoan')}`);
    assert.match((await app.inject({ url: sent.headers.location! })).body, /không hoạt động quá 1 ngày/);
  });

  test('in English the code step speaks English: the page, a wrong code and its tries left', async () => {
    const jar: Jar = { lang: 'en' };
    const res = await submitForm(app, jar, '/dang-nhap', '/dang-nhap', { login: 'cb.moi', password: TEST_PASSWORD });
    assert.equal(res.headers.location, CODE);
    const page = await app.inject({ url: CODE, cookies: jar });
    assert.match(page.body, /<h1>Enter your verification code<\/h1>/);
    const { secret: own } = await get().db.selectFrom('account_totp').select('secret').where('account_id', '=', ids.newOfficer!).executeTakeFirstOrThrow();
    const wrong = await enterCode(app, jar, totpCode(own, Date.now() + 600_000));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The code is wrong or has already been used\. .*4 tries left\./);
  });

  test('an idle session on an API request answers 401 without a redirect', async () => {
    const jar = await signedIn(app, 'cb.phuong', TEST_PASSWORD);
    await get().db.updateTable('session').set({ last_seen_at: new Date(Date.now() - 45 * 60_000) }).where('token_hash', '=', sha256(jar.dvctt_session!)).execute();
    const res = await app.inject({ url: '/api/v1/me', cookies: jar });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
  });
});
