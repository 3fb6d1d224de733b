// N1–N3, A2: a notice leaves the portal by email (a real SMTP server on loopback, read back with
// mailparser), by SMS (the operator simulator over HTTP, with its delivery report) and by webhook
// (a receiver that checks the HMAC); queued in the event's transaction, retried with back-off,
// failed after N tries, shown to officers, sent again on request.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { buildApp } from '../src/app.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { addNotice, startSmsSimulator, type SmsSimulator } from '../src/notifications/index.ts';
import { verifyWebhook } from '../src/notifications/model.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { freePort } from './helpers/process.ts';
import { signedIn, submitForm } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const SMS_KEY = 'khoa-nha-mang-thu';

describeEachDatabase('notices by email, SMS and webhook', (get) => describe('delivered by the worker', () => {
  let app: FastifyInstance;
  let sms: SmsSimulator;
  let mailbox: Mailbox;
  let hookServer: http.Server;
  let mails: ParsedMail[] = [];
  const hooks: { valid: boolean; body: Record<string, unknown>; id: string }[] = [];
  let refuseMail = false;
  let hookSecret = '';
  let baseUrl = '';
  const bearer: Record<string, { authorization: string }> = {};

  const submit = async () => {
    const res = await app.inject(apiSubmission(bearer['an.dan'], '1.004616', demoDefinition('1.004616')!.example));
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { code: string }).code;
  };
  const deliveriesOfCode = (code: string) => get().db.selectFrom('delivery').selectAll().where('application_code', '=', code).orderBy('id').execute();
  /** "Time passes": the queued job of a delivery becomes due now. */
  const makeDue = (id: string) => sql`SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at => now()) FROM graphile_worker.jobs WHERE key = ${`delivery:${id}`}`.execute(get().db);

  before(async () => {
    const { db, pool } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an.dan@example.vn', phone: '0912345678' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'cb.khac', password: TEST_PASSWORD, fullName: 'Cán bộ Nha Trang', role: 'officer', agencyCode: '000.33.01.H34' });
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });

    mailbox = await startMailbox({ answer: () => (refuseMail ? Object.assign(new Error('Hệ thống thư đang bận, thử lại sau'), { responseCode: 451 }) : undefined) });
    mails = mailbox.mails;
    sms = await startSmsSimulator({ apiKey: SMS_KEY });
    hookServer = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const valid = verifyWebhook(hookSecret, req.headers['x-dvctt-timestamp'] as string, req.headers['x-dvctt-signature'] as string, raw);
        hooks.push({ valid, body: JSON.parse(raw) as Record<string, unknown>, id: String(req.headers['x-dvctt-message-id']) });
        res.writeHead(valid ? 204 : 401).end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));

    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = testConfig({
      PUBLIC_URL: baseUrl,
      SMTP_URL: mailbox.url,
      SMS_GATEWAY_URL: sms.url,
      DVCTT_SMS_API_KEY: SMS_KEY,
      DVCTT_MAIL_FROM: '"Cổng DVC Khánh Hòa" <khongtraloi@khanhhoa.gov.vn>',
      DVCTT_WORKERS: '2',
      DVCTT_DELIVERY_ATTEMPTS: '3',
      // The receiver below listens on 127.0.0.1.
      DVCTT_WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    // The real wiring: given the pool, the app starts its delivery worker when ready.
    app = await buildApp({ config, db, pool, logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    for (const u of ['an.dan', 'cb.yte']) {
      const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string };
      bearer[u] = { authorization: `Bearer ${token}` };
    }
    // An administrator subscribes another system to every event.
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const added = await submitForm(app, admin, '/quan-tri/webhook', '/quan-tri/webhook', { name: 'Hệ thống một cửa', url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/nhan` });
    assert.equal(added.statusCode, 200);
    hookSecret = /Khóa bí mật[^<]*<code>([^<]+)<\/code>/.exec(added.body)?.[1] ?? '';
    assert.ok(hookSecret, 'the secret is shown once');
  });
  after(async () => {
    // The worker holds a pool connection (LISTEN): it stops before the database goes.
    await app.close();
    await sms.close();
    await mailbox.close();
    hookServer.closeAllConnections();
    await new Promise<void>((r) => hookServer.close(() => r()));
  });

  test('a submission reaches the applicant by a Vietnamese email, an SMS delivered by the operator, and a signed webhook', async () => {
    const code = await submit();
    const mail = await eventually('the receipt email', async () => mails.find((m) => m.subject?.includes(code)));
    assert.equal(mail.subject, `Hồ sơ ${code}: Thông tin của quý khách đã được tiếp nhận`);
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'an.dan@example.vn');
    assert.match(mail.from?.text ?? '', /Cổng DVC Khánh Hòa/);
    assert.match(mail.text ?? '', /Kính gửi Nguyễn Văn An,/);
    assert.match(mail.text ?? '', /Sở Y tế tỉnh Khánh Hòa/);
    assert.ok((mail.text ?? '').includes(`${baseUrl}/ho-so/${code}`), 'an absolute link to the application');
    assert.ok((mail.html || '').includes(`href="${baseUrl}/ho-so/${code}"`), 'the HTML part links too');
    const [email, text] = (await deliveriesOfCode(code)).filter((d) => d.channel !== 'webhook');
    assert.equal(mail.headers.get('x-dvctt-message-id'), `DV${email!.id}`, 'a stable id in the headers');
    assert.equal(mail.messageId, `<dv${email!.id}@127.0.0.1>`);

    const message = await eventually('the SMS', async () => sms.messages.find((m) => m.reference === `DV${text!.id}`));
    assert.equal(message.to, '84912345678');
    assert.match(message.text, new RegExp(`^Thong tin cua quy khach da duoc tiep nhan\\. Ho so ${code.replaceAll('.', '\\.')}`));
    assert.match(message.text, new RegExp(`Ma tin: DV${text!.id}$`));
    const delivered = await eventually('the delivery report', async () => (await deliveriesOfCode(code)).find((d) => d.channel === 'sms' && d.status === 'delivered'));
    assert.equal(delivered.provider_id, message.messageId);

    const hook = await eventually('the webhook', async () => hooks.find((h) => h.body.applicationCode === code));
    assert.ok(hook.valid, 'signed with the subscription secret');
    assert.equal(hook.body.event, 'submitted');
    assert.equal(hook.body.status, 1);
    assert.equal((hook.body.data as Record<string, string>).ho_ten, undefined, 'no personal name to other systems');
    await eventually('every delivery recorded', async () => (await deliveriesOfCode(code)).every((r) => r.status !== 'queued'));
    const rows = await deliveriesOfCode(code);
    assert.deepEqual(rows.map((r) => [r.channel, r.status]), [['email', 'sent'], ['sms', 'delivered'], ['webhook', 'delivered']]);

    // The officer sees what reached whom on the application.
    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: officer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Gửi thông báo cho người nộp/);
    assert.match(page.body, /Đã đến người nhận/);
    assert.match(page.body, /Nhà mạng báo delivered/);
  });

  test('every status change is delivered too, with the agency, the time and the note', async () => {
    const code = await submit();
    const res = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: bearer['cb.yte'], payload: { status: 2 } });
    assert.equal(res.statusCode, 200, res.body);
    const mail = await eventually('the status email', async () => mails.find((m) => m.subject === `Hồ sơ ${code}: Được tiếp nhận`));
    assert.match(mail.text ?? '', /Sở Y tế tỉnh Khánh Hòa thông báo: hồ sơ .* chuyển sang trạng thái "Được tiếp nhận" lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
  });

  test('if the event rolls back, there is no notice, no job and no email', async () => {
    const { db } = get();
    // A job without its delivery row would be a job the rollback left behind.
    const orphanJobs = async () => Number((await sql<{ n: string }>`SELECT count(*) n FROM graphile_worker.jobs j WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE j.key = 'delivery:' || d.id)`.execute(db)).rows[0]!.n);
    const before = { deliveries: (await db.selectFrom('delivery').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n };
    const account = await db.selectFrom('account').select('id').where('username', '=', 'an.dan').executeTakeFirstOrThrow();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await addNotice(trx, { accountId: account.id, title: 'Thông báo phải biến mất', body: 'Sự kiện này bị hủy.' });
        throw new Error('sự kiện bị hủy');
      }),
      /sự kiện bị hủy/,
    );
    assert.equal(await orphanJobs(), 0);
    assert.equal((await db.selectFrom('delivery').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n, before.deliveries);
    assert.equal((await db.selectFrom('notice').selectAll().where('title', '=', 'Thông báo phải biến mất').execute()).length, 0);
    // A committed one after it is delivered: the worker was idle, not stuck.
    await db.transaction().execute((trx) => addNotice(trx, { accountId: account.id, title: 'Thông báo được giữ', body: 'Sự kiện này có thật.' }));
    await eventually('the kept email', async () => mails.find((m) => m.subject === 'Thông báo được giữ'));
    assert.equal(mails.filter((m) => m.subject === 'Thông báo phải biến mất').length, 0);
  });

  test('SMTP refusing at first: the email waits with back-off, then is delivered once, under one id', async () => {
    refuseMail = true;
    const code = await submit();
    const email = (await deliveriesOfCode(code)).find((d) => d.channel === 'email')!;
    const retry = await eventually('the first refusal', async () => get().db.selectFrom('delivery_log').selectAll().where('delivery_id', '=', email.id).where('status', '=', 'retry').executeTakeFirst());
    assert.match(retry.detail ?? '', /451.*lần thử 1\/3; thử lại sau khoảng 3 giây/);
    const job = await eventually('the rescheduled job', async () => (await sql<{ run_at: Date; attempts: number; last_error: string }>`SELECT run_at, attempts, last_error FROM graphile_worker.jobs WHERE key = ${`delivery:${email.id}`} AND attempts = 1 AND locked_at IS NULL`.execute(get().db)).rows[0]);
    // graphile-worker's exponential back-off: e^1 ≈ 2.7 s after the first failure.
    const wait = (job.run_at.getTime() - retry.at.getTime()) / 1000;
    assert.ok(wait > 1.5 && wait < 4, `run_at ${wait}s after the failure`);
    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    const queue = await app.inject({ url: '/quan-tri/hang-doi', cookies: officer });
    assert.match(queue.body, new RegExp(`DV${email.id}`));
    assert.match(queue.body, /Lần tới:/);

    refuseMail = false;
    await makeDue(email.id);
    await eventually('the accepted email', async () => (await deliveriesOfCode(code)).find((d) => d.id === email.id && d.status === 'sent'));
    assert.equal(mails.filter((m) => m.headers.get('x-dvctt-message-id') === `DV${email.id}`).length, 1, 'delivered once');
    const log = await get().db.selectFrom('delivery_log').select('status').where('delivery_id', '=', email.id).orderBy('id').execute();
    assert.deepEqual(log.map((l) => l.status), ['queued', 'retry', 'sent']);
  });

  test('after N refusals the email is failed, shown on the queue page to its agency only, and sent again on request', async () => {
    refuseMail = true;
    const code = await submit();
    const email = (await deliveriesOfCode(code)).find((d) => d.channel === 'email')!;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await eventually(`try ${attempt}`, async () => (await deliveriesOfCode(code)).find((d) => d.id === email.id && d.attempts >= attempt));
      if (attempt < 3) {
        await eventually(`job back in queue after try ${attempt}`, async () => (await sql`SELECT 1 FROM graphile_worker.jobs WHERE key = ${`delivery:${email.id}`} AND attempts = ${attempt} AND locked_at IS NULL`.execute(get().db)).rows.length > 0);
        await makeDue(email.id);
      }
    }
    const failed = await eventually('the final failure', async () => (await deliveriesOfCode(code)).find((d) => d.id === email.id && d.status === 'failed'));
    assert.match(failed.provider_answer ?? '', /lần thử 3\/3/);
    // The operators' metrics show the failure for an alert.
    const metrics = await app.inject('/metrics');
    assert.match(metrics.body, /dvctt_deliveries\{channel="email",state="failed"\} [1-9]/);

    const other = await signedIn(app, 'cb.khac', TEST_PASSWORD);
    assert.doesNotMatch((await app.inject({ url: '/quan-tri/hang-doi?trang-thai=loi', cookies: other })).body, new RegExp(`DV${email.id}\\b`), 'another agency does not see it');
    const denied = await submitForm(app, other, '/quan-tri/hang-doi?trang-thai=loi', '/quan-tri/hang-doi/gui-lai', { id: email.id });
    assert.equal(denied.statusCode, 404);
    assert.equal((await deliveriesOfCode(code)).find((d) => d.id === email.id)!.status, 'failed', 'unchanged');

    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    const page = await app.inject({ url: '/quan-tri/hang-doi?trang-thai=loi', cookies: officer });
    assert.match(page.body, new RegExp(`DV${email.id}`));
    assert.match(page.body, /Gửi lại/);
    refuseMail = false;
    const res = await submitForm(app, officer, '/quan-tri/hang-doi?trang-thai=loi', '/quan-tri/hang-doi/gui-lai', { id: email.id });
    assert.equal(res.statusCode, 303);
    await eventually('the email sent again', async () => (await deliveriesOfCode(code)).find((d) => d.id === email.id && d.status === 'sent'));
    assert.equal(mails.filter((m) => m.headers.get('x-dvctt-message-id') === `DV${email.id}`).length, 1);
  });

  test('a template with an unknown variable is refused and nothing changes; a good one is used by the next email', async () => {
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const url = '/quan-tri/mau-thong-bao/sua?su-kien=received&kenh=email&ngon-ngu=vi';
    const bad = await submitForm(app, admin, url, url, { 'hanh-dong': 'luu', subject: 'Hồ sơ {ma_ho_so}', body: 'Xin chào {x}' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Biến \{x\} không tồn tại/);
    assert.equal((await get().db.selectFrom('notification_template').selectAll().execute()).length, 0);
    const preview = await submitForm(app, admin, url, url, { 'hanh-dong': 'xem-truoc', subject: 'Đã nhận hồ sơ {ma_ho_so}', body: 'Chào {ho_ten}, {co_quan} đã nhận hồ sơ.' });
    assert.match(preview.body, /Chào Nguyễn Văn An, Sở Y tế tỉnh Khánh Hòa đã nhận hồ sơ\./);
    const saved = await submitForm(app, admin, url, url, { 'hanh-dong': 'luu', subject: 'Đã nhận hồ sơ {ma_ho_so}', body: 'Chào {ho_ten}, {co_quan} đã nhận hồ sơ.' });
    assert.equal(saved.statusCode, 303);
    const code = await submit();
    await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: bearer['cb.yte'], payload: { status: 2 } });
    const mail = await eventually('the templated email', async () => mails.find((m) => m.subject === `Đã nhận hồ sơ ${code}`));
    assert.match(mail.text ?? '', /^Chào Nguyễn Văn An, Sở Y tế tỉnh Khánh Hòa đã nhận hồ sơ\./);
    const citizen = await signedIn(app, 'an.dan', TEST_PASSWORD);
    assert.equal((await app.inject({ url, cookies: citizen })).statusCode, 403);
  });

  test('with SMS turned off in the profile, the next notice sends no SMS', async () => {
    const citizen = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const res = await submitForm(app, citizen, '/tai-khoan/thong-bao', '/tai-khoan/thong-bao', { email: 'true', locale: 'vi' });
    assert.equal(res.statusCode, 303);
    assert.match((await app.inject({ url: '/tai-khoan/thong-bao?da-luu=1', cookies: citizen })).body, /Đã lưu cách nhận thông báo/);
    const code = await submit();
    assert.deepEqual((await deliveriesOfCode(code)).map((d) => d.channel), ['email', 'webhook']);
  });

  test('a delivery report without the operator key is refused and changes nothing', async () => {
    const res = await fetch(`${baseUrl}/api/v1/sms/delivery-reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sai' }, body: JSON.stringify({ message_id: sms.messages[0]!.messageId, status: 'failed' }) });
    assert.equal(res.status, 401);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /Sai hoặc thiếu khóa API/);
    const row = await get().db.selectFrom('delivery').select('status').where('provider_id', '=', sms.messages[0]!.messageId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'delivered');
  });
}));
