// Q1–Q4 through the pages on each database: guidance written by an administrator and linked from
// its services, the FAQ from a citizen's question to a published entry, the rating form, the
// Art. 11.3 figures against a direct count, the managers' dashboard and its CSV, counter counts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import type { DB } from '../src/db/index.ts';
import { rebuildStatistics } from '../src/feedback/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const SYT = '000.00.12.H34';

/** Ends an application the way the officer's "Đã xử lý xong" does: status and event together. */
async function finish(db: DB, code: string, at = new Date()) {
  const a = await db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('application').set({ status: 9 }).where('id', '=', a.id).execute();
    await trx.insertInto('application_event').values({ application_id: a.id, status_from: a.status, status_to: 9, actor_name: 'Cán bộ Y tế', at }).execute();
  });
}

/** The Art. 11.3 figures counted straight from the applications, events and ratings. */
async function directCount(db: DB, service: string, year: number) {
  const { rows } = await sql<{ received: string; resolved: string; on_time: string; overall_ok: string; ratings: string }>`
    SELECT
      (SELECT count(*) FROM application WHERE service_code = ${service} AND extract(year FROM submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}) AS received,
      (SELECT count(*) FROM application a JOIN application_event e ON e.application_id = a.id AND e.status_to = 9
        WHERE a.service_code = ${service} AND extract(year FROM e.at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}) AS resolved,
      (SELECT count(*) FROM application a JOIN application_event e ON e.application_id = a.id AND e.status_to = 9
        WHERE a.service_code = ${service} AND extract(year FROM e.at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}
        AND (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= a.due_date) AS on_time,
      (SELECT count(*) FROM rating r JOIN application a ON a.id = r.application_id WHERE a.service_code = ${service} AND r.overall = 'hai-long'
        AND extract(year FROM r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}) AS overall_ok,
      (SELECT count(*) FROM rating r JOIN application a ON a.id = r.application_id WHERE a.service_code = ${service}
        AND extract(year FROM r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}) AS ratings
  `.execute(db);
  const r = rows[0]!;
  return { received: Number(r.received), resolved: Number(r.resolved), onTime: Number(r.on_time), overallOk: Number(r.overall_ok), ratings: Number(r.ratings) };
}

