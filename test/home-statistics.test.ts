// U1–U5, Q3, C4: people find what they look for — the menu, Sơ đồ cổng, sitemap.xml and robots.txt
// lead to every public section; the home page's lookup, most used services, sectors and this
// year's figures; the public Art. 11.3 page and its open data against applications made here;
// the back-office homes with their role checks, and staff landing on them after sign-in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import type { DB } from '../src/db/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { vietnamYear } from '../src/web/format.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';

const PHARMACIST = '1.004616';
const BIRTH = '1.001193';
const SYT = '000.00.12.H34';
const PUBLIC_URL = 'https://dichvucong.thunghiem.gov.vn';
const SECTIONS = [
  ['/huong-dan', 'Hướng dẫn'],
  ['/hoi-dap', 'Hỏi đáp'],
  ['/tra-cuu', 'Tra cứu hồ sơ'],
  ['/phan-anh-kien-nghi', 'Phản ánh, kiến nghị'],
  ['/thong-ke', 'Thống kê'],
] as const;

/** Ends an application the way the officer's "Đã xử lý xong" does: status and event together. */
async function finish(db: DB, code: string) {
  const a = await db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('application').set({ status: 9 }).where('id', '=', a.id).execute();
    await trx.insertInto('application_event').values({ application_id: a.id, status_from: a.status, status_to: 9, actor_name: 'Cán bộ Y tế' }).execute();
  });
}

const mainNav = (html: string) => /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';

