// N2: the mail server is down for a while (nothing listens on its port). The receipt waits in the
// queue, tried again with a growing back-off and shown as waiting, never failed; when a mail
// server comes back on the same port, the next try delivers it, once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { freePort } from './helpers/process.ts';
import { signedIn } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

describeEachDatabase('the mail server down for a while', (get) => describe('an email waiting for it', () => {
  let app: FastifyInstance;
  let mailbox: Mailbox | undefined;
  let smtpPort: number;

  before(async () => {
    const { db, pool } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an.dan@example.vn' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    // The mail server's port, with nothing listening on it yet.
    smtpPort = await freePort();
    const port = await freePort();
    app = await buildApp({
      config: testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, DVCTT_WORKERS: '2', DVCTT_DELIVERY_ATTEMPTS: '5' }),
      db,
      pool,
      logger: false,
    });
    await app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    // The worker holds a pool connection (LISTEN): it stops before the database goes.
    await app.close();
    await mailbox?.close();
  });

  test('refused connections are retried with back-off; the email is delivered once the server is back', async () => {
    const { db } = get();
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string };
    const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    const email = await db.selectFrom('delivery').select('id').where('application_code', '=', code).where('channel', '=', 'email').executeTakeFirstOrThrow();
    const jobOf = async (attempts: number) =>
      (await sql<{ run_at: Date }>`SELECT run_at FROM graphile_worker.jobs WHERE key = ${`delivery:${email.id}`} AND attempts = ${attempts} AND locked_at IS NULL`.execute(db)).rows[0];
    /** "Time passes": the waiting job becomes due now, instead of after its back-off. */
    const makeDue = () => sql`SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at => now()) FROM graphile_worker.jobs WHERE key = ${`delivery:${email.id}`}`.execute(db);
    const retries = () => db.selectFrom('delivery_log').select(['at', 'detail']).where('delivery_id', '=', email.id).where('status', '=', 'retry').orderBy('id').execute();

    // Down: the first try is refused and waits about e¹ s; the second about e² s — longer each time.
    const first = await eventually('the first refused try', async () => jobOf(1));
    const [r1] = await retries();
    assert.match(r1!.detail ?? '', /SMTP: .*ECONNREFUSED.*lần thử 1\/5; thử lại sau khoảng 3 giây/);
    await makeDue();
    const second = await eventually('the second refused try', async () => jobOf(2));
    const [, r2] = await retries();
    assert.match(r2!.detail ?? '', /lần thử 2\/5; thử lại sau khoảng 7 giây/);
    const wait1 = first.run_at.getTime() - r1!.at.getTime();
    const wait2 = second.run_at.getTime() - r2!.at.getTime();
    assert.ok(wait2 > wait1 * 2, `back-off grows: ${wait1} ms, then ${wait2} ms`);

    // Meanwhile the delivery is waiting, not failed, and the officer sees why and when next.
    const row = await db.selectFrom('delivery').select(['status', 'attempts']).where('id', '=', email.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'queued', attempts: 2 });
    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    const queue = await app.inject({ url: '/quan-tri/hang-doi', cookies: officer });
    assert.match(queue.body, new RegExp(`DV${email.id}`));
    assert.match(queue.body, /ECONNREFUSED/);
    assert.match(queue.body, /Lần tới:/);

    // Back on the same port: the next try delivers it.
    mailbox = await startMailbox({ port: smtpPort });
    await makeDue();
    await eventually('the email sent', async () => (await db.selectFrom('delivery').select('status').where('id', '=', email.id).executeTakeFirstOrThrow()).status === 'sent');
    const copies = mailbox.mails.filter((m) => m.headers.get('x-dvctt-message-id') === `DV${email.id}`);
    assert.equal(copies.length, 1, 'delivered once');
    assert.equal(copies[0]!.subject, `Hồ sơ ${code}: Thông tin của quý khách đã được tiếp nhận`);
    const log = await db.selectFrom('delivery_log').select('status').where('delivery_id', '=', email.id).orderBy('id').execute();
    assert.deepEqual(
      log.map((l) => l.status),
      ['queued', 'retry', 'retry', 'sent'],
    );
    assert.equal((await sql`SELECT 1 FROM graphile_worker.jobs WHERE key = ${`delivery:${email.id}`}`.execute(db)).rows.length, 0, 'the job is done');
  });
}));
