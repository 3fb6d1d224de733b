// The inbox that scales (A3–A5): an officer pages through their queue newest first and meets each
// application exactly once; every filter lists what it says and the counts agree with the lists;
// an officer does not see a colleague's assigned work, the head of the unit does; the CSV export
// holds the same rows as the pages; bad input is refused in Vietnamese with nothing changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { calendarSource } from '../src/applications/calendar-store.ts';
import { deadlineWindow, warningsOf, type Warning } from '../src/applications/deadlines.ts';
import type { Status } from '../src/applications/model.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn } from './helpers/session.ts';

const SERVICE = '1.004616';
const AGENCY = '000.00.12.H34';
const OTHER = '000.33.01.H34';
const N = 150;
const STATUSES: Status[] = [1, 2, 4, 4, 5, 9, 10, 3];
const CHANNELS = ['truc-tuyen', 'truc-tuyen', 'truc-tiep', 'buu-chinh'] as const;

interface Made {
  id: string;
  code: string;
  at: Date;
  status: Status;
  channel: string;
  service: string;
  assignee: string | null;
  applicant: string;
  dueDate: string | null;
  receptionDueAt: Date | null;
  unit: string;
}

interface ApiPage {
  items: { code: string; status: number; channel: string; warnings: Warning[]; service: { code: string } }[];
  next: string | null;
  counts: { status: Record<string, number>; warnings: Record<Warning, number>; cap: number };
}

