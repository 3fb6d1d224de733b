// Deadlines that warn (A4, Decree 45/2020): the 8-working-hour reception warning with a frozen
// clock across a weekend and across a make-up Saturday entered as the year's decision; due within
// 1 working day and overdue, counted on the managers' dashboard; the daily digest to each officer
// over their queue and to the head over the unit — once per person and day, even when run twice
// and from two instances at once — read back as an email.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { addWorkingHours } from '../src/applications/calendar.ts';
import { calendarSource } from '../src/applications/calendar-store.ts';
import { deadlineCounts, runDeadlineDigest } from '../src/applications/deadlines-store.ts';
import { inboxPage } from '../src/applications/inbox-store.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import type { Database } from '../src/db/schema.ts';
import { createAccount, type Actor } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testConfig } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { startMailbox, type Mailbox } from './helpers/mailbox.ts';
import { signedIn } from './helpers/session.ts';

const SERVICE = '1.004616';
const AGENCY = '000.00.12.H34';
const at = (iso: string) => new Date(iso);

describeEachDatabase('deadlines that warn: the 8-hour reception, due soon, overdue, the daily digest', (get) => {
  let app: FastifyInstance;
  let mailbox: Mailbox;
  const ids: Record<string, string> = {};
  let seq = 0;
  const officer = (name: string, whole = false): Actor => ({ id: ids[name]!, username: name, fullName: name, role: 'officer', agencyCode: AGENCY, agencies: new Set([AGENCY]), heads: new Set(whole ? [AGENCY] : []) });

  async function application(v: { status: number; submittedAt: Date; dueDate?: string | null; receptionDueAt?: Date | null; assignee?: string | null }): Promise<string> {
    const code = `${AGENCY}-991130-${String(2000 + seq++)}`;
    await get()
      .db.insertInto('application')
      .values({ code, service_code: SERVICE, agency_code: AGENCY, applicant_id: ids['an.dan']!, status: v.status, data: JSON.stringify({}), submitted_at: v.submittedAt, due_date: v.dueDate ?? null, reception_due_at: v.receptionDueAt ?? null, assignee_id: v.assignee ?? null })
      .execute();
    return code;
  }

  before(async () => {
    const { db, pool } = get();
    await seedCatalogDemo(db);
    for (const [username, fullName, extra] of [
      ['an.dan', 'Nguyễn Văn An', {}],
      ['cb.a', 'Cán bộ A', { role: 'officer', agencyCode: AGENCY, email: 'cb.a@example.vn' }],
      ['cb.b', 'Cán bộ B', { role: 'officer', agencyCode: AGENCY, email: 'cb.b@example.vn' }],
      ['truong', 'Trưởng phòng', { role: 'officer', agencyCode: AGENCY, email: 'truong@example.vn' }],
      ['ld', 'Lãnh đạo Sở', { role: 'manager', agencyCode: AGENCY }],
    ] as const) {
      await createAccount(db, { username, password: TEST_PASSWORD, fullName, ...extra } as Parameters<typeof createAccount>[1]);
      ids[username] = (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    }
    await db.insertInto('agency_duty').values({ account_id: ids.truong!, agency_code: AGENCY, duty: 'head' }).execute();
    mailbox = await startMailbox();
    // The real wiring: given the pool, the app delivers queued notices (email) with its worker.
    app = await buildApp({ config: testConfig({ SMTP_URL: mailbox.url, DVCTT_WORKERS: '1' }), db, pool, logger: false });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await mailbox.close();
  });

  test('8 working hours from Friday 15:00 end on Monday 15:30: not late over the weekend, late from that minute', async () => {
    const { db } = get();
    const friday = at('2026-12-04T15:00:00+07:00');
    const due = addWorkingHours(friday, 8, calendarSource(db).current(friday), calendarSource(db).hoursOf(AGENCY));
    assert.equal(due.toISOString(), at('2026-12-07T15:30:00+07:00').toISOString());
    const code = await application({ status: 1, submittedAt: friday, receptionDueAt: due });
    const late = async (now: string) => (await inboxPage(db, officer('cb.a'), { due: 'reception-late' }, 50, undefined, at(now))).items.map((i) => i.code);
    assert.deepEqual(await late('2026-12-05T16:00:00+07:00'), []); // Saturday
    assert.deepEqual(await late('2026-12-07T15:29:00+07:00'), []);
    assert.deepEqual(await late('2026-12-07T15:30:00+07:00'), [code]);
    const page = await inboxPage(db, officer('cb.a'), {}, 50, undefined, at('2026-12-07T15:30:00+07:00'));
    assert.deepEqual(page.items.find((i) => i.code === code)?.warnings, ['reception-late']);
    assert.equal(page.counts.warnings['reception-late'], 1);
    await db.deleteFrom('application').where('code', '=', code).execute();
  });

  test('with the year’s decision making Saturday a working day, the same submission is late on Saturday at 15:30', async () => {
    const { db } = get();
    // The decision and its day, written directly (the calendar page is the administrators').
    const decision = await db.insertInto('calendar_decision').values({ year: 2026, reference: '99/QĐ-UBND', title: 'Làm bù thứ Bảy', created_by: 'test' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('calendar_day').values({ day: '2026-12-05', kind: 'working-day', name: 'Làm bù', decision_id: decision.id }).execute();
    await calendarSource(db).reload();
    try {
      const friday = at('2026-12-04T15:00:00+07:00');
      const due = addWorkingHours(friday, 8, calendarSource(db).current(friday), calendarSource(db).hoursOf(AGENCY));
      assert.equal(due.toISOString(), at('2026-12-05T15:30:00+07:00').toISOString());
      const code = await application({ status: 1, submittedAt: friday, receptionDueAt: due });
      const late = async (now: string) => (await inboxPage(db, officer('cb.a'), { due: 'reception-late' }, 50, undefined, at(now))).items.map((i) => i.code);
      assert.deepEqual(await late('2026-12-05T15:29:00+07:00'), []);
      assert.deepEqual(await late('2026-12-05T15:30:00+07:00'), [code]);
      // And a due date on Monday is not "within 1 working day" on Friday any more: Saturday is the next one.
      const monday = await application({ status: 4, submittedAt: friday, dueDate: '2026-12-07' });
      const soon = await inboxPage(db, officer('cb.a'), { due: 'due-soon' }, 50, undefined, at('2026-12-04T09:00:00+07:00'));
      assert.ok(!soon.items.some((i) => i.code === monday));
      await db.deleteFrom('application').where('code', 'in', [code, monday]).execute();
    } finally {
      await db.deleteFrom('calendar_decision').where('id', '=', decision.id).execute();
      await calendarSource(db).reload();
    }
  });

  test('due within 1 working day and overdue are counted for the unit, and the managers’ dashboard shows the three counts', async () => {
    const { db } = get();
    const now = at('2026-12-04T09:00:00+07:00'); // a Friday: Monday is within 1 working day
    const made = [
      await application({ status: 4, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-03' }), // overdue
      await application({ status: 2, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-07' }), // due soon
      await application({ status: 5, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-01' }), // paused: no warning
      await application({ status: 9, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-01' }), // finished: none
      await application({ status: 4, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-08' }), // later: none
    ];
    assert.deepEqual(await deadlineCounts(db, [AGENCY], now), { 'reception-late': 0, 'due-soon': 1, overdue: 1 });
    // Today, the dashboard shows what the store counts today.
    const today = await deadlineCounts(db, [AGENCY]);
    const page = await app.inject({ url: '/quan-ly/thong-ke', cookies: await signedIn(app, 'ld', TEST_PASSWORD) });
    assert.equal(page.statusCode, 200);
    const section = /<section aria-labelledby="h-canh-bao-han">(.*?)<\/section>/s.exec(page.body)?.[1] ?? '';
    assert.match(section, /Hồ sơ cần chú ý về thời hạn \(hôm nay\)/);
    for (const [name, n] of [['Quá 8 giờ làm việc chưa tiếp nhận', today['reception-late']], ['Còn 1 ngày làm việc', today['due-soon']], ['Quá hạn', today.overdue]] as const) {
      assert.match(section, new RegExp(`${name}</dt>\\s*<dd>${n} hồ sơ</dd>`), name);
    }
    await db.deleteFrom('application').where('code', 'in', made).execute();
  });

  test('the daily digest reaches each officer over their queue and the head over the unit, once a day, even run twice and from two instances at once', async () => {
    const { db, pool } = get();
    const now = at('2026-12-07T08:00:00+07:00'); // Monday morning
    await application({ status: 4, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-01', assignee: ids['cb.a'] }); // cb.a's, overdue
    await application({ status: 4, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-02', assignee: ids['cb.b'] }); // cb.b's, overdue
    await application({ status: 2, submittedAt: at('2026-11-20T09:00:00+07:00'), dueDate: '2026-12-08' }); // nobody's, due soon
    await application({ status: 1, submittedAt: at('2026-12-04T15:00:00+07:00'), receptionDueAt: at('2026-12-07T07:45:00+07:00') }); // not received in time
    const before = await snapshot(db);
    // Two instances: two pools on the same database, at the same moment; then a third run.
    const second = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new (pool.constructor as typeof import('pg').Pool)({ connectionString: get().url, max: 2 }) }) });
    try {
      const runs = await Promise.all([runDeadlineDigest(db, now), runDeadlineDigest(second, now)]);
      const again = await runDeadlineDigest(db, now);
      assert.equal(runs[0].sent + runs[1].sent, 3, 'three people, each once');
      assert.equal(again.sent, 0);
      assert.equal(runs[0].people, 3);
    } finally {
      await second.destroy();
    }
    await assertMoved(db, before, { notice: 3, delivery: 3 }, 'the digest');
    const rows = await db.selectFrom('deadline_digest').select(['account_id', 'day', 'counts']).orderBy('account_id').execute();
    assert.equal(rows.length, 3);
    const countsOf = (u: string) => rows.find((r) => r.account_id === ids[u])!.counts;
    assert.deepEqual(countsOf('cb.a'), { 'reception-late': 1, 'due-soon': 1, overdue: 1 });
    assert.deepEqual(countsOf('cb.b'), { 'reception-late': 1, 'due-soon': 1, overdue: 1 });
    assert.deepEqual(countsOf('truong'), { 'reception-late': 1, 'due-soon': 1, overdue: 2 });
    assert.ok(rows.every((r) => String(r.day) === '2026-12-07'), 'the Vietnam day of the run');

    await mailbox.waitFor(3);
    const mailTo = (addr: string) => mailbox.mails.filter((m) => m.to && JSON.stringify(m.to).includes(addr));
    assert.equal(mailTo('truong@example.vn').length, 1);
    const head = mailTo('truong@example.vn')[0]!;
    assert.match(head.text ?? '', /Quá 8 giờ làm việc chưa tiếp nhận: 1 hồ sơ; Còn 1 ngày làm việc: 1 hồ sơ; Quá hạn: 2 hồ sơ\./);
    assert.match(mailTo('cb.a@example.vn')[0]?.text ?? '', /Quá hạn: 1 hồ sơ\./);
    assert.equal(mailTo('cb.b@example.vn').length, 1);
    // A while later: still three messages, nothing sent twice.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(mailbox.mails.length, 3);
    // The next day is a new digest.
    const tuesday = await runDeadlineDigest(db, at('2026-12-08T08:00:00+07:00'));
    assert.equal(tuesday.sent, 3);
    await sql`DELETE FROM deadline_digest`.execute(db);
  });
});
