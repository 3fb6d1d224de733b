// S1 "Quên mật khẩu": a single-use link by email through a real SMTP server on loopback, read back
// with mailparser; the same answer for accounts that do not exist; expired and used links refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createAccount } from '../src/identity/index.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';

const OLD = 'Mat-khau-cu-2026';
const NEW = 'Mat-khau-moi-2026';

describeEachDatabase('password reset by email', (get) => {
  let app: FastifyInstance;
  let mailbox: Mailbox;
  let mails: ParsedMail[] = [];
  before(async () => {
    mailbox = await startMailbox();
    mails = mailbox.mails;
    const { db } = get();
    await createAccount(db, { username: 'lan.nguyen', password: OLD, fullName: 'Nguyễn Thị Lan', email: 'lan@example.vn' });
    await createAccount(db, { username: 'khong.email', password: OLD, fullName: 'Trần Văn Bình' });
    const config = loadConfig({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://dichvucong.example.vn', DVCTT_DEMO_DATA: 'false' });
    app = await buildApp({ config, db, logger: false });
  });
  after(async () => {
    await app.close();
    await mailbox.close();
  });

  const request = (login: string) => submitForm(app, {}, '/quen-mat-khau', '/quen-mat-khau', { login });
  const linkIn = (m: ParsedMail) => /https:\/\/dichvucong\.example\.vn(\/dat-lai-mat-khau\?ma=[A-Za-z0-9_-]{43})/.exec(m.text ?? '')?.[1];

  test('the link arrives by email in Vietnamese, sets a new password once, and ends the old sessions', async () => {
    const oldSession = await signedIn(app, 'lan.nguyen', OLD);
    const res = await request('LAN@example.vn');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /liên kết đặt lại mật khẩu đã được gửi/);
    await mailbox.waitFor(1);
    const mail = mails[0]!;
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'lan@example.vn');
    assert.match(mail.subject ?? '', /^Đặt lại mật khẩu — /);
    assert.match(mail.text ?? '', /Kính gửi Nguyễn Thị Lan/);
    const link = linkIn(mail)!;
    assert.ok(link, 'the email carries the link');

    const form = await app.inject({ url: link });
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['cache-control'], 'no-store');
    const token = new URL(link, 'https://x').searchParams.get('ma')!;
    const weak = await submitForm(app, {}, link, '/dat-lai-mat-khau', { ma: token, password: 'Mat-khau-20' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /Mật khẩu cần ít nhất 12 ký tự/);

    const done = await submitForm(app, {}, link, '/dat-lai-mat-khau', { ma: token, password: NEW });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/dang-nhap?dat-lai=1');
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: oldSession })).statusCode, 303, 'the old session has ended');
    await signedIn(app, 'lan.nguyen', NEW);
    await assert.rejects(signedIn(app, 'lan.nguyen', OLD));

    const again = await submitForm(app, {}, '/quen-mat-khau', '/dat-lai-mat-khau', { ma: token, password: 'Lan-thu-ba-2026' });
    assert.equal(again.statusCode, 400, 'a link works once');
    assert.match(again.body, /Liên kết không còn dùng được/);
    const audit = await get().db.selectFrom('audit_log').select('action').where('action', 'like', 'password-reset%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['password-reset-by-email', 'password-reset-requested']);
  });

  test('an unknown account, or one without email, gets the same answer and no email', async () => {
    const before = mails.length;
    const known = await request('lan.nguyen');
    const unknown = await request('khong.co.ai');
    const noEmail = await request('khong.email');
    await mailbox.waitFor(before + 1);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/<input type="hidden"[^>]*>/g, '');
    assert.equal(strip(unknown.body), strip(known.body));
    assert.equal(strip(noEmail.body), strip(known.body));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mails.length, before + 1, 'only the known account with an email got one');
  });

  test('many reset requests from one source (an IPv4 address) get 429 in Vietnamese with Retry-After and send no more email', async () => {
    const jar: Jar = {};
    const form = await app.inject({ url: '/quen-mat-khau', cookies: jar, remoteAddress: '203.0.113.7' });
    remember(jar, form);
    const ask = (remoteAddress: string, login: string) => app.inject({ method: 'POST', url: '/quen-mat-khau', cookies: jar, remoteAddress, payload: { _csrf: csrfOf(form.body), login } });
    for (let i = 0; i < 10; i++) assert.equal((await ask('203.0.113.7', `khong.co.${i}`)).statusCode, 200, `request ${i + 1}`);
    await new Promise((r) => setTimeout(r, 200));
    const sent = mails.length;
    const limited = await ask('203.0.113.7', 'lan@example.vn');
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Mạng của bạn đã gửi quá nhiều yêu cầu đặt lại mật khẩu\. Hãy thử lại sau \d+ phút/);
    const wait = Number(limited.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 900, `Retry-After ${limited.headers['retry-after']}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mails.length, sent, 'no email while held back');
    // Another address is not held back by this one.
    assert.equal((await ask('203.0.113.8', 'khong.co.ai')).statusCode, 200);
  });

  test('an expired link, a made-up one, or a post without the form token is refused and changes nothing', async () => {
    const start = mails.length;
    await request('lan@example.vn');
    await mailbox.waitFor(start + 1);
    const link = linkIn(mails[start]!)!;
    const token = new URL(link, 'https://x').searchParams.get('ma')!;
    await get().db.updateTable('password_reset').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    const expired = await app.inject({ url: link });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /đã quá 30 phút/);
    const made = await app.inject({ url: '/dat-lai-mat-khau?ma=abc' });
    assert.equal(made.statusCode, 400);
    const jar: Jar = {};
    const noToken = await app.inject({ method: 'POST', url: '/dat-lai-mat-khau', cookies: jar, payload: { ma: token, password: 'Mat-khau-khac-2026' } });
    assert.equal(noToken.statusCode, 403);
    await signedIn(app, 'lan.nguyen', NEW);
  });
});
