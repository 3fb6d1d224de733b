// S1 (OWASP ASVS 2.5, 2.1.1): registration does not tell who has an account. An email, phone or
// CCCD another account holds gets the same answer whichever it is — no field named, nothing made —
// and that account's owner is told by a real email (SMTP on loopback, through the delivery worker).
// Plus the per-source allowance, passwords of 12, and usernames that are nobody's phone number.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createAccount } from '../src/identity/index.ts';
import { testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { settled } from './helpers/eventually.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { csrfOf, remember, submitForm, type Jar } from './helpers/session.ts';

const OWNER = { username: 'hoa.tran', password: 'Hoa-tran-2026', fullName: 'Trần Thị Hoa', email: 'hoa.tran@example.vn', phone: '0912888777', idNumber: '079190012345' };
const fresh = (username: string, extra: Record<string, string> = {}) => ({ fullName: 'Người Đăng Ký', username, password: 'Mat-khau-moi-2026', consent: 'true', ...extra });

describeEachDatabase('registration', (get) => {
  // A suite of its own, so the app (and its delivery worker's connection) closes before the database goes.
  describe('that does not tell who has an account', () => {
    let app: FastifyInstance;
    let mailbox: Mailbox;
    before(async () => {
      mailbox = await startMailbox();
      const { db, pool } = get();
      await createAccount(db, OWNER);
      // An account from before usernames needed a letter, whose username is a phone number.
      await createAccount(db, { username: '0912000999', password: 'Tai-khoan-cu-2026', fullName: 'Lê Văn Cũ', email: 'le.cu@example.vn' });
      const config = testConfig({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://dichvucong.example.vn', DVCTT_WORKERS: '1' });
      // Given the pool, the app starts its delivery worker when ready: the owner's email goes out for real.
      app = await buildApp({ config, db, pool, logger: false });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await mailbox?.close();
    });

    const accounts = async () => Number((await get().db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const mailsTo = (address: string) => mailbox.mails.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === address);
    const waitForMails = async (address: string, count: number) => {
      await settled(() => mailsTo(address).length >= count, { ms: 10_000 });
      assert.equal(mailsTo(address).length, count, `emails to ${address}`);
    };
    const register = (fields: Record<string, string>) => submitForm(app, {}, '/dang-ky', '/dang-ky', fields);

    test('an email already used answers as a new registration would (303, no field named, nothing made), and its owner gets an email', async () => {
      const before = await accounts();
      const created = await register(fresh('nguoi.moi', { email: 'nguoi.moi@example.vn' }));
      assert.equal(created.statusCode, 303, created.body);
      assert.equal(await accounts(), before + 1);

      const held = await register(fresh('ke.do.tham', { email: 'HOA.TRAN@example.vn' }));
      assert.equal(held.statusCode, created.statusCode, 'the same status as a new account');
      assert.equal(held.headers.location, '/dang-ky/kiem-tra');
      assert.equal(held.body, created.body, 'the same (empty) body');
      assert.ok(!held.cookies.some((c) => c.name === 'dvctt_session' && c.value), 'not signed in');
      assert.equal(await accounts(), before + 1, 'nothing made');
      const page = await app.inject({ url: held.headers.location as string });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Kiểm tra thư điện tử hoặc điện thoại của bạn<\/h1>/);
      assert.match(page.body, /href="\/quen-mat-khau"/);
      assert.doesNotMatch(page.body, /hoa\.tran|đã gắn với một tài khoản khác|error-summary/i, 'no field named');

      await waitForMails(OWNER.email, 1);
      const mail = mailsTo(OWNER.email)[0]!;
      assert.equal(mail.subject, 'Có người vừa đăng ký tài khoản bằng thông tin của bạn');
      assert.match(mail.text ?? '', /Kính gửi Trần Thị Hoa/);
      assert.match(mail.text ?? '', /có người vừa đăng ký tài khoản .* bằng thư điện tử của bạn/);
      assert.match(mail.text ?? '', /Nếu là bạn, hãy đăng nhập hoặc dùng Quên mật khẩu/);
      assert.equal(mailsTo('nguoi.moi@example.vn').length, 0);
      const log = await get().db.selectFrom('audit_log').select(['details']).where('action', '=', 'register-held').executeTakeFirstOrThrow();
      assert.deepEqual(log.details, { fields: ['thư điện tử'] });
    });

    test('a phone or CCCD already used, or a phone that is an older account’s username, gets that same answer and its owner is told', async () => {
      const before = await accounts();
      const answers = [
        await register(fresh('thu.sdt', { phone: '0912 888 777' })),
        await register(fresh('thu.cccd', { idNumber: OWNER.idNumber })),
        await register(fresh('thu.tentk', { phone: '0912000999' })),
      ];
      for (const res of answers) {
        assert.equal(res.statusCode, 303, res.body);
        assert.equal(res.headers.location, '/dang-ky/kiem-tra');
      }
      assert.equal(await accounts(), before);
      await waitForMails(OWNER.email, 3);
      assert.match(mailsTo(OWNER.email)[1]!.text ?? '', /bằng số điện thoại của bạn/);
      assert.match(mailsTo(OWNER.email)[2]!.text ?? '', /bằng số CCCD của bạn/);
      await waitForMails('le.cu@example.vn', 1);
    });

    test('the API answers 202 CHECK_CONTACT for a held email, naming no field and making nothing, and the owner is told; a new one is 201', async () => {
      const before = await accounts();
      const held = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...fresh('api.dotham'), consent: true, email: OWNER.email } });
      assert.equal(held.statusCode, 202, held.body);
      const body = held.json() as { error: { code: string; message: string }; fields?: unknown };
      assert.equal(body.error.code, 'CHECK_CONTACT');
      assert.equal(body.fields, undefined, 'no field named');
      assert.doesNotMatch(body.error.message, /hoa\.tran/);
      assert.equal(await accounts(), before);
      await waitForMails(OWNER.email, 4);
      const created = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...fresh('api.moi'), consent: true, email: 'api.moi@example.vn' } });
      assert.equal(created.statusCode, 201, created.body);
      const taken = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...fresh('api.moi'), consent: true } });
      assert.equal(taken.statusCode, 409, 'a taken username is said plainly: usernames are public');
      assert.match((taken.json() as { error: { message: string } }).error.message, /Tên đăng nhập này đã có người dùng/);
    });

    test('a new password of 11 characters is refused in Vietnamese and nothing is made; 12 are accepted', async () => {
      const before = await accounts();
      const short = await register(fresh('mat.khau', { password: 'Mat-khau-20' }));
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /Mật khẩu cần ít nhất 12 ký tự\./);
      assert.match(short.body, /Ít nhất 12 ký tự, có cả chữ và số/, 'the hint says so before');
      assert.equal(await accounts(), before);
      const enough = await register(fresh('mat.khau', { password: 'Mat-khau-202' }));
      assert.equal(enough.statusCode, 303, enough.body);
      assert.equal(enough.headers.location, '/tai-khoan?moi=1');
      assert.equal(await accounts(), before + 1);
    });

    test('a username that is a phone number is refused with a clear Vietnamese message, on the page and the API, and nothing is made', async () => {
      const before = await accounts();
      for (const username of ['0912345678', '0912.345.678']) {
        const res = await register(fresh(username));
        assert.equal(res.statusCode, 400, username);
        assert.match(res.body, /Tên đăng nhập cần có ít nhất một chữ cái; tên chỉ gồm chữ số có thể trùng số điện thoại của người khác/);
      }
      const api = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...fresh('84912345678'), consent: true } });
      assert.equal(api.statusCode, 400);
      assert.match((api.json() as { error: { message: string } }).error.message, /ít nhất một chữ cái/);
      assert.equal(await accounts(), before);
    });

    test('many registrations from one source (an IPv6 /64) get 429 in Vietnamese with Retry-After; another network is not held back', async () => {
      const jar: Jar = {};
      const form = await app.inject({ url: '/dang-ky', cookies: jar, remoteAddress: '2001:db8:5:7::10' });
      remember(jar, form);
      const post = (remoteAddress: string, username: string) =>
        app.inject({ method: 'POST', url: '/dang-ky', cookies: jar, remoteAddress, payload: { _csrf: csrfOf(form.body), ...fresh(username), consent: '' } });
      for (let i = 0; i < 20; i++) assert.equal((await post(`2001:db8:5:7::${i + 1}`, `khach.${i}`)).statusCode, 400, `attempt ${i + 1}`);
      const before = await accounts();
      const limited = await post('2001:db8:5:7:abcd::1', 'khach.moi');
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /Mạng của bạn đã gửi quá nhiều yêu cầu đăng ký\. Hãy thử lại sau \d+ phút/);
      assert.match(limited.body, /value="khach\.moi"/, 'what was typed stays');
      const wait = Number(limited.headers['retry-after']);
      assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${limited.headers['retry-after']}`);
      const api = await app.inject({ method: 'POST', url: '/api/v1/auth/register', remoteAddress: '2001:db8:5:7::99', payload: { ...fresh('api.khach'), consent: true } });
      assert.equal(api.statusCode, 429);
      assert.equal((api.json() as { error: { code: string } }).error.code, 'TOO_MANY_REQUESTS');
      assert.ok(api.headers['retry-after']);
      assert.equal(await accounts(), before, 'nothing made while held back');
      const other = await app.inject({ method: 'POST', url: '/api/v1/auth/register', remoteAddress: '2001:db8:5:8::1', payload: { ...fresh('mang.khac'), consent: true } });
      assert.equal(other.statusCode, 201, 'another /64 registers');
    });
  });
});
