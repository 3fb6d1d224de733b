// C1, A1, A5, Q3: choosing where to apply. Đăng ký khai sinh is received by every commune; an
// application made at a commune gets that commune's code, inbox, due date and statistics, and a
// submission naming no place, a place that does not implement it, or one taken offline stores nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { dueDate, vietnamCalendar } from '../src/applications/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { apiSubmission } from './helpers/submission.ts';
import { signedIn, submitForm } from './helpers/session.ts';
import { snapshot } from './helpers/counts.ts';

const BIRTH = '1.001193';
const ANSWERS = demoDefinition(BIRTH)!.example as Record<string, unknown>;
const NHA_TRANG = '000.33.01.H34';
const BAC_NHA_TRANG = '000.33.02.H34';
const CAM_RANH = '000.34.01.H34';
const DIEN_KHANH = '000.35.01.H34';

describeEachDatabase('choosing where to apply', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    // Every commune implements it (as the demo says); Bắc Nha Trang with its own time limit, Diên Khánh taken offline.
    for (const agency of [NHA_TRANG, BAC_NHA_TRANG, CAM_RANH, DIEN_KHANH]) {
      await db.insertInto('service_implementation').values({ service_code: BIRTH, agency_code: agency }).onConflict((oc) => oc.columns(['service_code', 'agency_code']).doNothing()).execute();
    }
    await db.updateTable('service_implementation').set({ time_limit_days: 3 }).where('service_code', '=', BIRTH).where('agency_code', '=', BAC_NHA_TRANG).execute();
    await db.updateTable('service_implementation').set({ online: false, offline_reason: 'Nâng cấp hệ thống một cửa đến hết tuần' }).where('service_code', '=', BIRTH).where('agency_code', '=', DIEN_KHANH).execute();
    await createAccount(db, { username: 'dan.bnt', password: TEST_PASSWORD, fullName: 'Nguyễn Thị Hoa', phone: '0912000111', idNumber: '056090009876' });
    await sql`UPDATE account SET permanent_address = ${JSON.stringify({ province: 'Tỉnh Khánh Hòa', commune: 'Phường Bắc Nha Trang', detail: 'Số 5 đường 2 Tháng 4' })}::jsonb WHERE username = 'dan.bnt'`.execute(db);
    await createAccount(db, { username: 'cb.nt', password: TEST_PASSWORD, fullName: 'Cán bộ Nha Trang', role: 'officer', agencyCode: NHA_TRANG });
    await createAccount(db, { username: 'cb.bnt', password: TEST_PASSWORD, fullName: 'Cán bộ Bắc Nha Trang', role: 'officer', agencyCode: BAC_NHA_TRANG });
    app = await testApp(db);
    for (const u of ['dan.bnt', 'cb.nt', 'cb.bnt']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const submitAt = (agency?: string) => app.inject(apiSubmission(as('dan.bnt'), BIRTH, ANSWERS, agency === undefined ? [] : [{ name: 'agency', value: agency }], agency === undefined ? ['agency'] : []));

  test('Đăng ký khai sinh submitted at two communes gets each commune’s code, due date, inbox and statistics row; one commune’s officer cannot see the other’s', async () => {
    const { db } = get();
    const nt = await submitAt(NHA_TRANG);
    const bnt = await submitAt(BAC_NHA_TRANG);
    assert.equal(nt.statusCode, 201, nt.body);
    assert.equal(bnt.statusCode, 201, bnt.body);
    const a = nt.json() as { code: string; dueDate: string };
    const b = bnt.json() as { code: string; dueDate: string };
    assert.match(a.code, /^000\.33\.01\.H34-\d{6}-0001$/);
    assert.match(b.code, /^000\.33\.02\.H34-\d{6}-0001$/);
    // The due date is the implementation's time limit in working days: 1 at Nha Trang, 3 at Bắc Nha Trang.
    const cal = vietnamCalendar([new Date().getFullYear(), new Date().getFullYear() + 1]);
    assert.equal(a.dueDate, dueDate(new Date(), 1, cal));
    assert.equal(b.dueDate, dueDate(new Date(), 3, cal));
    const rows = await db.selectFrom('application').select(['code', 'agency_code']).where('service_code', '=', BIRTH).orderBy('code').execute();
    assert.deepEqual(rows, [
      { code: a.code, agency_code: NHA_TRANG },
      { code: b.code, agency_code: BAC_NHA_TRANG },
    ]);
    const stats = await db.selectFrom('service_stat_month').select(['agency_code', 'online_received']).where('service_code', '=', BIRTH).orderBy('agency_code').execute();
    assert.deepEqual(stats, [
      { agency_code: NHA_TRANG, online_received: 1 },
      { agency_code: BAC_NHA_TRANG, online_received: 1 },
    ]);
    // The receipt notice names the chosen commune.
    const notice = await db.selectFrom('notice').select('body').where('application_code', '=', b.code).executeTakeFirstOrThrow();
    assert.match(notice.body, /Ủy ban nhân dân phường Bắc Nha Trang/);
    // Each commune's inbox holds its own application, not the other's.
    const inboxNt = (await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn(app, 'cb.nt', TEST_PASSWORD) })).body;
    const inboxBnt = (await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn(app, 'cb.bnt', TEST_PASSWORD) })).body;
    assert.ok(inboxNt.includes(a.code) && !inboxNt.includes(b.code), 'Nha Trang’s inbox');
    assert.ok(inboxBnt.includes(b.code) && !inboxBnt.includes(a.code), 'Bắc Nha Trang’s inbox');
    assert.equal((await app.inject({ url: `/api/v1/applications/${b.code}`, headers: as('cb.nt') })).statusCode, 404);
    assert.equal((await app.inject({ url: `/api/v1/applications/${a.code}`, headers: as('cb.bnt') })).statusCode, 404);
    assert.equal((await app.inject({ url: `/api/v1/applications/${b.code}`, headers: as('cb.bnt') })).statusCode, 200);
  });

  test('no place among several, a place that does not implement it, or one taken offline: a clear refusal with its code, and nothing stored', async () => {
    const { db } = get();
    const before = await snapshot(db);
    const none = await submitAt();
    assert.equal(none.statusCode, 400);
    assert.equal((none.json() as { error: { code: string } }).error.code, 'AGENCY_REQUIRED');
    assert.match((none.json() as { error: { message: string } }).error.message, /do \d+ cơ quan tiếp nhận; hãy chọn nơi nộp/);
    const other = await submitAt('000.00.12.H34');
    assert.equal(other.statusCode, 400);
    assert.deepEqual((other.json() as { error: unknown }).error, { code: 'AGENCY_NOT_IMPLEMENTING', message: 'Cơ quan "000.00.12.H34" không tiếp nhận thủ tục "Đăng ký khai sinh"; hãy chọn một nơi nộp trong danh sách của thủ tục. Không có gì được lưu.' });
    const offline = await submitAt(DIEN_KHANH);
    assert.equal(offline.statusCode, 409);
    assert.equal((offline.json() as { error: { code: string } }).error.code, 'AGENCY_OFFLINE');
    assert.match((offline.json() as { error: { message: string } }).error.message, /Ủy ban nhân dân xã Diên Khánh tạm ngừng nhận hồ sơ trực tuyến.*Lý do: Nâng cấp hệ thống một cửa đến hết tuần/);
    assert.deepEqual(await snapshot(db), before);
    // The once-only check (V2) asks on behalf of the place named.
    const req = await app.inject({ url: `/api/v1/services/${BIRTH}/requirements?agency=${BAC_NHA_TRANG}`, headers: as('dan.bnt') });
    assert.equal((req.json() as { agency: string }).agency, BAC_NHA_TRANG);
    assert.equal((await app.inject({ url: `/api/v1/services/${BIRTH}/requirements?agency=000.00.12.H34`, headers: as('dan.bnt') })).statusCode, 404);
    // One implementation: no question, the application goes there (the pharmacist's licence, Sở Y tế).
    const one = await app.inject(apiSubmission(as('dan.bnt'), '1.004616', demoDefinition('1.004616')!.example, [], ['agency']));
    assert.equal(one.statusCode, 201, one.body);
    assert.match((one.json() as { code: string }).code, /^000\.00\.12\.H34-/);
  });

  test('the picker lists the applicant’s own commune first, searches without accents, shows each place’s address, hours and time limit, and says why a place is offline', async () => {
    const jar = await signedIn(app, 'dan.bnt', TEST_PASSWORD);
    const page = await app.inject({ url: `/dich-vu-cong/${BIRTH}/noi-nop`, cookies: jar });
    assert.equal(page.statusCode, 200);
    const items = page.body.slice(page.body.indexOf('class="where-list"')).split('<li').slice(1);
    const names = items.map((li) => /Ủy ban nhân dân [^<]+/.exec(li)?.[0]?.trim()).filter(Boolean);
    assert.equal(names[0], 'Ủy ban nhân dân phường Bắc Nha Trang');
    assert.match(page.body, /Nơi bạn cư trú/);
    assert.match(page.body, /3 ngày làm việc/);
    assert.match(page.body, /Số 12 đường 2 Tháng 4, phường Bắc Nha Trang/);
    assert.match(page.body, /Tạm ngừng nhận hồ sơ trực tuyến\. Lý do: Nâng cấp hệ thống một cửa đến hết tuần/);
    assert.match(page.body, new RegExp(`href="/dich-vu-cong/${BIRTH}/to-khai\\?noi-nop=${CAM_RANH}"`));
    assert.ok(!page.body.includes(`noi-nop=${DIEN_KHANH}`), 'an offline place cannot be chosen');
    // Without accents, as typed on a phone.
    const found = await app.inject({ url: `/dich-vu-cong/${BIRTH}/noi-nop?q=${encodeURIComponent('cam ranh')}`, cookies: jar });
    assert.match(found.body, /Tìm thấy 1 nơi nộp cho &quot;cam ranh&quot;/);
    assert.match(found.body, /Ủy ban nhân dân phường Cam Ranh/);
    assert.ok(!found.body.includes('phường Bắc Nha Trang<'), 'the other places are left out');
    // A visitor sees the list in name order, without "where you live".
    const visitor = await app.inject({ url: `/dich-vu-cong/${BIRTH}/noi-nop` });
    assert.ok(!visitor.body.includes('Nơi bạn cư trú'));
    // The service page carries the same "Nộp tại" section.
    const servicePage = await app.inject({ url: `/dich-vu-cong/${BIRTH}`, cookies: jar });
    assert.match(servicePage.body, /<h2 id="where-heading">Nộp tại<\/h2>/);
    assert.match(servicePage.body, /Thủ tục này do \d+ cơ quan tiếp nhận/);
  });

  test('an officer of any place records the counter-received figures of its own place, and not of a procedure it does not implement', async () => {
    const { db } = get();
    const jar = await signedIn(app, 'cb.bnt', TEST_PASSWORD);
    const month = new Date().toISOString().slice(0, 7);
    const ok = await submitForm(app, jar, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: BIRTH, month, count: '7' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const row = await db.selectFrom('service_stat_month').select('offline_received').where('service_code', '=', BIRTH).where('agency_code', '=', BAC_NHA_TRANG).executeTakeFirstOrThrow();
    assert.equal(row.offline_received, 7);
    const refused = await submitForm(app, jar, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: '1.004616', month, count: '3' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Thủ tục này không do cơ quan của bạn tiếp nhận/);
  });

  test('the e-form asks where first, then keeps the choice with the draft and names it on every step', async () => {
    const { db } = get();
    const jar = await signedIn(app, 'dan.bnt', TEST_PASSWORD);
    const ask = await app.inject({ url: `/dich-vu-cong/${BIRTH}/to-khai`, cookies: jar });
    assert.equal(ask.statusCode, 303);
    assert.equal(ask.headers.location, `/dich-vu-cong/${BIRTH}/noi-nop`);
    const form = await app.inject({ url: `/dich-vu-cong/${BIRTH}/to-khai?noi-nop=${CAM_RANH}`, cookies: jar });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<strong>Nộp tại:<\/strong> Ủy ban nhân dân phường Cam Ranh/);
    const draft = await db.selectFrom('form_draft').innerJoin('account', 'account.id', 'form_draft.account_id').select('form_draft.agency_code').where('account.username', '=', 'dan.bnt').where('service_code', '=', BIRTH).executeTakeFirstOrThrow();
    assert.equal(draft.agency_code, CAM_RANH);
    // Back later: no question, the kept place.
    const again = await app.inject({ url: `/dich-vu-cong/${BIRTH}/to-khai`, cookies: jar });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Nộp tại:<\/strong> Ủy ban nhân dân phường Cam Ranh/);
    // A place offline or not implementing it is not taken: the picker again.
    const offline = await app.inject({ url: `/dich-vu-cong/${BIRTH}/to-khai?noi-nop=${DIEN_KHANH}`, cookies: jar });
    assert.match(offline.body, /Nộp tại:<\/strong> Ủy ban nhân dân phường Cam Ranh/);
    // One implementation: the form opens straight away.
    assert.equal((await app.inject({ url: '/dich-vu-cong/1.004616/to-khai', cookies: jar })).statusCode, 200);
    // A visitor (no draft to keep it) carries the place from step to step in the page itself.
    const visitorPage = `/dich-vu-cong/${BIRTH}/to-khai?noi-nop=${CAM_RANH}`;
    const step = await submitForm(app, {}, visitorPage, `/dich-vu-cong/${BIRTH}/to-khai`, { _step: '0', _action: 'tiep', _noi_nop: CAM_RANH });
    assert.equal(step.statusCode, 400, 'the first step is not filled in');
    assert.match(step.body, /Nộp tại:<\/strong> Ủy ban nhân dân phường Cam Ranh/);
    assert.match(step.body, new RegExp(`name="_noi_nop" value="${CAM_RANH}"`));
  });
});
