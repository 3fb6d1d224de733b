// A4: the year's calendar decision entered once at /quan-tri/lich-lam-viec moves the due dates and
// the 8-working-hour reception deadline of the applications submitted afterwards; a decision that
// contradicts itself, another decision or the calendar is refused with its reason and stores
// nothing; every change is audited; an agency's working hours move its reception deadline; and
// another instance on the same database uses a decision within a second.
import assert from 'node:assert/strict';
import { before, after, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { addWorkingHours, DEFAULT_WORKING_HOURS, dueDate, isWorkingDay, nextWorkingDay, vietnamDay, type WorkingCalendar, type WorkingHours } from '../src/applications/calendar.ts';
import { calendarSource } from '../src/applications/calendar-store.ts';
import { vietnamCalendar } from '../src/applications/holidays.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createPool, type Database, type DB } from '../src/db/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp, testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { eventually } from './helpers/eventually.ts';
import { signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616'; // 20 working days at the Department of Health
const HEALTH = '000.00.12.H34';
const PAGE = '/quan-tri/lich-lam-viec';
const HOURS_PAGE = `${PAGE}/gio-lam-viec`;
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const yearOf = (iso: string) => Number(iso.slice(0, 4));
const computed = (): WorkingCalendar => {
  const y = yearOf(vietnamDay(new Date()).day);
  return vietnamCalendar([y - 1, y, y + 1]);
};
const withDecision = (extra: { daysOff?: string[]; workingWeekends?: string[] }): WorkingCalendar => {
  const y = yearOf(vietnamDay(new Date()).day);
  return vietnamCalendar([y - 1, y, y + 1], extra);
};

async function rows(db: DB) {
  const r = await sql<{ decisions: number; days: number; audits: number; hours: number }>`
    SELECT (SELECT count(*) FROM calendar_decision)::int AS decisions, (SELECT count(*) FROM calendar_day)::int AS days,
           (SELECT count(*) FROM audit_log WHERE action LIKE 'calendar.%')::int AS audits,
           (SELECT count(*) FROM agency WHERE working_hours IS NOT NULL)::int AS hours`.execute(db);
  return r.rows[0]!;
}

describeEachDatabase('the working calendar’s administration', (get) => {
  let app: FastifyInstance;
  let admin: Jar;
  let token = '';

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An' });
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    app = await testApp(db);
    admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string }).token;
  });
  after(() => app.close());

  /** A new application to the Department of Health, as stored. */
  async function submitted(on: FastifyInstance = app) {
    const res = await on.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, demoDefinition(PHARMACIST)!.example));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    return get().db.selectFrom('application').select(['code', 'due_date', 'due_at', 'reception_due_at', 'submitted_at']).where('code', '=', code).executeTakeFirstOrThrow();
  }
  const enter = (fields: Record<string, string>) => submitForm(app, admin, PAGE, PAGE, fields);
  const decisionId = async (reference: string) => (await get().db.selectFrom('calendar_decision').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;

  test('an extra day off, then a make-up Saturday, move a new submission’s due date and reception deadline; each change is audited', async () => {
    const { db } = get();
    const today = vietnamDay(new Date()).day;
    // The first working day after today: inside both the reception window and the 20-day limit.
    const dayOff = nextWorkingDay(today, computed());
    const before = await rows(db);
    const res = await enter({ year: String(yearOf(dayOff)), reference: 'Quyết định số 1/QĐ-TTg', title: 'Về việc nghỉ thêm một ngày', days: `${dmy(dayOff)}; nghỉ; Nghỉ thêm` });
    assert.equal(res.statusCode, 303, res.body);
    const page = await app.inject({ url: res.headers.location as string, cookies: admin });
    assert.match(page.body, /Đã lưu quyết định/);
    assert.ok(page.body.includes('Quyết định số 1/QĐ-TTg') && page.body.includes(dmy(dayOff)));
    assert.deepEqual(await rows(db), { ...before, decisions: before.decisions + 1, days: before.days + 1, audits: before.audits + 1 });

    const a = await submitted();
    const cal = withDecision({ daysOff: [dayOff] });
    assert.equal(a.due_date, dueDate(a.submitted_at, 20, cal));
    assert.notEqual(a.due_date, dueDate(a.submitted_at, 20, computed()), 'the day off moved the due date');
    assert.equal(a.reception_due_at?.toISOString(), addWorkingHours(a.submitted_at, 8, cal).toISOString());
    assert.notEqual(a.reception_due_at?.toISOString(), addWorkingHours(a.submitted_at, 8, computed()).toISOString(), 'the day off moved the reception deadline');
    assert.equal(a.due_at, null, 'a limit in working days has no due instant');

    // Deleted: the day works again, audited with what it held.
    const id = await decisionId('Quyết định số 1/QĐ-TTg');
    const removed = await submitForm(app, admin, PAGE, `${PAGE}/${id}/xoa`, {});
    assert.equal(removed.statusCode, 303, removed.body);
    const audit = await db.selectFrom('audit_log').select(['action', 'details', 'actor_name']).where('action', '=', 'calendar.decision.delete').executeTakeFirstOrThrow();
    assert.equal(audit.actor_name, 'qt.tinh');
    assert.deepEqual((audit.details as { days: string[] }).days, [dayOff]);
    assert.deepEqual(await rows(db), { ...before, audits: before.audits + 2 });

    // A make-up Saturday within the limit brings the due date one working day nearer.
    let saturday = today;
    do saturday = new Date(Date.parse(`${saturday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6 || vietnamCalendar([yearOf(saturday)]).holidays.has(saturday));
    const made = await enter({ year: String(yearOf(saturday)), reference: 'Quyết định số 2/QĐ-TTg', title: 'Về việc làm bù', days: `${dmy(saturday)}; làm bù; Làm bù` });
    assert.equal(made.statusCode, 303, made.body);
    const b = await submitted();
    const madeUp = withDecision({ workingWeekends: [saturday] });
    assert.equal(b.due_date, dueDate(b.submitted_at, 20, madeUp));
    assert.notEqual(b.due_date, dueDate(b.submitted_at, 20, computed()), 'the make-up Saturday moved the due date');
    const added = await db.selectFrom('audit_log').select('details').where('action', '=', 'calendar.decision.add').where('target_id', '=', String(await decisionId('Quyết định số 2/QĐ-TTg'))).executeTakeFirstOrThrow();
    assert.deepEqual((added.details as { days: unknown[] }).days, [{ day: saturday, kind: 'working-day', name: 'Làm bù' }]);
    await submitForm(app, admin, PAGE, `${PAGE}/${await decisionId('Quyết định số 2/QĐ-TTg')}/xoa`, {});
  });

  test('a decision that overlaps itself, another decision or the calendar is refused with its reason and stores nothing', async () => {
    const { db } = get();
    const ok = await enter({ year: '2030', reference: 'Quyết định số 30/QĐ-TTg', title: 'Năm 2030', days: '05/03/2030; nghỉ; Nghỉ thêm\n16/03/2030; làm bù; Làm bù ngày 05/03' });
    assert.equal(ok.statusCode, 303, ok.body);
    const before = await rows(db);
    const refusals: [Record<string, string>, number, RegExp][] = [
      [{ days: '12/03/2030; nghỉ; A\n12/03/2030; nghỉ; B' }, 400, /Ngày 12\/03\/2030 có hai lần trong quyết định \(dòng 2\)/],
      [{ days: '05/03/2030; nghỉ; Trùng' }, 409, /Ngày 05\/03\/2030 \(dòng 1\) đã có trong Quyết định số 30\/QĐ-TTg/],
      [{ days: '09/03/2030; nghỉ; Thứ Bảy' }, 400, /là thứ Bảy, vốn đã là ngày nghỉ/],
      [{ days: '30/04/2030; nghỉ; Lễ' }, 400, /là ngày lễ Ngày Chiến thắng/],
      [{ days: '12/03/2030; làm bù; Thứ Ba' }, 400, /là thứ Ba; ngày làm bù phải là thứ Bảy hoặc Chủ nhật/],
      [{ days: '12/03/2031; nghỉ; Năm sau' }, 400, /không thuộc năm 2030 của quyết định/],
      [{ days: 'hôm nay nghỉ' }, 400, /Dòng 1 \(“hôm nay nghỉ”\) không đọc được/],
      [{ days: '' }, 400, /Hãy nhập ít nhất một ngày/],
      [{ reference: ' ', days: '12/03/2030; nghỉ; A' }, 400, /Hãy nhập số hiệu của quyết định/],
      [{ year: '1999', days: '12/03/2030; nghỉ; A' }, 400, /Năm phải là một số từ 2000 đến 2200/],
    ];
    for (const [fields, status, message] of refusals) {
      const res = await enter({ year: '2030', reference: 'Quyết định số 31/QĐ-TTg', title: 'Sai', ...fields });
      assert.equal(res.statusCode, status, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.ok(res.body.includes(fields.days!.split('\n')[0]!), 'what was typed is shown again');
    }
    assert.deepEqual(await rows(db), before, 'nothing stored, nothing audited');
    // Deleting what does not exist; and the page is for administrators only.
    assert.equal((await submitForm(app, admin, PAGE, `${PAGE}/999999/xoa`, {})).statusCode, 404);
    const citizen = await signedIn(app, 'an.dan', TEST_PASSWORD);
    assert.equal((await app.inject({ url: PAGE, cookies: citizen })).statusCode, 403);
    assert.equal((await submitForm(app, citizen, '/', PAGE, { year: '2030', reference: 'x', title: 'x', days: '12/03/2030; nghỉ; A' })).statusCode, 403);
    assert.deepEqual(await rows(db), before);
    const year = await app.inject({ url: `${PAGE}?nam=2030`, cookies: admin });
    assert.match(year.body, /Thứ Ba, 05\/03\/2030/);
    assert.match(year.body, /Thứ Bảy, 16\/03\/2030/);
    assert.match(year.body, /Giỗ Tổ Hùng Vương/);
  });

  test('an agency’s working hours move its reception deadline; bad hours are refused and change nothing', async () => {
    const { db } = get();
    const before = await rows(db);
    const bad = await submitForm(app, admin, HOURS_PAGE, HOURS_PAGE, { agency: HEALTH, hours: '10:00-12:00, 11:00-15:00' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /không chồng lên nhau/);
    const backwards = await submitForm(app, admin, HOURS_PAGE, HOURS_PAGE, { agency: HEALTH, hours: '17:00-08:00' });
    assert.equal(backwards.statusCode, 400);
    const outside = await submitForm(app, admin, HOURS_PAGE, HOURS_PAGE, { agency: 'KHONG.CO', hours: '08:00-10:00' });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.body, /Hãy chọn một cơ quan trong phạm vi quản trị/);
    assert.deepEqual(await rows(db), before);

    const set = await submitForm(app, admin, HOURS_PAGE, HOURS_PAGE, { agency: HEALTH, hours: '08:00-10:00' });
    assert.equal(set.statusCode, 303, set.body);
    assert.deepEqual(await rows(db), { ...before, audits: before.audits + 1, hours: before.hours + 1 });
    const page = await app.inject({ url: HOURS_PAGE, cookies: admin });
    assert.match(page.body, /08:00-10:00/);
    const hours: WorkingHours = [['08:00', '10:00']];
    const a = await submitted();
    assert.equal(a.reception_due_at?.toISOString(), addWorkingHours(a.submitted_at, 8, computed(), hours).toISOString());
    assert.notEqual(a.reception_due_at?.toISOString(), addWorkingHours(a.submitted_at, 8, computed(), DEFAULT_WORKING_HOURS).toISOString());

    // A time limit in working hours counts the same hours and gives a due instant.
    await db.updateTable('service').set({ time_limit_hours: 6 }).where('code', '=', PHARMACIST).execute();
    const b = await submitted();
    const dueAt = addWorkingHours(b.submitted_at, 6, computed(), hours);
    assert.equal(b.due_at?.toISOString(), dueAt.toISOString());
    assert.equal(b.due_date, vietnamDay(dueAt).day);
    await db.updateTable('service').set({ time_limit_hours: null }).where('code', '=', PHARMACIST).execute();

    // Empty: back to the usual hours.
    assert.equal((await submitForm(app, admin, HOURS_PAGE, HOURS_PAGE, { agency: HEALTH, hours: '' })).statusCode, 303);
    assert.deepEqual(calendarSource(db).hoursOf(HEALTH), DEFAULT_WORKING_HOURS);
  });

  test('another instance on the same database uses a decision within a second, listening or not', async () => {
    const { url } = get();
    const instances: { app: FastifyInstance; db: DB }[] = [];
    for (const listen of [true, false]) {
      const pool = createPool(url, 3);
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      instances.push({ app: await buildApp({ config: testConfig({ DVCTT_WORKERS: '0' }), db, pool: listen ? pool : undefined, logger: false }), db });
    }
    try {
      const day = nextWorkingDay(vietnamDay(new Date()).day, computed());
      for (const other of instances) assert.ok(isWorkingDay(day, calendarSource(other.db).current()));
      const started = Date.now();
      const res = await enter({ year: String(yearOf(day)), reference: 'Quyết định số 3/QĐ-TTg', title: 'Nghỉ thêm', days: `${dmy(day)}; nghỉ; Nghỉ thêm` });
      assert.equal(res.statusCode, 303, res.body);
      for (const other of instances) await eventually('the day off on another instance', () => !isWorkingDay(day, calendarSource(other.db).current()), { ms: 1000, every: 20 });
      assert.ok(Date.now() - started < 1500);
      // A submission through the other instance follows it.
      const a = await submitted(instances[1]!.app);
      assert.equal(a.due_date, dueDate(a.submitted_at, 20, withDecision({ daysOff: [day] })));
    } finally {
      for (const i of instances) {
        await i.app.close();
        await i.db.destroy();
      }
    }
  });
});