describeEachDatabase('the inbox: keyset pages, filters, counts, visibility, CSV', (get) => {
  let app: FastifyInstance;
  const made: Made[] = [];
  const ids: Record<string, string> = {};
  let service2 = '';
  const bearer: Record<string, { authorization: string }> = {};

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    for (const [username, fullName, extra] of [
      ['an.dan', 'Nguyễn Văn An', { idNumber: '056090001234' }],
      ['binh.tran', 'Trần Thị Bình', { idNumber: '056090005678' }],
      ['cb.a', 'Cán bộ A', { role: 'officer', agencyCode: AGENCY }],
      ['cb.b', 'Cán bộ B', { role: 'officer', agencyCode: AGENCY }],
      ['truong', 'Trưởng phòng', { role: 'officer', agencyCode: AGENCY }],
      ['cb.khac', 'Cán bộ Nha Trang', { role: 'officer', agencyCode: OTHER }],
    ] as const) {
      await createAccount(db, { username, password: TEST_PASSWORD, fullName, ...extra } as Parameters<typeof createAccount>[1]);
      ids[username] = (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    }
    // The head of the unit (the workflow's agency_duty), written directly.
    await db.insertInto('agency_duty').values({ account_id: ids.truong!, agency_code: AGENCY, duty: 'head' }).execute();
    service2 = (await db.selectFrom('service').select('code').where('agency_code', '=', AGENCY).where('code', '<>', SERVICE).orderBy('code').executeTakeFirstOrThrow()).code;

    const now = new Date();
    const w = deadlineWindow(now, calendarSource(db).current(now));
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < N + 5; i++) {
      const status = STATUSES[i % STATUSES.length]!;
      const m = {
        code: `${i < N ? AGENCY : OTHER}-991201-${String(1000 + i)}`,
        // Two at each instant: the order within one instant is by id.
        at: new Date(base - Math.floor(i / 2) * 60_000),
        status,
        channel: CHANNELS[i % 4]!,
        service: i % 7 === 0 ? service2 : SERVICE,
        assignee: i % 10 === 3 ? ids['cb.a']! : i % 10 === 7 ? ids['cb.b']! : null,
        applicant: i % 3 === 0 ? ids['an.dan']! : ids['binh.tran']!,
        dueDate: [`${w.today}`, w.soonUntil, '2099-01-01', null, '2020-01-02'][i % 5]!,
        receptionDueAt: status === 1 ? new Date(i % 2 ? now.getTime() + 86_400_000 : now.getTime() - 3_600_000) : null,
        unit: i < N ? AGENCY : OTHER,
      };
      const row = await db
        .insertInto('application')
        .values({ code: m.code, service_code: m.service, agency_code: m.unit, applicant_id: m.applicant, status: m.status, data: JSON.stringify({}), submitted_at: m.at, due_date: m.dueDate, channel: m.channel, assignee_id: m.assignee, reception_due_at: m.receptionDueAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      made.push({ ...m, id: row.id });
    }
    app = await testApp(db);
    for (const u of ['cb.a', 'truong', 'cb.khac']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } });
      bearer[u] = { authorization: `Bearer ${(res.json() as { token: string }).token}` };
    }
  });
  after(() => app.close());

  const newestFirst = (a: Made, b: Made) => b.at.getTime() - a.at.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
  const visibleTo = (who: string) => (m: Made) => m.unit === AGENCY && (who === 'truong' || m.assignee === null || m.assignee === ids[who]);
  const windowNow = () => deadlineWindow(new Date(), calendarSource(get().db).current());
  const warned = (m: Made) => warningsOf({ status: m.status, dueDate: m.dueDate, receptionDueAt: m.receptionDueAt }, windowNow());

  /** Every page of a query through the API, following `next`. */
  async function allPages(who: string, query: Record<string, string>, pageSize = 50): Promise<{ codes: string[]; pages: ApiPage[] }> {
    const pages: ApiPage[] = [];
    let after: string | null = null;
    do {
      const qs: URLSearchParams = new URLSearchParams({ ...query, pageSize: String(pageSize), ...(after ? { after } : {}) });
      const res: { statusCode: number; body: string; json(): unknown } = await app.inject({ url: `/api/v1/inbox?${qs}`, headers: bearer[who] });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as ApiPage;
      assert.ok(page.items.length <= pageSize);
      pages.push(page);
      after = page.next;
    } while (after && pages.length < 20);
    return { codes: pages.flatMap((p) => p.items.map((i) => i.code)), pages };
  }

  test('paging through 135 applications in pages of 50 gives each exactly once, newest first; a colleague’s assigned ones are not there, the head sees them', async () => {
    const mine = made.filter(visibleTo('cb.a')).sort(newestFirst).map((m) => m.code);
    assert.ok(mine.length >= 120);
    const { codes, pages } = await allPages('cb.a', {});
    assert.equal(pages.length, Math.ceil(mine.length / 50));
    assert.deepEqual(codes, mine);
    assert.equal(new Set(codes).size, codes.length);
    assert.ok(!codes.some((c) => made.find((m) => m.code === c)!.assignee === ids['cb.b']), 'cb.b’s work is hidden from cb.a');

    const head = await allPages('truong', {}, 100);
    assert.deepEqual(head.codes, made.filter(visibleTo('truong')).sort(newestFirst).map((m) => m.code));
    assert.ok(head.codes.length === N && head.codes.some((c) => made.find((m) => m.code === c)!.assignee === ids['cb.b']));
    // Another unit's officer sees nothing of this unit, and this unit's officers nothing of theirs.
    const other = await allPages('cb.khac', {});
    assert.deepEqual(other.codes, made.filter((m) => m.unit === OTHER && m.assignee === null).sort(newestFirst).map((m) => m.code));
  });

  test('each filter lists exactly what it says, and the counts per status and per warning agree with the lists', async () => {
    const everything = await allPages('cb.a', {});
    const counts = everything.pages[0]!.counts;
    const visible = made.filter(visibleTo('cb.a'));
    for (const s of [1, 2, 3, 4, 5, 9, 10] as Status[]) {
      const listed = await allPages('cb.a', { status: String(s) });
      const expected = visible.filter((m) => m.status === s).sort(newestFirst).map((m) => m.code);
      assert.deepEqual(listed.codes, expected, `status ${s}`);
      assert.equal(counts.status[s] ?? 0, expected.length, `count of status ${s}`);
    }
    for (const [due, w] of [['reception-late', 'reception-late'], ['due-soon', 'due-soon'], ['overdue', 'overdue']] as const) {
      const listed = await allPages('cb.a', { due });
      const expected = visible.filter((m) => warned(m).includes(w)).sort(newestFirst).map((m) => m.code);
      assert.ok(expected.length > 0, `some ${w}`);
      assert.deepEqual(listed.codes, expected, due);
      assert.equal(counts.warnings[w], expected.length, `count of ${w}`);
      assert.ok(listed.pages.every((p) => p.items.every((i) => i.warnings.includes(w))));
    }
    const cases: [Record<string, string>, (m: Made) => boolean][] = [
      [{ channel: 'truc-tiep' }, (m) => m.channel === 'truc-tiep'],
      [{ channel: 'buu-chinh', status: '4' }, (m) => m.channel === 'buu-chinh' && m.status === 4],
      [{ assignee: 'me' }, (m) => m.assignee === ids['cb.a']],
      [{ assignee: 'nobody' }, (m) => m.assignee === null],
      [{ assignee: 'cb.a', due: 'overdue' }, (m) => m.assignee === ids['cb.a'] && warned(m).includes('overdue')],
      [{ service: service2 }, (m) => m.service === service2],
      [{ agency: AGENCY, service: SERVICE }, (m) => m.service === SERVICE],
      [{ q: '056090001234' }, (m) => m.applicant === ids['an.dan']],
      [{ q: 'tran thi binh' }, (m) => m.applicant === ids['binh.tran']],
      [{ q: `${AGENCY}-991201-1004`.toLowerCase() }, (m) => m.code === `${AGENCY}-991201-1004`],
    ];
    for (const [query, keep] of cases) {
      const listed = await allPages('cb.a', query);
      const expected = visible.filter(keep).sort(newestFirst);
      assert.deepEqual(listed.codes, expected.map((m) => m.code), JSON.stringify(query));
      // The status counts of a filtered list add up to the list when no status is chosen.
      if (!query.status) assert.equal(Object.values(listed.pages[0]!.counts.status).reduce((a, b) => a + b, 0), expected.length, `counts of ${JSON.stringify(query)}`);
    }
  });

  test('the pages after the first show the first page’s counts, carried by the cursor; the cursor taken to other filters or to another person is counted afresh', async () => {
    const { db } = get();
    const first = await allPages('cb.a', { channel: 'truc-tuyen' }, 10);
    assert.ok(first.pages.length >= 3);
    for (const p of first.pages) assert.deepEqual(p.counts, first.pages[0]!.counts);
    const page = async (who: string, query: Record<string, string>) => {
      const res = await app.inject({ url: `/api/v1/inbox?${new URLSearchParams({ pageSize: '10', ...query })}`, headers: bearer[who] });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as ApiPage;
    };
    // An application moves on while the officer pages: page 2 keeps page 1's counts, a new first page has the new ones.
    const moved = made.find((m) => visibleTo('cb.a')(m) && m.channel === 'truc-tuyen' && m.status === 2)!;
    await db.updateTable('application').set({ status: 4 }).where('id', '=', moved.id).execute();
    try {
      assert.deepEqual((await page('cb.a', { channel: 'truc-tuyen', after: first.pages[0]!.next! })).counts, first.pages[0]!.counts);
      const fresh = (await page('cb.a', { channel: 'truc-tuyen' })).counts;
      assert.equal(fresh.status['2'], first.pages[0]!.counts.status['2']! - 1);
      assert.equal(fresh.status['4'], (first.pages[0]!.counts.status['4'] ?? 0) + 1);
    } finally {
      await db.updateTable('application').set({ status: moved.status }).where('id', '=', moved.id).execute();
    }
    // The channel's cursor without the channel filter: the whole queue's counts, not the channel's.
    const whole = (await page('cb.a', {})).counts;
    assert.notDeepEqual(whole, first.pages[0]!.counts);
    assert.deepEqual((await page('cb.a', { after: first.pages[0]!.next! })).counts, whole);
    // cb.a's cursor in the head's hands: the head's own counts.
    const head = (await page('truong', { channel: 'truc-tuyen' })).counts;
    assert.notDeepEqual(head, first.pages[0]!.counts);
    assert.deepEqual((await page('truong', { channel: 'truc-tuyen', after: first.pages[0]!.next! })).counts, head);
  });

  test('the page keeps the filters in the URL, shows the warning badges and pages with "Trang sau" and "Về trang đầu"', async () => {
    const jar = await signedIn(app, 'cb.a', TEST_PASSWORD);
    // Empty selects are no filter; the state stays in the URL of "Trang sau".
    const first = await app.inject({ url: '/can-bo/ho-so?kenh=&nguoi-xu-ly=', cookies: jar });
    assert.equal(first.statusCode, 200, first.body);
    const all = made.filter(visibleTo('cb.a')).sort(newestFirst);
    const codesOf = (html: string) => [...html.matchAll(/<a href="\/can-bo\/ho-so\/([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(codesOf(first.body), all.slice(0, 50).map((m) => m.code));
    assert.doesNotMatch(first.body, /Về trang đầu/);
    const next = /href="([^"]+)" rel="next">Trang sau/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next?.startsWith('/can-bo/ho-so?sau='), next);
    const second = await app.inject({ url: next!, cookies: jar });
    assert.equal(second.statusCode, 200);
    assert.deepEqual(codesOf(second.body), all.slice(50, 100).map((m) => m.code));
    assert.match(second.body, /<a href="\/can-bo\/ho-so">Về trang đầu<\/a>/);
    // The overdue ones, each with its badge, the filter chosen in its select, the count beside it.
    const overdue = all.filter((m) => warned(m).includes('overdue'));
    const late = await app.inject({ url: '/can-bo/ho-so?han=qua-han&kenh=truc-tuyen', cookies: jar });
    const lateOnline = overdue.filter((m) => m.channel === 'truc-tuyen');
    assert.deepEqual(codesOf(late.body), lateOnline.map((m) => m.code));
    assert.equal((late.body.match(/class="late warning-overdue"/g) ?? []).length, lateOnline.length);
    assert.match(late.body, /<option value="qua-han" selected>Quá hạn<\/option>/);
    assert.match(late.body, /<option value="truc-tuyen" selected>Trực tuyến<\/option>/);
    assert.match(late.body, new RegExp(`Quá hạn \\(${lateOnline.length}\\)`));
    assert.match(late.body, /href="\/can-bo\/ho-so.csv\?han=qua-han&amp;kenh=truc-tuyen"/);
    // A reception more than 8 working hours late, and one due within a working day, have their badges.
    const reception = await app.inject({ url: '/can-bo/ho-so?han=tiep-nhan-tre', cookies: jar });
    assert.match(reception.body, /<strong class="late warning-reception-late"> Quá 8 giờ làm việc chưa tiếp nhận<\/strong>/);
    const soon = await app.inject({ url: '/can-bo/ho-so?han=sap-den-han', cookies: jar });
    assert.match(soon.body, /<strong class="late warning-due-soon"> Còn 1 ngày làm việc<\/strong>/);
  });

  test('the CSV holds the same rows as the pages, in order, with a BOM and Vietnam times', async () => {
    const jar = await signedIn(app, 'cb.a', TEST_PASSWORD);
    const csv = await app.inject({ url: '/can-bo/ho-so.csv?kenh=truc-tuyen', cookies: jar });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.match(lines[0]!, /^Mã hồ sơ,Người nộp,Thủ tục/);
    const pages = await allPages('cb.a', { channel: 'truc-tuyen' }, 100);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), pages.codes);
    const first = made.find((m) => m.code === pages.codes[0])!;
    const vn = new Date(first.at.getTime() + 7 * 3_600_000).toISOString();
    assert.ok(lines[1]!.includes(`${vn.slice(11, 16)} ngày ${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)}`), `Vietnam time in ${lines[1]}`);
  });

  test('bad input is refused in Vietnamese and changes nothing', async () => {
    const { db } = get();
    const before = await snapshot(db);
    const digests = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM deadline_digest`.execute(db)).rows[0]!.n);
    const refused = async (url: string, code: string, words: RegExp) => {
      const res = await app.inject({ url, headers: bearer['cb.a'] });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      const body = res.json() as { error: { code: string; message: string } };
      assert.equal(body.error.code, code);
      assert.match(body.error.message, words);
    };
    await refused('/api/v1/inbox?pageSize=500', 'INBOX_PAGE_SIZE', /mỗi trang từ 1 đến 100 hồ sơ/);
    await refused('/api/v1/inbox?pageSize=0', 'INBOX_PAGE_SIZE', /Cỡ trang "0" không hợp lệ/);
    await refused('/api/v1/inbox?after=khong-phai-con-tro', 'INBOX_CURSOR', /Con trỏ trang không hợp lệ/);
    await refused(`/api/v1/inbox?after=${Buffer.from('["2026-01-01 00:00:00+00","x"]').toString('base64url')}`, 'INBOX_CURSOR', /Con trỏ trang/);
    await refused('/api/v1/inbox?status=11', 'INBOX_FILTER', /Bộ lọc "status" không nhận giá trị "11"; dùng mã trạng thái 1–10/);
    await refused('/api/v1/inbox?due=tomorrow', 'INBOX_FILTER', /reception-late, due-soon, overdue/);
    await refused('/api/v1/inbox?channel=fax', 'INBOX_FILTER', /truc-tuyen, truc-tiep, buu-chinh/);
    await refused('/api/v1/inbox?assignee=khong.co.ai', 'INBOX_FILTER', /không có cán bộ này trong đơn vị của bạn/);
    const jar = await signedIn(app, 'cb.a', TEST_PASSWORD);
    const page = await app.inject({ url: '/can-bo/ho-so?trang-thai=99', cookies: jar });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Bộ lọc &quot;trang-thai&quot; không nhận giá trị &quot;99&quot;|Bộ lọc "trang-thai" không nhận giá trị "99"/);
    assert.doesNotMatch(page.body, /<a href="\/can-bo\/ho-so\/[^"]+">/, 'no list under a refused filter');
    const csv = await app.inject({ url: '/can-bo/ho-so.csv?han=hom-qua', cookies: jar });
    assert.equal(csv.statusCode, 400);
    assert.match(csv.body, /Bộ lọc "han" không nhận giá trị "hom-qua".*Không có tệp nào được tạo/);
    await assertMoved(db, before, {}, 'refused queries');
    assert.equal(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM deadline_digest`.execute(db)).rows[0]!.n), digests);
    // Citizens have no inbox.
    const citizen = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } });
    const res = await app.inject({ url: '/api/v1/inbox', headers: { authorization: `Bearer ${(citizen.json() as { token: string }).token}` } });
    assert.equal(res.statusCode, 403);
  });
});