describeEachDatabase('menu, home page, public statistics and back-office homes', (get) => {
  let app: FastifyInstance;
  const jars: Record<string, Jar> = {};
  const year = vietnamYear();
  let birthAgency = '';

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: SYT });
    await createAccount(db, { username: 'qt', password: TEST_PASSWORD, fullName: 'Quản trị', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'ld', password: TEST_PASSWORD, fullName: 'Lãnh đạo', role: 'manager', agencyCode: '000.00.00.H34' });
    app = await testApp(db, { PUBLIC_URL, DVCTT_AGENCY_NAME: 'Ủy ban nhân dân tỉnh Thử Nghiệm' });
    birthAgency = (await db.selectFrom('service').select('agency_code').where('code', '=', BIRTH).executeTakeFirstOrThrow()).agency_code;
    for (const u of ['an.dan', 'cb.yte', 'qt', 'ld']) jars[u] = await signedIn(app, u, TEST_PASSWORD);
  });
  after(() => app.close());

  /** An application received online for a service, as the submission writes it (the triggers count it). */
  let made = 0;
  const submit = async (service: string) => {
    const { db } = get();
    const s = await db.selectFrom('service').select('agency_code').where('code', '=', service).executeTakeFirstOrThrow();
    const applicant = await db.selectFrom('account').select('id').where('username', '=', 'an.dan').executeTakeFirstOrThrow();
    const code = `${s.agency_code}-TK${String(++made).padStart(4, '0')}`;
    await db.insertInto('application').values({ code, service_code: service, agency_code: s.agency_code, applicant_id: applicant.id, status: 1, data: JSON.stringify(demoDefinition(service)?.example ?? {}), due_date: `${year}-12-31` }).execute();
    return code;
  };

  test('the menu, Sơ đồ cổng and sitemap.xml lead to guidance, FAQ, lookup, petitions and statistics; robots.txt names the sitemap', async () => {
    const home = await app.inject('/');
    const nav = mainNav(home.body);
    for (const [href, label] of SECTIONS) assert.ok(nav.includes(`<a href="${href}">${label}</a>`), `menu: ${label}`);
    assert.equal(nav.match(/<li>/g)?.length, 9, 'one list of nine links');
    const sitemap = await app.inject('/so-do-cong');
    for (const [href, label] of SECTIONS) assert.ok(sitemap.body.includes(`<a href="${href}">${label}</a>`), `Sơ đồ cổng: ${label}`);
    const xml = await app.inject('/sitemap.xml');
    for (const [href] of SECTIONS) assert.ok(xml.body.includes(`<loc>${PUBLIC_URL}${href}</loc>`), `sitemap.xml: ${href}`);
    const robots = await app.inject('/robots.txt');
    assert.equal(robots.statusCode, 200);
    assert.match(robots.headers['content-type'] as string, /^text\/plain/);
    assert.match(robots.body, new RegExp(`^Sitemap: ${PUBLIC_URL}/sitemap.xml$`, 'm'));
    assert.match(robots.body, /^Disallow: \/quan-tri$/m);
  });

  test('the footer carries the copyright line with this year in Vietnam and the agency', async () => {
    const page = await app.inject('/gioi-thieu');
    assert.ok(page.body.includes(`© ${year} Ủy ban nhân dân tỉnh Thử Nghiệm. Giữ bản quyền.`), 'copyright line');
  });

  test('the home page: search, a lookup box sending code and 4 digits to /tra-cuu, level-4 services before any application, life events, sectors and fields with counts', async () => {
    const html = (await app.inject('/')).body;
    assert.match(html, /<form class="hero-search" action="\/dich-vu-cong" method="get">/);
    assert.match(html, /<form action="\/tra-cuu" method="get">[\s\S]*name="code"[\s\S]*name="check"[^>]*maxLength="4"/i);
    assert.match(html, /Các dịch vụ công trực tuyến toàn trình\./, 'no application yet: level-4 services');
    const level4 = await get().db.selectFrom('service').select('code').where('level', '=', 4).execute();
    const popular = /id="popular-heading"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    const listed = [...popular.matchAll(/href="\/dich-vu-cong\/([\d.]+)"/g)].map((m) => m[1]);
    assert.ok(listed.length > 0 && listed.every((c) => level4.some((s) => s.code === c)), `level 4 only: ${listed.join(', ')}`);
    const sectors = await get().db.selectFrom('service').select(({ fn }) => ['sector', fn.countAll<string>().as('n')]).groupBy('sector').execute();
    for (const s of sectors) assert.ok(html.includes(`href="/dich-vu-cong?sector=${encodeURIComponent(s.sector)}"`), `sector ${s.sector}`);
    const biggest = sectors.sort((a, b) => Number(b.n) - Number(a.n))[0]!;
    assert.match(html, new RegExp(`>${biggest.sector}</a> <span class="home-count">\\(${biggest.n} thủ tục\\)`));
    assert.match(html, /href="\/dich-vu-cong\?field=/);
    // Life events: each links to its search and shows how many services that search finds.
    assert.match(html, /Dịch vụ công theo sự kiện trong cuộc sống/);
    const events = /id="events-heading"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    const links = [...events.matchAll(/<a href="\/dich-vu-cong\?q=([^"]+)">([^<]+)<\/a> <span class="home-count">\((\d+) thủ tục\)/g)];
    assert.ok(links.length >= 5, `events shown: ${links.length}`);
    assert.ok(links.some((m) => m[2] === 'Sinh con'));
    for (const [, q, label, n] of links.slice(0, 3)) {
      const found = (await app.inject(`/api/v1/services?q=${q}`)).json() as { total: number };
      assert.equal(found.total, Number(n), `${label}: the count is what the search finds`);
    }
    assert.match(html, new RegExp(`Tình hình giải quyết hồ sơ năm ${year}`));
    assert.match(html, /<a href="\/thong-ke">Xem số liệu thống kê chi tiết<\/a>/);
    const looked = await app.inject('/tra-cuu?code=000.00.12.H34-000000-0000&check=12');
    assert.equal(looked.statusCode, 400, 'the lookup page answers what the box sends');
    assert.match(looked.body, /Hãy nhập đúng 4 chữ số/);
  });

  test('the public statistics, the home page and the open data count the applications made here, per agency and per service', async () => {
    const { db } = get();
    const codes = [await submit(PHARMACIST), await submit(PHARMACIST), await submit(PHARMACIST), await submit(BIRTH)];
    await finish(db, codes[0]!);
    await db.updateTable('application').set({ due_date: '2000-01-01' }).where('code', '=', codes[1]!).execute();
    await finish(db, codes[1]!);

    assert.match((await app.inject('/')).body, /Các dịch vụ công trực tuyến toàn trình\./, 'the home page reads its figures again only after 30 s');
    const fresh = await testApp(db, { PUBLIC_URL });
    const home = (await fresh.inject('/')).body;
    await fresh.close();
    assert.match(home, /Theo số hồ sơ nộp trực tuyến từ đầu năm\./);
    const popular = /id="popular-heading"[\s\S]*?<\/ul>/.exec(home)?.[0] ?? '';
    assert.deepEqual([...popular.matchAll(/href="\/dich-vu-cong\/([\d.]+)"/g)].map((m) => m[1]), [PHARMACIST, BIRTH], 'most applications first');
    assert.match(popular, /\(3 hồ sơ\)/);
    assert.match(home, /Hồ sơ đã tiếp nhận<\/dt><dd>4<\/dd>/);
    assert.match(home, /Hồ sơ đã giải quyết<\/dt><dd>2<\/dd>/);
    assert.match(home, /Giải quyết đúng hạn<\/dt><dd>50%<\/dd>/);

    const page = await app.inject('/thong-ke');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], undefined, 'public, for anyone');
    assert.match(page.body, new RegExp(`<h1>Thống kê giải quyết hồ sơ năm ${year}</h1>`));
    assert.match(page.body, /Hồ sơ trực tuyến đã tiếp nhận<\/dt><dd>4<\/dd>/);
    assert.match(page.body, /Tỷ lệ giải quyết đúng hạn<\/dt><dd>50%<\/dd>/);
    const sytName = (await db.selectFrom('agency').select('name').where('code', '=', SYT).executeTakeFirstOrThrow()).name;
    assert.match(page.body, new RegExp(`<tr><th scope="row">${sytName}</th><td>3</td><td>2</td><td>50%</td><td>0</td><td>3</td><td>—</td></tr>`));
    assert.match(page.body, new RegExp(`<a href="/dich-vu-cong/${BIRTH}">[^<]+</a></th><td>[^<]+</td><td>1</td><td>0</td><td>—</td><td>1</td>`));
    assert.equal((page.body.match(/<svg class="chart"[^>]*role="img"/g) ?? []).length, 2, 'two charts, each with a table');
    assert.match(page.body, /rel="license">Creative Commons Ghi công 4.0 Quốc tế \(CC BY 4.0\)/);
    assert.ok(!page.body.includes('Nguyễn Văn An') && !page.body.includes('cb.yte'), 'no personal data');

    const csv = await app.inject(`/thong-ke/so-lieu.csv?nam=${year}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM for Excel');
    assert.match(csv.headers['content-disposition'] as string, new RegExp(`attachment; filename="so-lieu-thong-ke-${year}.csv"`));
    assert.match(csv.headers.link as string, /creativecommons.org\/licenses\/by\/4.0\/.*rel="license"/);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    assert.match(lines[0]!, /^"Năm","Loại","Mã","Tên",.*"Giấy phép"$/);
    assert.ok(lines.slice(1).every((l) => l.endsWith('"CC BY 4.0"')), 'the licence on every row');
    assert.ok(lines.some((l) => l.startsWith(`"${year}","Thủ tục","${PHARMACIST}",`) && l.includes(`"${SYT}","${sytName}","3","2","1","0.5000"`)), 'the pharmacist service row');
    assert.ok(lines.some((l) => l.startsWith(`"${year}","Cơ quan","${birthAgency}",`) && l.includes('"1","0","0",""')), 'the birth agency row');
    assert.ok(lines[1]!.startsWith(`"${year}","Toàn cổng"`) && lines[1]!.includes('"4","2","1","0.5000"'), 'the total first');
    assert.ok(!csv.body.includes('cb.yte') && !csv.body.includes('Nguyễn Văn An'), 'no personal data');

    const json = await app.inject(`/thong-ke/so-lieu.json?nam=${year}`);
    assert.equal(json.statusCode, 200);
    const data = json.json() as { licence: { name: string; url: string }; year: number; source: string; totals: Record<string, number | null>; agencies: { code: string; onlineReceived: number; onTimeRate: number | null }[]; services: { code: string; agencyCode: string; onlineReceived: number; onlineResolved: number }[] };
    assert.equal(data.licence.name, 'CC BY 4.0');
    assert.equal(data.year, year);
    assert.equal(data.source, `${PUBLIC_URL}/thong-ke?nam=${year}`);
    assert.deepEqual({ r: data.totals.onlineReceived, s: data.totals.onlineResolved, t: data.totals.onTimeRate }, { r: 4, s: 2, t: 0.5 });
    assert.deepEqual(data.services.map((s) => [s.code, s.onlineReceived, s.onlineResolved]), [[PHARMACIST, 3, 2], [BIRTH, 1, 0]]);
    assert.deepEqual(data.agencies.find((a) => a.code === SYT), { ...data.agencies.find((a) => a.code === SYT), onlineReceived: 3, onTimeRate: 0.5 });

    const last = (await app.inject(`/thong-ke/so-lieu.json?nam=${year - 1}`)).json() as { totals: { onlineReceived: number }; services: unknown[] };
    assert.equal(last.totals.onlineReceived, 0, 'another year has none of them');
    assert.deepEqual(last.services, []);
  });

  test('a year that is not one gets a Vietnamese explanation and no file', async () => {
    const page = await app.inject('/thong-ke?nam=20x6');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, new RegExp(`Năm thống kê phải là một năm từ 2000 đến ${year}`));
    const future = await app.inject(`/thong-ke/so-lieu.csv?nam=${year + 1}`);
    assert.equal(future.statusCode, 400);
    assert.ok(!future.headers['content-disposition']);
    assert.match(future.body, /Không có tệp nào được tạo/);
    const json = await app.inject('/thong-ke/so-lieu.json?nam=1999');
    assert.equal(json.statusCode, 400);
    assert.match((json.json() as { error: { message: string } }).error.message, /Năm thống kê phải là/);
    assert.equal((await app.inject('/thong-ke/so-lieu.xlsx')).statusCode, 404);
  });

  test('the back-office homes: a visitor signs in first, another role gets a Vietnamese 403, each role sees its pages', async () => {
    for (const home of ['/quan-tri', '/can-bo', '/quan-ly']) {
      const anon = await app.inject(home);
      assert.equal(anon.statusCode, 303, home);
      assert.equal(anon.headers.location, `/dang-nhap?next=${encodeURIComponent(home)}`);
    }
    const cases: [string, string, number][] = [
      ['an.dan', '/quan-tri', 403],
      ['an.dan', '/can-bo', 403],
      ['cb.yte', '/quan-tri', 403],
      ['cb.yte', '/quan-ly', 403],
      ['ld', '/can-bo', 403],
      ['ld', '/quan-tri', 403],
      ['qt', '/quan-tri', 200],
      ['cb.yte', '/can-bo', 200],
      ['ld', '/quan-ly', 200],
    ];
    for (const [user, url, status] of cases) {
      const res = await app.inject({ url, cookies: jars[user] });
      assert.equal(res.statusCode, status, `${user} ${url}`);
      if (status === 403) assert.match(res.body, /Không có quyền truy cập/);
    }
    const admin = (await app.inject({ url: '/quan-tri', cookies: jars.qt })).body;
    for (const href of ['/quan-tri/huong-dan', '/quan-tri/can-bo', '/quan-tri/nhat-ky', '/quan-tri/tu-dong-nghia', '/quan-tri/bao-tri', '/quan-tri/mau-thong-bao', '/quan-tri/hang-doi', '/quan-tri/webhook', '/quan-tri/chia-se-du-lieu']) {
      assert.ok(admin.includes(`<a href="${href}">`), `the administrator's home lists ${href}`);
    }
    const officer = (await app.inject({ url: '/can-bo', cookies: jars['cb.yte'] })).body;
    for (const href of ['/can-bo/ho-so', '/can-bo/hoi-dap', '/can-bo/tiep-nhan-truc-tiep', '/can-bo/phan-anh-kien-nghi']) assert.ok(officer.includes(`<a href="${href}">`), `the officer's home lists ${href}`);
    assert.ok(!officer.includes('href="/quan-tri/can-bo"'), 'no administration page for an officer');
    const manager = (await app.inject({ url: '/quan-ly', cookies: jars.ld })).body;
    assert.ok(manager.includes('<a href="/quan-ly/thong-ke">'));
    const topbar = (html: string) => /<nav class="topbar-links"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    assert.match(topbar((await app.inject({ url: '/', cookies: jars.qt })).body), /<a href="\/quan-tri">Trang quản trị<\/a>/, 'staff find their home in the header');
    assert.match(topbar((await app.inject({ url: '/', cookies: jars['cb.yte'] })).body), /<a href="\/can-bo">Trang cán bộ<\/a>/);
    assert.doesNotMatch(topbar((await app.inject({ url: '/', cookies: jars['an.dan'] })).body), /Trang (quản trị|cán bộ|lãnh đạo)/);
  });

  test('every back-office page carries the staff navigation for its area; citizens and other areas do not', async () => {
    const nav = (html: string) => /<nav class="back-office-nav"[\s\S]*?<\/nav>/.exec(html)?.[0];
    const guidance = await app.inject({ url: '/quan-tri/huong-dan', cookies: jars.qt });
    const adminNav = nav(guidance.body);
    assert.ok(adminNav, 'on an administration page');
    assert.match(adminNav!, /<a href="\/quan-tri\/huong-dan" aria-current="page">Hướng dẫn thực hiện<\/a>/);
    assert.match(adminNav!, /<a href="\/quan-tri">Trang quản trị<\/a>/);
    assert.match(adminNav!, /<a href="\/can-bo">Trang cán bộ<\/a>/);
    const inbox = await app.inject({ url: '/can-bo/ho-so', cookies: jars['cb.yte'] });
    assert.match(nav(inbox.body) ?? '', /<a href="\/can-bo\/ho-so" aria-current="page">Hồ sơ của cơ quan<\/a>/);
    assert.doesNotMatch(nav(inbox.body) ?? '', /Trang quản trị/, 'an officer has no administration home');
    const dashboard = await app.inject({ url: '/quan-ly/thong-ke', cookies: jars.ld });
    assert.match(nav(dashboard.body) ?? '', /<a href="\/quan-ly">Trang lãnh đạo<\/a>/);
    assert.equal(nav((await app.inject({ url: '/', cookies: jars.qt })).body), undefined, 'not on public pages');
    assert.equal(nav((await app.inject({ url: '/quan-tri/huong-dan', cookies: jars['an.dan'] })).body), undefined, 'not for a citizen');
  });

  test('staff land on their home after signing in; a page they were sent from still comes first; citizens go to the home page', async () => {
    for (const [user, home] of [['qt', '/quan-tri'], ['cb.yte', '/can-bo'], ['ld', '/quan-ly'], ['an.dan', '/']] as const) {
      const jar: Jar = {};
      const res = await submitForm(app, jar, '/dang-nhap', '/dang-nhap', { login: user, password: TEST_PASSWORD });
      assert.equal(res.statusCode, 303, user);
      assert.equal(res.headers.location, home, user);
    }
    const jar: Jar = {};
    const form = await app.inject('/dang-nhap?next=%2Fquan-tri%2Fnhat-ky');
    remember(jar, form);
    const sent = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: jar, payload: { _csrf: csrfOf(form.body), login: 'qt', password: TEST_PASSWORD, next: '/quan-tri/nhat-ky' } });
    assert.equal(sent.headers.location, '/quan-tri/nhat-ky');
    const wrong = await submitForm(app, {}, '/dang-nhap', '/dang-nhap', { login: 'qt', password: 'sai-mat-khau-1' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /<input type="hidden" name="next" value(="")?\/>/, 'no destination invented on the way');
  });

  test('the statistics pages: month pickers checked on the server in Vietnamese, one full stop, and no bar for 0 days', async () => {
    const { db } = get();
    const dash = await app.inject({ url: '/quan-ly/thong-ke', cookies: jars.ld });
    assert.match(dash.body, /<input id="f-from" name="tu" type="month" value="\d{4}-\d{2}" min="2000-01" max="\d{4}-\d{2}"/);
    assert.doesNotMatch(dash.body, /Dạng YYYY-MM/);
    assert.doesNotMatch(dash.body, /\.\./, 'no double full stop');
    const bad = await app.inject({ url: '/quan-ly/thong-ke?tu=2026-1&den=2026-02', cookies: jars.ld });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Tháng bắt đầu phải có dạng YYYY-MM, ví dụ 2026-01\./);
    const counter = await app.inject({ url: '/can-bo/tiep-nhan-truc-tiep', cookies: jars['cb.yte'] });
    assert.match(counter.body, /<input id="f-month" name="month" type="month"/);
    assert.doesNotMatch(counter.body, /Dạng YYYY-MM/);
    const before = await db.selectFrom('service_stat_month').select(['month', 'offline_received']).where('agency_code', '=', SYT).execute();
    const refused = await submitForm(app, jars['cb.yte']!, '/can-bo/tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep', { service: PHARMACIST, month: 'tháng ba', count: '4' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Tháng phải có dạng YYYY-MM/);
    assert.deepEqual(await db.selectFrom('service_stat_month').select(['month', 'offline_received']).where('agency_code', '=', SYT).execute(), before, 'nothing recorded');

    // Everything here was resolved within seconds: 0 days on average draws no bar at all; a
    // service that took 5 days on average (as the triggers would count it) draws one.
    const permit = await db.selectFrom('service').select(['code', 'agency_code']).where('code', '=', '1.013225').executeTakeFirstOrThrow();
    await db.insertInto('service_stat_month').values({ service_code: permit.code, agency_code: permit.agency_code, month: `${year}-01-01`, online_received: 2, online_resolved: 2, resolved_on_time: 2, resolve_seconds: 2 * 5 * 86_400 }).execute();
    const page = (await app.inject({ url: '/quan-ly/thong-ke', cookies: jars.ld })).body;
    const slow = /<svg class="chart"[^>]*aria-labelledby="chart-slow-title[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    assert.ok(slow, 'the slowest-procedures chart');
    assert.match(slow, />0 ngày<\/text>/);
    assert.match(slow, />5 ngày<\/text>/);
    assert.equal(slow.match(/<rect /g)?.length, 1, 'only the 5-day service draws a bar');
  });
});
