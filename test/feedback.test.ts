// Q2 and Q3 through the API on each database: one rating per ended application, changeable for
// seven days; the Art. 11.3 figures of a service computed from what happened.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616';

describeEachDatabase('ratings and statistics', (get) => {
  let app: FastifyInstance;
  const as: Record<string, { authorization: string }> = {};
  const codes: string[] = [];
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    app = await testApp(db);
    for (const u of ['an.dan', 'binh.dan', 'cb.yte']) {
      const { token } = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string };
      as[u] = { authorization: `Bearer ${token}` };
    }
    for (let i = 0; i < 3; i++) {
      const res = await app.inject(apiSubmission(as['an.dan'], PHARMACIST, demoDefinition(PHARMACIST)!.example));
      codes.push((res.json() as { code: string }).code);
    }
    // Two resolved (one of them late: its due date had passed), one still open. Received and
    // processed through the API; "Đã xử lý xong" written as the officer's result upload does.
    await db.updateTable('application').set({ due_date: '2000-01-01' }).where('code', '=', codes[1]!).execute();
    for (const code of codes.slice(0, 2)) {
      for (const status of [2, 4]) await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: as['cb.yte'], payload: { status } });
      const a = await db.selectFrom('application').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('application').set({ status: 9 }).where('id', '=', a.id).execute();
        await trx.insertInto('application_event').values({ application_id: a.id, status_from: 4, status_to: 9, actor_name: 'Cán bộ Y tế' }).execute();
      });
    }
  });
  after(() => app.close());

  const rate = (user: string, code: string, body: object) => app.inject({ method: 'POST', url: `/api/v1/applications/${code}/rating`, headers: as[user], payload: body });

  test('the applicant rates an ended application once; a second rating within 7 days changes it', async () => {
    const first = await rate('an.dan', codes[0]!, { overall: 'rat-hai-long', timeliness: 'hai-long', comment: 'Nhanh gọn' });
    assert.equal(first.statusCode, 201, first.body);
    const again = await rate('an.dan', codes[0]!, { overall: 'hai-long', attitude: 'rat-hai-long' });
    assert.equal(again.statusCode, 200);
    const rows = await get().db.selectFrom('rating').selectAll().execute();
    assert.equal(rows.length, 1, 'never duplicated');
    assert.equal(rows[0]!.overall, 'hai-long');
  });

  test('no rating before the end, by someone else, without the overall level, or after 7 days', async () => {
    const open = await rate('an.dan', codes[2]!, { overall: 'hai-long' });
    assert.equal(open.statusCode, 409);
    assert.match((open.json() as { error: { message: string } }).error.message, /chưa kết thúc/);
    assert.equal((await rate('binh.dan', codes[1]!, { overall: 'hai-long' })).statusCode, 404);
    const noOverall = await rate('an.dan', codes[1]!, { convenience: 'hai-long' });
    assert.equal(noOverall.statusCode, 400);
    const badLevel = await rate('an.dan', codes[1]!, { overall: 'tuyet-voi' });
    assert.equal(badLevel.statusCode, 400);
    assert.match((badLevel.json() as { error: { message: string } }).error.message, /phải là một trong/);
    await sql`UPDATE rating SET created_at = now() - interval '8 days'`.execute(get().db);
    const late = await rate('an.dan', codes[0]!, { overall: 'chua-hai-long' });
    assert.equal(late.statusCode, 409);
    assert.match((late.json() as { error: { message: string } }).error.message, /trong 7 ngày/);
  });

  test('the statistics count online applications, resolved ones, the on-time share and satisfaction per criterion', async () => {
    const year = new Date().getUTCFullYear();
    const res = await app.inject(`/api/v1/services/${PHARMACIST}/statistics?year=${year}`);
    assert.equal(res.statusCode, 200);
    const s = res.json() as { onlineReceived: number; onlineResolved: number; onTimeRate: number; totalReceived: number; satisfaction: Record<string, { total: number; 'hai-long': number; satisfiedRate: number }> };
    assert.equal(s.onlineReceived, 3);
    assert.equal(s.onlineResolved, 2);
    assert.equal(s.onTimeRate, 0.5);
    assert.equal(s.totalReceived, 3);
    assert.equal(s.satisfaction.overall!.total, 1);
    assert.equal(s.satisfaction.overall!['hai-long'], 1);
    assert.equal(s.satisfaction.overall!.satisfiedRate, 1);
    assert.equal(s.satisfaction.convenience!.total, 0);
    const other = (await app.inject(`/api/v1/services/${PHARMACIST}/statistics?year=${year - 1}`)).json() as { onlineReceived: number };
    assert.equal(other.onlineReceived, 0);
    assert.equal((await app.inject(`/api/v1/services/${PHARMACIST}/statistics?year=20x6`)).statusCode, 400);
    assert.equal((await app.inject('/api/v1/services/9.999999/statistics')).statusCode, 404);
  });
});