describeEachDatabase('guidance, FAQ, ratings and statistics pages', (get) => {
  let app: FastifyInstance;
  const jars: Record<string, Jar> = {};
  const codes: string[] = [];
  const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: SYT });
    await createAccount(db, { username: 'cb.xa', password: TEST_PASSWORD, fullName: 'Cán bộ phường', role: 'officer', agencyCode: '000.33.01.H34' });
    await createAccount(db, { username: 'qt', password: TEST_PASSWORD, fullName: 'Quản trị', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'ld', password: TEST_PASSWORD, fullName: 'Lãnh đạo', role: 'manager', agencyCode: '000.00.00.H34' });
    // An agency outside the province's tree, with figures of its own.
    await db.insertInto('agency').values({ code: '000.00.00.G99', name: 'Tỉnh khác', kind: 'province' }).execute();
    app = await testApp(db);
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string };
    for (let i = 0; i < 4; i++) {
      const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, demoDefinition(PHARMACIST)!.example));
      assert.equal(res.statusCode, 201, res.body);
      codes.push((res.json() as { code: string }).code);
    }
    await finish(db, codes[0]!);
    // Resolved late: the due date had passed.
    await db.updateTable('application').set({ due_date: '2000-01-01' }).where('code', '=', codes[1]!).execute();
    await finish(db, codes[1]!);
    for (const u of ['an.dan', 'binh.dan', 'cb.yte', 'cb.xa', 'qt', 'ld']) jars[u] = await signedIn(app, u, TEST_PASSWORD);
  });
  after(() => app.close());

  test('the applicant rates an ended application on its page; markup in the comment is shown as text; a change within 7 days replaces it', async () => {
    const code = codes[0]!;
    const appPage = await app.inject({ url: `/ho-so/${code}`, cookies: jars['an.dan'] });
    assert.equal(appPage.statusCode, 200);
    assert.match(appPage.body, new RegExp(`<form method="post" action="/ho-so/${code}/danh-gia"`), 'the form is on the page of the ended application');
    const openPage = await app.inject({ url: `/ho-so/${codes[2]}`, cookies: jars['an.dan'] });
    assert.doesNotMatch(openPage.body, /Đánh giá mức độ hài lòng/, 'not before the end');
    const form = await app.inject({ url: `/ho-so/${code}/danh-gia`, cookies: jars['an.dan'] });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Mức độ hài lòng chung/);
    assert.match(form.body, /Rất hài lòng/);
    const sent = await submitForm(app, jars['an.dan']!, `/ho-so/${code}/danh-gia`, `/ho-so/${code}/danh-gia`, { overall: 'hai-long', convenience: 'rat-hai-long', timeliness: '', attitude: 'chua-hai-long', comment: '<script>alert(1)</script> Nhanh' });
    assert.equal(sent.statusCode, 303);
    const page = await app.inject({ url: sent.headers.location as string, cookies: jars['an.dan'] });
    assert.match(page.body, /Cảm ơn quý khách đã đánh giá/);
    assert.match(page.body, /Quý khách đã đánh giá: <strong>Hài lòng<\/strong>/);
    assert.ok(!page.body.includes('<script>alert(1)</script>'), 'the comment never becomes markup');
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script> Nhanh|&lt;script&gt;alert\(1\)&lt;\/script&gt; Nhanh/);
    const again = await submitForm(app, jars['an.dan']!, `/ho-so/${code}/danh-gia`, `/ho-so/${code}/danh-gia`, { overall: 'rat-hai-long', comment: '' });
    assert.equal(again.statusCode, 303);
    const rows = await get().db.selectFrom('rating').innerJoin('application', 'application.id', 'rating.application_id').select(['rating.overall', 'rating.attitude']).where('application.code', '=', code).execute();
    assert.deepEqual(rows, [{ overall: 'rat-hai-long', attitude: null }], 'one rating, changed');
  });

  test('no rating without the overall level, by someone else, before the end, or after 7 days — and nothing changes', async () => {
    const before = await get().db.selectFrom('rating').selectAll().execute();
    const noOverall = await submitForm(app, jars['an.dan']!, `/ho-so/${codes[1]}/danh-gia`, `/ho-so/${codes[1]}/danh-gia`, { overall: '', convenience: 'hai-long' });
    assert.equal(noOverall.statusCode, 400);
    assert.match(noOverall.body, /Hãy chọn mức độ hài lòng chung/);
    assert.match(noOverall.body, /href="#f-overall"/);
    const badLevel = await submitForm(app, jars['an.dan']!, `/ho-so/${codes[1]}/danh-gia`, `/ho-so/${codes[1]}/danh-gia`, { overall: 'tuyet-voi' });
    assert.equal(badLevel.statusCode, 400);
    const other = await submitForm(app, jars['binh.dan']!, '/hoi-dap', `/ho-so/${codes[1]}/danh-gia`, { overall: 'hai-long' });
    assert.equal(other.statusCode, 404);
    assert.equal((await app.inject({ url: `/ho-so/${codes[1]}/danh-gia`, cookies: jars['binh.dan'] })).statusCode, 404);
    const open = await submitForm(app, jars['an.dan']!, `/ho-so/${codes[2]}/danh-gia`, `/ho-so/${codes[2]}/danh-gia`, { overall: 'hai-long' });
    assert.equal(open.statusCode, 409);
    assert.match(open.body, /chưa kết thúc/);
    assert.deepEqual(await get().db.selectFrom('rating').selectAll().execute(), before);
    await sql`UPDATE rating SET created_at = now() - interval '8 days'`.execute(get().db);
    const late = await submitForm(app, jars['an.dan']!, `/ho-so/${codes[0]}/danh-gia`, `/ho-so/${codes[0]}/danh-gia`, { overall: 'chua-hai-long' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /chỉ sửa được trong 7 ngày/);
    const shown = await app.inject({ url: `/ho-so/${codes[0]}/danh-gia`, cookies: jars['an.dan'] });
    assert.match(shown.body, /quá 7 ngày nên không sửa được nữa/);
    assert.ok(!shown.body.includes('Cập nhật đánh giá'));
    await sql`UPDATE rating SET created_at = now()`.execute(get().db);
  });

  test('the service page and the API show the Art. 11.3 figures, equal to a direct count; counter counts add to the total', async () => {
    const { db } = get();
    // A rating through the API, a deleted application: the aggregates follow every change.
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string };
    const rated = await app.inject({ method: 'POST', url: `/api/v1/applications/${codes[1]}/rating`, headers: { authorization: `Bearer ${token}` }, payload: { overall: 'hai-long', timeliness: 'chua-hai-long' } });
    assert.equal(rated.statusCode, 201, rated.body);
    const direct = await directCount(db, PHARMACIST, year);
    assert.deepEqual(direct, { received: 4, resolved: 2, onTime: 1, overallOk: 1, ratings: 2 });
    const api = (await app.inject(`/api/v1/services/${PHARMACIST}/statistics?year=${year}`)).json() as { onlineReceived: number; onlineResolved: number; onTimeRate: number; totalReceived: number; satisfaction: Record<string, Record<string, number>> };
    assert.equal(api.onlineReceived, direct.received);
    assert.equal(api.onlineResolved, direct.resolved);
    assert.equal(api.onTimeRate, direct.onTime / direct.resolved);
    assert.equal(api.satisfaction.overall!['hai-long'], direct.overallOk);
    assert.equal(api.satisfaction.overall!.total, direct.ratings);
    assert.equal(api.satisfaction.timeliness!['chua-hai-long'], 1);

    // The officer of the receiving agency records counter-received applications.
    const month = `${year}-01`;
    const recorded = await submitForm(app, jars['cb.yte']!, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: PHARMACIST, month, count: '7' });
    assert.equal(recorded.statusCode, 303);
    const again = await submitForm(app, jars['cb.yte']!, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: PHARMACIST, month, count: '12' });
    assert.equal(again.statusCode, 303, 'a new count replaces the old one');
    const page = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Tình hình giải quyết năm ${year}`));
    assert.match(page.body, /Hồ sơ trực tuyến đã tiếp nhận<\/dt><dd>4<\/dd>/);
    assert.match(page.body, /Hồ sơ trực tuyến đã giải quyết<\/dt><dd>2<\/dd>/);
    assert.match(page.body, /Tỷ lệ giải quyết đúng hạn<\/dt><dd>50%<\/dd>/);
    assert.match(page.body, /16 \(4 trực tuyến, 12 trực tiếp\/bưu chính\)/);

    // A deleted application takes its figures with it; a rebuild from scratch agrees.
    await db.deleteFrom('application').where('code', '=', codes[1]!).execute();
    const after = (await app.inject(`/api/v1/services/${PHARMACIST}/statistics?year=${year}`)).json() as { onlineReceived: number; onlineResolved: number; totalReceived: number; onTimeRate: number; satisfaction: Record<string, Record<string, number>> };
    const direct2 = await directCount(db, PHARMACIST, year);
    assert.deepEqual([after.onlineReceived, after.onlineResolved, after.totalReceived, after.onTimeRate, after.satisfaction.overall!.total], [direct2.received, direct2.resolved, direct2.received + 12, 1, direct2.ratings]);
    const stored = await db.selectFrom('service_stat_month').selectAll().orderBy('month').execute();
    await rebuildStatistics(db);
    assert.deepEqual(await db.selectFrom('service_stat_month').selectAll().orderBy('month').execute(), stored);
    // The agency rollup the dashboard reads agrees with the per-service rows.
    const { rows: differ } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM (
        SELECT agency_code, month, sum(online_received) AS r, sum(online_resolved) AS d, sum(offline_received) AS o, sum(overall_ok) AS k FROM service_stat_month GROUP BY 1, 2
      ) x FULL JOIN agency_stat_month a USING (agency_code, month)
      WHERE x.r IS DISTINCT FROM a.online_received OR x.d IS DISTINCT FROM a.online_resolved OR x.o IS DISTINCT FROM a.offline_received OR x.k IS DISTINCT FROM a.overall_ok`.execute(db);
    assert.equal(Number(differ[0]!.n), 0);
    codes.splice(1, 1);
  });

  test('counter counts are refused for a future month, a bad number or another agency’s service, and change nothing', async () => {
    const before = await get().db.selectFrom('service_stat_month').select(['offline_received']).execute();
    const future = await submitForm(app, jars['cb.yte']!, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: PHARMACIST, month: `${year + 1}-01`, count: '3' });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /tháng chưa đến/);
    const bad = await submitForm(app, jars['cb.yte']!, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: PHARMACIST, month: `${year}-01`, count: '-3' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /số nguyên/);
    const foreign = await submitForm(app, jars['cb.xa']!, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: PHARMACIST, month: `${year}-01`, count: '3' });
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, /không do cơ quan của bạn tiếp nhận/);
    assert.equal((await app.inject({ url: '/can-bo/tiep-nhan-truc-tiep', cookies: jars['an.dan'] })).statusCode, 403);
    assert.deepEqual(await get().db.selectFrom('service_stat_month').select(['offline_received']).execute(), before);
  });

  test('an administrator writes guidance in Markdown; raw HTML and unsafe links never reach the page; the service page links to it', async () => {
    const body = '## Bước 1\n\nChuẩn bị <script>alert(1)</script> giấy tờ.\n\n[bấm](javascript:alert(1)) · [mẫu](https://dichvucong.gov.vn/) · <img src=x onerror=alert(1)>';
    const refused = await submitForm(app, jars['cb.yte']!, '/hoi-dap', '/quan-tri/huong-dan/moi', { title: 'X', slug: 'x', body: 'y' });
    assert.equal(refused.statusCode, 403);
    const invalid = await submitForm(app, jars.qt!, '/quan-tri/huong-dan/moi', '/quan-tri/huong-dan/moi', { title: '', slug: 'Có Dấu', services: '1.004616, 9.999999', body, published: 'true' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Hãy nhập tiêu đề/);
    assert.match(invalid.body, /Đường dẫn chỉ gồm chữ thường/);
    const unknown = await submitForm(app, jars.qt!, '/quan-tri/huong-dan/moi', '/quan-tri/huong-dan/moi', { title: 'Nộp hồ sơ dược', slug: 'nop-ho-so-duoc', services: '1.004616, 9.999999', body, published: 'true' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Không có thủ tục mã: 9\.999999/);
    assert.equal(await get().db.selectFrom('guidance').select('id').executeTakeFirst(), undefined, 'nothing stored');
    const saved = await submitForm(app, jars.qt!, '/quan-tri/huong-dan/moi', '/quan-tri/huong-dan/moi', { title: 'Nộp hồ sơ dược', slug: 'nop-ho-so-duoc', services: '1.004616', body, published: 'true' });
    assert.equal(saved.statusCode, 303);
    const page = await app.inject('/huong-dan/nop-ho-so-duoc');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2>Bước 1<\/h2>/, 'headings start at level 2 under the title');
    assert.ok(!page.body.includes('<script>alert'), 'no script element');
    assert.ok(!page.body.includes('<img src=x'), 'no image element');
    assert.ok(!page.body.includes('href="javascript:'), 'no javascript: link');
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(page.body, /<a href="https:\/\/dichvucong.gov.vn\/" rel="noopener noreferrer">mẫu<\/a>/);
    const service = await app.inject(`/dich-vu-cong/${PHARMACIST}`);
    assert.match(service.body, /<a href="\/huong-dan\/nop-ho-so-duoc">Nộp hồ sơ dược<\/a>/);
    assert.match((await app.inject('/huong-dan')).body, /nop-ho-so-duoc/);
  });

  test('a citizen asks, the officer of the service’s agency answers and publishes; the entry is found without accents, escaped, most viewed first', async () => {
    const { db } = get();
    assert.equal((await app.inject('/hoi-dap/dat-cau-hoi')).statusCode, 303, 'asking needs signing in');
    const short = await submitForm(app, jars['an.dan']!, `/hoi-dap/dat-cau-hoi?dich-vu=${PHARMACIST}`, '/hoi-dap/dat-cau-hoi', { service: PHARMACIST, question: 'Hỏi?' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /ít nhất 10 ký tự/);
    const asked = await submitForm(app, jars['an.dan']!, `/hoi-dap/dat-cau-hoi?dich-vu=${PHARMACIST}`, '/hoi-dap/dat-cau-hoi', { service: PHARMACIST, question: 'Chứng chỉ hành nghề dược <b>có thời hạn</b> không?' });
    assert.equal(asked.statusCode, 303);
    const mine = await app.inject({ url: '/hoi-dap/cua-toi', cookies: jars['an.dan'] });
    assert.match(mine.body, /Chờ trả lời/);
    assert.ok(!mine.body.includes('<b>có thời hạn</b>'));
    const id = (await db.selectFrom('faq').select('id').executeTakeFirstOrThrow()).id;
    // Not published yet: not in the public list, not at its address.
    assert.equal((await app.inject(`/hoi-dap/${id}`)).statusCode, 404);
    // Another agency's officer does not see it and cannot answer it.
    assert.ok(!(await app.inject({ url: '/can-bo/hoi-dap', cookies: jars['cb.xa'] })).body.includes('có thời hạn'));
    const foreign = await submitForm(app, jars['cb.xa']!, '/can-bo/hoi-dap', `/can-bo/hoi-dap/${id}`, { answer: 'Không.', published: 'true' });
    assert.equal(foreign.statusCode, 404);
    const inbox = await app.inject({ url: '/can-bo/hoi-dap', cookies: jars['cb.yte'] });
    assert.match(inbox.body, /1 câu hỏi chờ trả lời/);
    const empty = await submitForm(app, jars['cb.yte']!, `/can-bo/hoi-dap/${id}`, `/can-bo/hoi-dap/${id}`, { answer: ' ', published: 'true' });
    assert.equal(empty.statusCode, 400);
    assert.equal((await db.selectFrom('faq').select('published').executeTakeFirstOrThrow()).published, false);
    const answered = await submitForm(app, jars['cb.yte']!, `/can-bo/hoi-dap/${id}`, `/can-bo/hoi-dap/${id}`, { answer: 'Chứng chỉ hành nghề dược không ghi thời hạn <i>hiệu lực</i>.', published: 'true' });
    assert.equal(answered.statusCode, 303);
    // A second, more viewed entry comes first.
    await db.insertInto('faq').values({ service_code: PHARMACIST, question: 'Lệ phí cấp chứng chỉ hành nghề dược là bao nhiêu?', answer: 'Theo biểu phí hiện hành.', published: true, views: 50 }).execute();
    const found = await app.inject(`/hoi-dap?q=${encodeURIComponent('chung chi hanh nghe duoc')}`);
    assert.equal(found.statusCode, 200);
    const first = found.body.indexOf('Lệ phí cấp');
    const second = found.body.indexOf('có thời hạn');
    assert.ok(first > 0 && second > first, 'most viewed first, both found without accents');
    assert.ok(!found.body.includes('<b>có thời hạn</b>'), 'markup in the question is shown as text');
    const entry = await app.inject(`/hoi-dap/${id}`);
    assert.equal(entry.statusCode, 200);
    assert.match(entry.body, /&lt;i(>|&gt;)hiệu lực&lt;\/i(>|&gt;)/);
    assert.match(entry.body, /1 lượt xem/);
    assert.equal((await db.selectFrom('faq').select('views').where('id', '=', id).executeTakeFirstOrThrow()).views, 1);
    assert.match((await app.inject(`/hoi-dap?q=${encodeURIComponent('THỜI HẠN')}`)).body, /có thời hạn/);
    assert.doesNotMatch((await app.inject('/hoi-dap?q=khai+sinh')).body, /có thời hạn/);
    const service = await app.inject(`/dich-vu-cong/${PHARMACIST}`);
    assert.match(service.body, new RegExp(`<a href="/hoi-dap/${id}">`));
  });

  test('managers see the dashboard with charts, tables and summaries; every table exports as CSV; another agency is refused', async () => {
    assert.match((await app.inject({ url: '/', cookies: jars.ld })).body, /<a href="\/quan-ly\/thong-ke">Thống kê<\/a>/, 'managers find it in the header');
    assert.equal((await app.inject({ url: '/quan-ly/thong-ke', cookies: jars['an.dan'] })).statusCode, 403);
    assert.equal((await app.inject({ url: '/quan-ly/thong-ke', cookies: jars['cb.yte'] })).statusCode, 403);
    const page = await app.inject({ url: `/quan-ly/thong-ke?tu=${year}-01&den=${year}-12`.replace(`${year}-12`, new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7)), cookies: jars.ld });
    assert.equal(page.statusCode, 200, page.body.slice(0, 500));
    assert.equal((page.body.match(/<svg class="chart"[^>]*role="img"/g) ?? []).length, 4);
    assert.match(page.body, /<title id="chart-months-title">/);
    assert.match(page.body, /<desc id="chart-months-desc">/);
    assert.match(page.body, /Hồ sơ trực tuyến tiếp nhận<\/dt><dd>3<\/dd>/);
    assert.match(page.body, /Cấp Chứng chỉ hành nghề dược/);
    for (const table of ['tong-hop', 'theo-thang', 'thu-tuc-cham', 'hai-long', 'theo-co-quan']) {
      const csv = await app.inject({ url: `/quan-ly/thong-ke/${table}.csv?co-quan=${SYT}`, cookies: jars.ld });
      assert.equal(csv.statusCode, 200, table);
      assert.match(csv.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
      assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM for Excel');
      assert.match(csv.headers['content-disposition'] as string, /attachment; filename="thong-ke-/);
    }
    const summary = (await app.inject({ url: `/quan-ly/thong-ke/tong-hop.csv?co-quan=${SYT}`, cookies: jars.ld })).body;
    assert.match(summary, /"Hồ sơ trực tuyến tiếp nhận","3"\r\n/);
    const other = await app.inject({ url: '/quan-ly/thong-ke/theo-thang.csv?co-quan=000.00.00.G99', cookies: jars.ld });
    assert.equal(other.statusCode, 403);
    assert.match(other.body, /Không có quyền xem số liệu của cơ quan (&quot;|")000.00.00.G99(&quot;|")/);
    assert.ok(!other.headers['content-disposition']);
    assert.equal((await app.inject({ url: '/quan-ly/thong-ke?co-quan=000.00.00.G99', cookies: jars.qt })).statusCode, 403);
    const badPeriod = await app.inject({ url: '/quan-ly/thong-ke?tu=2026-13&den=2025-01', cookies: jars.ld });
    assert.equal(badPeriod.statusCode, 400);
    assert.match(badPeriod.body, /Tháng bắt đầu phải có dạng YYYY-MM/);
    assert.equal((await app.inject({ url: '/quan-ly/thong-ke/bang-khac.csv', cookies: jars.ld })).statusCode, 404);
  });

  test('a refused application invites its rating in the notice, and its page offers the form', async () => {
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'cb.yte', password: TEST_PASSWORD } })).json() as { token: string };
    const code = codes[codes.length - 1]!;
    const refused = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: { authorization: `Bearer ${token}` }, payload: { status: 3, note: 'Không thuộc thẩm quyền.' } });
    assert.equal(refused.statusCode, 200, refused.body);
    const notices = await app.inject({ url: '/thong-bao', cookies: jars['an.dan'] });
    assert.match(notices.body, new RegExp(`<a href="/ho-so/${code}">Hồ sơ ${code.replaceAll('.', '\\.')}: Không được tiếp nhận</a>`));
    assert.match(notices.body, /Mời quý khách đánh giá mức độ hài lòng trên trang hồ sơ/);
    assert.match((await app.inject({ url: `/ho-so/${code}`, cookies: jars['an.dan'] })).body, /Gửi đánh giá/);
  });
});
