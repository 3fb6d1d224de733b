// Scheduled maintenance (S6, Art. 11.2e): administrators set a window; the notice shows on every
// page from at least one working day before; during the window pages say so with the end time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm } from './helpers/session.ts';
import { isWorkingDay, vietnamCalendar } from '../src/applications/index.ts';
import { noticeTime } from '../src/web/format.ts';
import { checkMaintenance, latestShownFrom, parseVietnamTime, pickerValue } from '../src/web/maintenance.ts';

const cal = vietnamCalendar([2026]);
const working = (day: string) => isWorkingDay(day, cal);
const at = (s: string) => parseVietnamTime(s)!;

test('times are read in Vietnam time from the picker and from dd/mm/yyyy hh:mm; impossible dates are refused', () => {
  assert.equal(at('2026-12-05T22:00').toISOString(), '2026-12-05T15:00:00.000Z');
  assert.equal(at('05/12/2026 22:00').toISOString(), '2026-12-05T15:00:00.000Z');
  assert.equal(pickerValue(at('05/12/2026 22:00')), '2026-12-05T22:00');
  for (const bad of ['31/02/2026 10:00', '2026-13-01T10:00', '05/12/2026 24:00', 'ngày mai', '', '2026-12-05']) assert.equal(parseVietnamTime(bad), undefined, bad);
});

test('the notice shows from the start of the last working day before the work, skipping weekends and holidays', () => {
  // Saturday night work: shown from Friday 00:00.
  assert.equal(noticeTime(latestShownFrom(at('05/12/2026 22:00'), working)), '00:00 04/12/2026');
  // Monday morning work: Friday again, not the weekend.
  assert.equal(noticeTime(latestShownFrom(at('07/12/2026 08:00'), working)), '00:00 04/12/2026');
  // The day after the National Day holiday (2 September 2026, a Wednesday, and 1 September with it).
  const afterNationalDay = latestShownFrom(at('03/09/2026 08:00'), working);
  assert.ok(afterNationalDay <= at('31/08/2026 00:00'), noticeTime(afterNationalDay));
});

test('a window announced too late is refused with the latest moment it should have shown; a good one is accepted', () => {
  const now = at('03/12/2026 10:00'); // a Thursday
  const input = { startsAt: '2026-12-04T20:00', endsAt: '2026-12-04T23:00', shownFrom: '', messageVi: 'Nâng cấp hệ thống', messageEn: '' };
  const late = checkMaintenance(input, now, working, noticeTime);
  assert.ok('errors' in late);
  assert.match(late.errors.startsAt!, /Quá muộn để báo trước: .* chậm nhất từ 00:00 03\/12\/2026/);

  const ok = checkMaintenance({ ...input, startsAt: '2026-12-05T20:00', endsAt: '2026-12-06T02:00' }, now, working, noticeTime);
  assert.ok('window' in ok);
  assert.equal(noticeTime(ok.window.shownFrom), '00:00 04/12/2026');

  const shownTooLate = checkMaintenance({ ...input, startsAt: '2026-12-07T20:00', endsAt: '2026-12-07T22:00', shownFrom: '2026-12-07T08:00' }, now, working, noticeTime);
  assert.ok('errors' in shownTooLate);
  assert.match(shownTooLate.errors.shownFrom!, /chậm nhất từ 00:00 04\/12\/2026/);

  const backwards = checkMaintenance({ ...input, startsAt: '2026-12-10T20:00', endsAt: '2026-12-10T19:00', messageVi: ' ' }, now, working, noticeTime);
  assert.ok('errors' in backwards);
  assert.deepEqual(Object.keys(backwards.errors).sort(), ['endsAt', 'messageVi']);
});

const DAY = 24 * 3_600_000;

