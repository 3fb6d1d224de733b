// The managers' dashboard names the petitions (phản ánh, kiến nghị) left unanswered past their
// due day in the agencies it covers, the oldest first, with the way to the officers' list (Q1, Q3).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, type Jar } from './helpers/session.ts';

const TOP = '000.00.00.H34';
const SYT = '000.00.12.H34';
const OTHER = '000.00.00.G99';

describeEachDatabase('overdue petitions on the managers’ dashboard', (get) => {
  let app: FastifyInstance;
  const jars: Record<string, Jar> = {};
  let n = 0;
  const petition = async (agency: string, subject: string, due: string, answered = false) => {
    const at = new Date('2026-01-02T02:00:00Z');
    const code = `PAKN-20260102-${String(++n).padStart(4, '0')}`;
    await get()
      .db.insertInto('petition')
      .values({ code, subject, content: 'Nội dung.', sender_name: 'Người gửi', sender_email: 'gui@example.vn', agency_code: agency, consent_at: at, received_at: at, due_date: due, ...(answered && { answer: 'Đã trả lời.', answered_at: at }) })
      .execute();
    return code;
  };
  const codes: Record<string, string> = {};

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await db.insertInto('agency').values({ code: OTHER, name: 'Tỉnh khác', kind: 'province' }).execute();
    await createAccount(db, { username: 'ld', password: TEST_PASSWORD, fullName: 'Lãnh đạo', role: 'manager', agencyCode: TOP });
    await createAccount(db, { username: 'qt', password: TEST_PASSWORD, fullName: 'Quản trị', role: 'admin', agencyCode: TOP });
    app = await testApp(db);
    for (const u of ['ld', 'qt']) jars[u] = await signedIn(app, u, TEST_PASSWORD);
  });
  after(() => app.close());

  test('with none overdue the dashboard says so', async () => {
    codes.notYet = await petition(SYT, 'Chưa đến hạn', '2999-01-01');
    const page = await app.inject({ url: '/quan-ly/thong-ke', cookies: jars.ld });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="h-pakn-qua-han">Phản ánh, kiến nghị quá hạn trả lời<\/h2>/);
    assert.match(page.body, /Hôm nay không có phản ánh, kiến nghị nào quá hạn trả lời\./);
  });

  test('the overdue unanswered ones of the tree are counted and listed oldest first; answered, not yet due or another province’s are not', async () => {
    codes.late = await petition(SYT, 'Chậm cấp chứng chỉ hành nghề dược cho người đã nộp đủ hồ sơ từ lâu', '2026-01-20');
    codes.older = await petition(TOP, 'Thái độ cán bộ bộ phận một cửa', '2026-01-10');
    codes.answered = await petition(SYT, 'Đã được trả lời', '2026-01-05', true);
    codes.elsewhere = await petition(OTHER, 'Ở tỉnh khác', '2026-01-05');
    const page = await app.inject({ url: '/quan-ly/thong-ke', cookies: jars.ld });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>2 phản ánh, kiến nghị<\/strong> đã quá hạn mà chưa được trả lời/);
    const listed = [...page.body.matchAll(/<li>(PAKN-\d{8}-\d{4}) — ([^<]*)<\/li>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      listed.map((l) => l[0]),
      [codes.older, codes.late],
      'the oldest due day first; nothing answered, not yet due or outside the tree',
    );
    assert.match(listed[1]![1]!, /Sở Y tế tỉnh Khánh Hòa, hạn trả lời 20\/01\/2026$/);
    // The manager reads them here; the officers' list is for those who answer.
    assert.doesNotMatch(page.body, /href="\/can-bo\/phan-anh-kien-nghi\?loc=qua-han"/);
  });

  test('an administrator gets the link to the officers’ list of overdue petitions, and it opens', async () => {
    const page = await app.inject({ url: '/quan-ly/thong-ke', cookies: jars.qt });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="\/can-bo\/phan-anh-kien-nghi\?loc=qua-han">Xem danh sách phản ánh, kiến nghị quá hạn<\/a>/);
    const list = await app.inject({ url: '/can-bo/phan-anh-kien-nghi?loc=qua-han', cookies: jars.qt });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(codes.older!), 'the administrator’s own agency’s overdue petition is on the list');
  });
});
