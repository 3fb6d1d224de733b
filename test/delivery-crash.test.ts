// N2: kill -9 mid-delivery loses nothing. The real portal runs as its own process (`dvctt start`)
// against a real SMTP server on loopback. With receipts queued — some accepted by the mail server
// but not yet recorded, one held in the middle of its DATA phase, others still waiting — the
// process is killed with SIGKILL and started again: every receipt arrives, at least once, and a
// message sent twice carries the same X-DVCTT-Message-Id both times.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import pg from 'pg';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { portalProcess, QUICK_TAKEOVER, type PortalProcess } from './helpers/process.ts';
import { apiSubmission } from './helpers/submission.ts';

const SUBMISSIONS = 6;

interface Held {
  mail: ParsedMail;
  id: string;
  answer: (err?: Error) => void;
}

describeEachDatabase('a portal killed mid-delivery', (get) => {
  let run: PortalProcess;
  let mailbox: Mailbox;
  /** Messages the mail server accepted (answered 250). */
  let accepted: ParsedMail[] = [];
  /** Messages received in full whose DATA the server has not answered yet. */
  const held: Held[] = [];
  let holding = true;

  before(async () => {
    run = await portalProcess(get().url, 'dvctt-crash-');
    mailbox = await startMailbox({
      answer(mail, reply) {
        if (!holding) return undefined;
        held.push({ mail, id: String(mail.headers.get('x-dvctt-message-id')), answer: reply });
        return 'held';
      },
    });
    accepted = mailbox.mails;
    Object.assign(run.env, QUICK_TAKEOVER, { SMTP_URL: mailbox.url, DVCTT_WORKERS: '3' });
  });
  after(async () => {
    await run.close();
    await mailbox.close();
  });

  test('SIGKILL with receipts in flight, start again: every receipt email arrives, duplicates under one id', async () => {
    const { db, url } = get();
    const portal = await run.start();
    const origin = run.origin;
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an.dan@example.vn' });
    const auth = (await (await fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'an.dan', password: TEST_PASSWORD }) })).json()) as { token: string };
    const codes: string[] = [];
    for (let i = 0; i < SUBMISSIONS; i++) {
      const sent = apiSubmission({ authorization: `Bearer ${auth.token}` }, '1.004616', demoDefinition('1.004616')!.example);
      const res = await fetch(`${origin}${sent.url}`, { method: 'POST', headers: sent.headers, body: new Uint8Array(sent.payload) });
      assert.equal(res.status, 201, await res.clone().text());
      codes.push(((await res.json()) as { code: string }).code);
    }
    const emails = await db.selectFrom('delivery').select(['id', 'application_code']).where('channel', '=', 'email').where('application_code', 'in', codes).orderBy('id').execute();
    assert.equal(emails.length, SUBMISSIONS, 'one receipt email queued per submission');

    // Three workers, three messages in the mail server's hands; the other receipts wait.
    await eventually('three messages in flight', async () => held.length >= 3);
    const [first, second, third] = held;
    // Two the mail server accepts, but the portal cannot record it yet: their delivery rows are
    // locked by this test, so the worker waits between "sent" and "recorded".
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    await locker.query('BEGIN');
    const lockedIds = [first!.id, second!.id].map((id) => id.replace(/^DV/, ''));
    await locker.query('SELECT id FROM delivery WHERE id = ANY($1::bigint[]) FOR UPDATE', [lockedIds]);
    const lockerPid = ((await locker.query('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number }).pid;
    for (const h of [first!, second!]) {
      accepted.push(h.mail);
      h.answer();
    }
    await eventually('the worker waiting to record both', async () => {
      const r = await db.selectFrom(sql`pg_stat_activity`.as('a')).select(sql<number>`count(*)`.as('n')).where(sql<boolean>`${lockerPid}::int = ANY(pg_blocking_pids(a.pid))`).executeTakeFirstOrThrow();
      return Number(r.n) === 2;
    });
    // The third is still in its DATA phase (never answered) when the process dies.
    portal.child.kill('SIGKILL');
    await portal.exited;
    await locker.query('ROLLBACK');
    await locker.end();
    assert.equal(third!.mail.headers.get('x-dvctt-message-id'), third!.id);
    const beforeRestart = await db.selectFrom('delivery').select(['id', 'status']).where('channel', '=', 'email').where('application_code', 'in', codes).execute();
    assert.ok(
      beforeRestart.every((d) => d.status === 'queued'),
      'nothing was recorded as sent before the crash',
    );

    holding = false;
    await run.start();
    await eventually('every receipt recorded as sent', async () => {
      const rows = await db.selectFrom('delivery').select('status').where('channel', '=', 'email').where('application_code', 'in', codes).execute();
      return rows.every((r) => r.status === 'sent');
    });

    // None missing: each application's receipt reached the mail server, under its delivery's id.
    for (const e of emails) {
      const copies = accepted.filter((m) => m.headers.get('x-dvctt-message-id') === `DV${e.id}`);
      assert.ok(copies.length >= 1, `the receipt of ${e.application_code} arrived`);
      assert.ok(copies.every((m) => m.subject === `Hồ sơ ${e.application_code}: Thông tin của quý khách đã được tiếp nhận`));
      assert.ok(
        copies.every((m) => m.messageId === copies[0]!.messageId),
        'a copy sent again keeps its Message-ID',
      );
    }
    // Sent but not recorded before the crash: sent again, visible as a duplicate of the same id.
    for (const id of lockedIds) assert.equal(accepted.filter((m) => m.headers.get('x-dvctt-message-id') === `DV${id}`).length, 2, `DV${id} twice`);
    // Cut off in the middle of DATA: never accepted then, so exactly once now.
    assert.equal(accepted.filter((m) => m.headers.get('x-dvctt-message-id') === third!.id).length, 1);
    // The delivery log tells the officer it took two tries.
    const log = await db.selectFrom('delivery_log').select('status').where('delivery_id', '=', lockedIds[0]!).orderBy('id').execute();
    assert.deepEqual(
      log.map((l) => l.status),
      ['queued', 'sent'],
    );
    const tries = await db.selectFrom('delivery').select('attempts').where('id', '=', lockedIds[0]!).executeTakeFirstOrThrow();
    assert.equal(tries.attempts, 2);
  });
});
