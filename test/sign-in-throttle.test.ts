// S1, ASVS 2.2.1: sign-in resists guessing without locking anyone out. Throttled per source
// address (IPv4, or an IPv6 /64), per account and across the portal, counted in PostgreSQL; a
// browser that signed in before passes the account's and the portal's throttles; a one-time code
// by email (real SMTP server on loopback) lets a person on a new device in. Real HTTP through
// app.inject, the client's address in X-Forwarded-For from a trusted proxy.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAccount } from '../src/identity/index.ts';
import { startSmsSimulator, type SmsSimulator } from '../src/notifications/index.ts';
import { SOURCE_FREE_FAILURES } from '../src/identity/model.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { settled } from './helpers/eventually.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { csrfOf, remember, type Jar } from './helpers/session.ts';

const SPRAYED = 'Mua-xuan-2026!';
/** DVCTT_SIGN_IN_SPRAY_LIMIT here: failed sign-ins across the portal before new devices wait. */
const SPRAY_LIMIT = 30;

describeEachDatabase('sign-in throttling without lock-outs', (get) => {
  let app: FastifyInstance;
  let mailbox: Mailbox;
  let sms: SmsSimulator;
  before(async () => {
    mailbox = await startMailbox();
    sms = await startSmsSimulator({ apiKey: 'khoa-sms-thu' });
    const { db } = get();
    await createAccount(db, { username: 'thu.nguyen', password: TEST_PASSWORD, fullName: 'Nguyễn Thị Thu', email: 'thu@example.vn' });
    await db.insertInto('agency').values({ code: '000.00.05.H99', name: 'Sở Tư pháp', kind: 'province' }).execute();
    await createAccount(db, { username: 'canbo.hai', password: TEST_PASSWORD, fullName: 'Lê Văn Hải', role: 'officer', agencyCode: '000.00.05.H99', email: 'hai@example.vn' });
    await createAccount(db, { username: 'mai.tran', password: TEST_PASSWORD, fullName: 'Trần Thị Mai', email: 'mai@example.vn', phone: '0912000111' });
    await createAccount(db, { username: 'binh.le', password: TEST_PASSWORD, fullName: 'Lê Văn Bình', email: 'binh@example.vn' });
    app = await testApp(db, { SMTP_URL: mailbox.url, SMS_GATEWAY_URL: sms.url, DVCTT_SMS_API_KEY: 'khoa-sms-thu', DVCTT_TRUST_PROXY: '127.0.0.1', DVCTT_SIGN_IN_SPRAY_LIMIT: String(SPRAY_LIMIT) });
  });
  after(async () => {
    await app.close();
    await mailbox.close();
    await sms.close();
  });
  // Each behaviour from a clean slate: the counters of an earlier test do not carry over.
  beforeEach(async () => void (await get().db.deleteFrom('sign_in_throttle').execute()));

  /** One sign-in from a browser (its cookies in `jar`) at address `ip`, through the proxy. */
  const signInFrom = async (ip: string, fields: Record<string, string>, jar: Jar = {}) => {
    const form = await app.inject({ url: '/dang-nhap', cookies: jar });
    remember(jar, form);
    const res = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: jar, headers: { 'x-forwarded-for': ip }, payload: { _csrf: csrfOf(form.body), ...fields } });
    remember(jar, res);
    return res;
  };
  const errorOf = (res: LightMyRequestResponse) => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '';
  const sessions = async () => Number((await get().db.selectFrom('session').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  /** Asks for a one-time code for `login` on the page, and reads it from the email. */
  const emailedCode = async (login: string, jar: Jar, ip = '192.0.2.200') => {
    const count = mailbox.mails.length;
    const page = await app.inject({ url: `/dang-nhap/ma?login=${encodeURIComponent(login)}`, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Nhận mã đăng nhập một lần<\/h1>/);
    remember(jar, page);
    const sent = await app.inject({ method: 'POST', url: '/dang-nhap/ma', cookies: jar, headers: { 'x-forwarded-for': ip }, payload: { _csrf: csrfOf(page.body), login } });
    remember(jar, sent);
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /chúng tôi vừa gửi một mã gồm 6 chữ số, dùng được một lần trong 10 phút/);
    assert.match(sent.body, /name="code"/);
    await mailbox.waitFor(count + 1);
    const mail = mailbox.mails[count]!;
    assert.match(mail.subject ?? '', /^Mã đăng nhập — /);
    return /: (\d{6})\n/.exec(mail.text ?? '')![1]!;
  };

  test('many failures from one IPv4 address are slowed with growing waits, answered at once with Retry-After', async () => {
    const ip = '203.0.113.10';
    // Different usernames each time: only the address is common to the attempts.
    for (let i = 0; i <= SOURCE_FREE_FAILURES; i++) {
      const res = await signInFrom(ip, { login: `nguoi.doan.${i}`, password: `sai-mat-khau-${i}` });
      assert.equal(res.statusCode, 400, `attempt ${i + 1}`);
      assert.match(res.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
    }
    const started = Date.now();
    const slowed = await signInFrom(ip, { login: 'thu.nguyen', password: TEST_PASSWORD });
    assert.ok(Date.now() - started < 1000, 'the answer comes at once, nobody is kept waiting on the server');
    assert.equal(slowed.statusCode, 429);
    assert.equal(slowed.headers['retry-after'], '1');
    assert.match(slowed.body, /Đăng nhập sai nhiều lần từ địa chỉ này; vui lòng thử lại sau 1 giây\./);
    assert.equal(slowed.cookies.find((c) => c.name === 'dvctt_session'), undefined);
    // After the wait, one more failure doubles it.
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await signInFrom(ip, { login: 'nguoi.doan.x', password: 'sai-mat-khau-x' })).statusCode, 400);
    const longer = await signInFrom(ip, { login: 'nguoi.doan.y', password: 'sai-mat-khau-y' });
    assert.equal(longer.statusCode, 429);
    assert.equal(longer.headers['retry-after'], '2');
    assert.match(longer.body, /vui lòng thử lại sau 2 giây/);
    const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'x-forwarded-for': ip }, payload: { username: 'thu.nguyen', password: TEST_PASSWORD } });
    assert.equal(api.statusCode, 429);
    assert.equal(api.json().error.code, 'SIGN_IN_THROTTLED');
    assert.match(api.json().error.message, /^Đăng nhập sai nhiều lần từ địa chỉ này; vui lòng thử lại sau \d+ giây\.$/);
    assert.ok(Number(api.headers['retry-after']) >= 1);
    // Another address is not slowed, and the account itself is not locked.
    assert.equal((await signInFrom('203.0.113.11', { login: 'thu.nguyen', password: TEST_PASSWORD })).statusCode, 303);
    const log = await get().db.selectFrom('audit_log').select('action').where('ip', '=', ip).execute();
    assert.ok(log.filter((l) => l.action === 'sign-in-failed').length >= SOURCE_FREE_FAILURES + 2);
    assert.ok(log.filter((l) => l.action === 'sign-in-throttled').length >= 3);
  });

  test('addresses in the same IPv6 /64 count as one source; the next /64 is another', async () => {
    for (let i = 1; i <= SOURCE_FREE_FAILURES + 1; i++) {
      const res = await signInFrom(`2001:db8:5:6::${i.toString(16)}`, { login: `ipv6.doan.${i}`, password: 'sai-mat-khau-6' });
      assert.equal(res.statusCode, 400, `attempt ${i}`);
    }
    const sameNetwork = await signInFrom('2001:db8:5:6:ffff:abcd:1:2', { login: 'thu.nguyen', password: TEST_PASSWORD });
    assert.equal(sameNetwork.statusCode, 429);
    assert.match(sameNetwork.body, /Đăng nhập sai nhiều lần từ địa chỉ này/);
    assert.equal((await signInFrom('2001:db8:5:7::1', { login: 'thu.nguyen', password: TEST_PASSWORD })).statusCode, 303);
  });

  test('a spray of one password over many accounts from many addresses meets the global limit', async () => {
    const { db } = get();
    for (let i = 0; i < 50; i++) await createAccount(db, { username: `phun.${i}`, fullName: `Người dùng ${i}` });
    // Signed in before the spray: this browser stays known to the account.
    const ownDevice: Jar = {};
    assert.equal((await signInFrom('192.0.2.77', { login: 'binh.le', password: TEST_PASSWORD }, ownDevice)).statusCode, 303);
    const statuses: number[] = [];
    // Two attempts per address and at most three per account: neither of those limits is met.
    const logins = ['binh.le', ...Array.from({ length: 49 }, (_, i) => `phun.${i}`)];
    const spray = async (i: number) => {
      const res = await signInFrom(`198.51.100.${(Math.floor(i / 2) % 100) + 1}`, { login: logins[i % 50]!, password: SPRAYED });
      statuses.push(res.statusCode);
      return res;
    };
    for (let i = 0; i <= SPRAY_LIMIT; i++) await spray(i);
    assert.deepEqual(statuses, Array(SPRAY_LIMIT + 1).fill(400));
    // A new browser, even with the right password, now waits too; so does the spray.
    const fresh = await signInFrom('192.0.2.78', { login: 'binh.le', password: TEST_PASSWORD });
    assert.equal(fresh.statusCode, 429);
    assert.ok(Number(fresh.headers['retry-after']) >= 1);
    assert.match(fresh.body, /đăng nhập từ thiết bị chưa từng dùng tạm thời bị làm chậm; vui lòng thử lại sau \d+ giây, hoặc nhận mã đăng nhập một lần qua thư điện tử/);
    assert.match(fresh.body, /href="\/dang-nhap\/ma\?login=binh.le"/);
    assert.equal((await spray(SPRAY_LIMIT + 1)).statusCode, 429);
    // The browser that signed in before goes straight in.
    const known = await signInFrom('192.0.2.79', { login: 'binh.le', password: TEST_PASSWORD }, { dvctt_device: ownDevice.dvctt_device! });
    assert.equal(known.statusCode, 303);
  });

  test('an officer whose account is being attacked still signs in from the device they used before', async () => {
    const office: Jar = {};
    assert.equal((await signInFrom('192.0.2.10', { login: 'canbo.hai', password: TEST_PASSWORD }, office)).statusCode, 303);
    const device = office.dvctt_device!;
    assert.match(device, /^[A-Za-z0-9_-]{43}$/);
    const stored = await get().db.selectFrom('known_device').select('token_hash').execute();
    assert.ok(!stored.some((d) => d.token_hash === device), 'the database keeps only the hash of the device cookie');
    // An attacker, one attempt per address, tries passwords on the officer's account.
    const answers: number[] = [];
    for (let i = 1; i <= 6; i++) answers.push((await signInFrom(`203.0.113.${100 + i}`, { login: 'canbo.hai', password: `doan-mo-${i}-2026` })).statusCode);
    assert.deepEqual(answers, [400, 400, 400, 400, 400, 400]);
    // Under attack, the right password from a new browser waits; so does the attacker's next guess.
    const elsewhere = await signInFrom('192.0.2.11', { login: 'canbo.hai', password: TEST_PASSWORD });
    assert.equal(elsewhere.statusCode, 429);
    assert.match(elsewhere.body, /vui lòng thử lại sau \d+ giây, hoặc nhận mã đăng nhập một lần/);
    assert.equal((await signInFrom('203.0.113.107', { login: 'canbo.hai', password: 'doan-mo-7-2026' })).statusCode, 429);
    // From the office's browser it goes in.
    const back = await signInFrom('192.0.2.10', { login: 'canbo.hai', password: TEST_PASSWORD }, { dvctt_device: device });
    assert.equal(back.statusCode, 303);
    assert.ok(back.cookies.find((c) => c.name === 'dvctt_session')?.value);
    const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', cookies: { dvctt_device: device }, headers: { 'x-forwarded-for': '192.0.2.10' }, payload: { username: 'canbo.hai', password: TEST_PASSWORD } });
    assert.equal(api.statusCode, 200);
    // Nothing was locked: the account row carries no lock.
    const row = await get().db.selectFrom('account').select(['locked_until', 'failed_sign_ins']).where('username', '=', 'canbo.hai').executeTakeFirstOrThrow();
    assert.deepEqual(row, { locked_until: null, failed_sign_ins: 0 });
  });

  test('a person on a new device signs in with the emailed code despite the attack on the account', async () => {
    for (let i = 1; i <= 6; i++) await signInFrom(`203.0.113.${150 + i}`, { login: 'mai.tran', password: `doan-mo-${i}-2026` });
    const laptop: Jar = {};
    const refused = await signInFrom('192.0.2.20', { login: 'mai.tran', password: TEST_PASSWORD }, laptop);
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /<a href="\/dang-nhap\/ma\?login=mai.tran">Nhận mã đăng nhập một lần qua thư điện tử<\/a>/);
    const code = await emailedCode('mai.tran', laptop);
    const mail = mailbox.mails.at(-1)!;
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'mai@example.vn');
    assert.match(mail.text ?? '', /Kính gửi Trần Thị Mai,/);
    assert.match(mail.text ?? '', /trong 10 phút; mã chỉ dùng được một lần/);
    // The account has a phone and the portal an SMS gateway: the same code comes by text message.
    await settled(() => sms.messages.length > 0);
    assert.deepEqual(
      sms.messages.map((m) => ({ to: m.to, text: m.text })),
      [{ to: '84912000111', text: `DVCTT: ma dang nhap ${code}, dung 1 lan trong 10 phut. Khong dua ma cho bat ky ai.` }],
    );
    const row = await get().db.selectFrom('sign_in_code').select('code_hash').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.notEqual(row.code_hash, code, 'the code is stored hashed');
    const res = await signInFrom('192.0.2.20', { login: 'mai.tran', password: TEST_PASSWORD, code }, laptop);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: laptop })).statusCode, 200);
    // The laptop is now a known device: the next sign-in needs no code.
    assert.equal((await signInFrom('192.0.2.20', { login: 'mai.tran', password: TEST_PASSWORD }, { dvctt_device: laptop.dvctt_device! })).statusCode, 303);
    const log = await get().db.selectFrom('audit_log').select('action').where('action', '=', 'sign-in-code-sent').execute();
    assert.ok(log.length >= 1);
  });

  test('a known and an unknown username get identical answers after the same failures', async () => {
    const run = async (login: string, subnet: number) => {
      const answers: { status: number; retryAfter: unknown; error: string; ms: number }[] = [];
      for (let i = 1; i <= 8; i++) {
        const started = performance.now();
        const res = await signInFrom(`203.0.${subnet}.${i}`, { login, password: `sai-mat-khau-${i}` });
        answers.push({ status: res.statusCode, retryAfter: res.headers['retry-after'], error: errorOf(res), ms: performance.now() - started });
      }
      const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'x-forwarded-for': `203.0.${subnet}.99` }, payload: { username: login, password: 'sai-mat-khau' } });
      return { answers, api: { status: api.statusCode, body: api.body } };
    };
    const known = await run('thu.nguyen', 120);
    const unknown = await run('khong.co.ai', 121);
    const shape = (r: typeof known) => ({ answers: r.answers.map(({ status, retryAfter, error }) => ({ status, retryAfter, error })), api: r.api });
    assert.deepEqual(shape(unknown), shape(known));
    assert.deepEqual(
      known.answers.map((a) => a.status),
      [400, 400, 400, 400, 400, 400, 429, 429],
    );
    // Both run Argon2 on the failures that are checked: the time does not tell accounts apart.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const checked = (r: typeof known) => median(r.answers.slice(0, 6).map((a) => a.ms));
    const ratio = checked(unknown) / checked(known);
    assert.ok(ratio > 0.33 && ratio < 3, `unknown/known time ratio ${ratio.toFixed(2)}`);
  });

  test('a wrong, malformed, expired or used code is refused in Vietnamese and changes nothing', async () => {
    const phone: Jar = {};
    const code = await emailedCode('thu.nguyen', phone, '192.0.2.30');
    const before = await sessions();
    const wrong = await signInFrom('192.0.2.30', { login: 'thu.nguyen', password: TEST_PASSWORD, code: code === '000000' ? '111111' : '000000' }, phone);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mã đăng nhập không đúng, đã hết hạn hoặc đã được dùng\. Hãy nhận mã mới\./);
    const malformed = await signInFrom('192.0.2.30', { login: 'thu.nguyen', password: TEST_PASSWORD, code: '12ab' }, phone);
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /Mã đăng nhập gồm đúng 6 chữ số/);
    assert.equal(await sessions(), before);
    // The right code with a wrong password does not let anyone in either.
    const badPassword = await signInFrom('192.0.2.30', { login: 'thu.nguyen', password: 'sai-mat-khau-9', code }, phone);
    assert.equal(badPassword.statusCode, 400);
    assert.match(badPassword.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
    assert.equal(await sessions(), before);
    assert.equal((await signInFrom('192.0.2.30', { login: 'thu.nguyen', password: TEST_PASSWORD, code }, phone)).statusCode, 303);
    const used = await signInFrom('192.0.2.31', { login: 'thu.nguyen', password: TEST_PASSWORD, code });
    assert.equal(used.statusCode, 400);
    assert.match(used.body, /Mã đăng nhập không đúng, đã hết hạn hoặc đã được dùng/);
    const expiring = await emailedCode('thu.nguyen', {}, '192.0.2.32');
    await get().db.updateTable('sign_in_code').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    const afterSuccess = await sessions();
    const expired = await signInFrom('192.0.2.32', { login: 'thu.nguyen', password: TEST_PASSWORD, code: expiring });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /Mã đăng nhập không đúng, đã hết hạn hoặc đã được dùng/);
    const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'x-forwarded-for': '192.0.2.32' }, payload: { username: 'thu.nguyen', password: TEST_PASSWORD, code: expiring } });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().error.code, 'INVALID_SIGN_IN_CODE');
    assert.equal(await sessions(), afterSuccess);
  });
});