describeEachDatabase('scheduled maintenance', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    await seedDemoAccounts(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  const count = async () => Number((await get().db.selectFrom('maintenance_notice').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  test('an administrator schedules a window ten days ahead; refused when too late, and nothing is stored', async () => {
    const jar = await signedIn(app, 'quantri', DEMO_PASSWORD);
    const page = await app.inject({ url: '/quan-tri/bao-tri', cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chưa có đợt bảo trì nào được lên lịch/);

    const soon = new Date(Date.now() + 3_600_000);
    const late = await submitForm(app, jar, '/quan-tri/bao-tri', '/quan-tri/bao-tri', { startsAt: pickerValue(soon), endsAt: pickerValue(new Date(soon.getTime() + 3_600_000)), shownFrom: '', messageVi: 'Bảo trì gấp', messageEn: '' });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /Quá muộn để báo trước: thông báo phải hiện từ ít nhất một ngày làm việc trước khi bảo trì/);
    assert.equal(await count(), 0);

    const start = new Date(Date.now() + 10 * DAY);
    const ok = await submitForm(app, jar, '/quan-tri/bao-tri', '/quan-tri/bao-tri', { startsAt: pickerValue(start), endsAt: pickerValue(new Date(start.getTime() + 4 * 3_600_000)), shownFrom: '', messageVi: 'Nâng cấp máy chủ <b>cơ sở dữ liệu</b>', messageEn: 'Database server upgrade' });
    assert.equal(ok.statusCode, 303, ok.body);
    const list = await app.inject({ url: ok.headers.location as string, cookies: jar });
    assert.match(list.body, /Đã lên lịch bảo trì/);
    assert.match(list.body, /Nâng cấp máy chủ &lt;b>cơ sở dữ liệu&lt;\/b>/, 'the message is shown as text');
    const row = await get().db.selectFrom('maintenance_notice').selectAll().executeTakeFirstOrThrow();
    assert.ok(row.shown_from.getTime() <= start.getTime() - DAY, 'shown from at least a day before');
    assert.ok(row.shown_from.getTime() > Date.now(), 'not shown yet: too early');
    const home = await app.inject({ url: '/' });
    assert.doesNotMatch(home.body, /Thông báo bảo trì/);
    const audit = await get().db.selectFrom('audit_log').select('action').where('action', '=', 'maintenance.schedule').execute();
    assert.equal(audit.length, 1);

    const cancel = await submitForm(app, jar, '/quan-tri/bao-tri', `/quan-tri/bao-tri/${row.id}/huy`, {});
    assert.equal(cancel.statusCode, 303);
    assert.equal(await count(), 0);
  });

  test('citizens and officers are refused the page; visitors are sent to sign in', async () => {
    for (const user of ['congdan', 'canbo.syt']) {
      const jar = await signedIn(app, user, DEMO_PASSWORD);
      assert.equal((await app.inject({ url: '/quan-tri/bao-tri', cookies: jar })).statusCode, 403);
      const start = new Date(Date.now() + 10 * DAY);
      const res = await submitForm(app, jar, '/tai-khoan', '/quan-tri/bao-tri', { startsAt: pickerValue(start), endsAt: pickerValue(new Date(start.getTime() + 3_600_000)), messageVi: 'x' });
      assert.equal(res.statusCode, 403);
    }
    assert.equal(await count(), 0);
    const visitor = await app.inject({ url: '/quan-tri/bao-tri' });
    assert.equal(visitor.statusCode, 303);
    assert.match(String(visitor.headers.location), /^\/dang-nhap\?next=/);
  });

  test('every page shows the notice once it is shown, and during the work says until when, in both languages', async () => {
    const { db } = get();
    const now = Date.now();
    await db.insertInto('maintenance_notice').values({ shown_from: new Date(now - DAY), starts_at: new Date(now + 2 * DAY), ends_at: new Date(now + 2 * DAY + 3_600_000), message_vi: 'Nâng cấp hệ thống thanh toán', message_en: 'Payment system upgrade' }).execute();
    for (const url of ['/', '/dich-vu-cong', '/dich-vu-cong/1.004616', '/trang-khong-co']) {
      const res = await app.inject({ url });
      assert.match(res.body, /<h2 id="maintenance-heading">Thông báo bảo trì<\/h2>/, url);
      assert.match(res.body, /Nâng cấp hệ thống thanh toán/);
      assert.match(res.body, new RegExp(`Thời gian bảo trì: từ <time[^>]*>${noticeTime(new Date(now + 2 * DAY)).replaceAll('/', '\\/')}</time>`));
    }
    await db.deleteFrom('maintenance_notice').execute();
    const end = new Date(now + 2 * 3_600_000);
    await db.insertInto('maintenance_notice').values({ shown_from: new Date(now - 2 * DAY), starts_at: new Date(now - 600_000), ends_at: end, message_vi: 'Bảo trì định kỳ', message_en: 'Scheduled maintenance' }).execute();
    const during = await app.inject({ url: '/gioi-thieu' });
    assert.match(during.body, /Cổng đang bảo trì/);
    assert.match(during.body, new RegExp(`Dự kiến hoạt động bình thường trở lại lúc <time[^>]*>${noticeTime(end).replaceAll('/', '\\/')}</time>`));
    const en = await app.inject({ url: '/gioi-thieu', cookies: { lang: 'en' } });
    assert.match(en.body, /The portal is under maintenance/);
    assert.match(en.body, /Scheduled maintenance/);
    await db.deleteFrom('maintenance_notice').execute();
  });
});
