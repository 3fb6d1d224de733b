// `dvctt seed --scale N` (P2): generated volume that behaves like real data — official codes,
// consistent histories, citizens who can sign in — and a portal that keeps working on top of it.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { test } from 'node:test';
import { demoDefinition } from './helpers/demo-forms.ts';
import { DEMO_PASSWORD } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runDvctt } from './helpers/process.ts';
import { apiSubmission } from './helpers/submission.ts';

describeEachDatabase('dvctt seed --scale', (get) => {
  test('N services, 10·N citizens and 100·N applications with histories, ratings and notices; run twice it adds more', async () => {
    const env = { DATABASE_URL: get().url };
    const first = await runDvctt(['seed', '--scale', '3'], env);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /Đã sinh dữ liệu quy mô/);
    const { db } = get();
    const n = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);
    assert.equal(await n("SELECT count(*) AS n FROM application WHERE data->>'ghiChu' LIKE 'Hồ sơ sinh tự động%'"), 300);
    assert.equal(await n("SELECT count(*) AS n FROM account WHERE username ~ '^cd[0-9]+$'"), 30);
    assert.equal(await n("SELECT count(*) AS n FROM application WHERE code !~ '^[0-9A-Z.]+-[0-9]{6}-[0-9]{4}$'"), 0, 'codes in the official pattern');
    // Every history starts at 1 and ends at the application's status.
    assert.equal(
      await n(`SELECT count(*) AS n FROM application a WHERE status <> (SELECT status_to FROM application_event e WHERE e.application_id = a.id ORDER BY at DESC LIMIT 1)
               OR 1 <> (SELECT status_to FROM application_event e WHERE e.application_id = a.id ORDER BY at LIMIT 1)`),
      0,
    );
    assert.ok((await n('SELECT count(*) AS n FROM rating')) > 0);
    assert.equal(await n("SELECT count(*) AS n FROM rating r JOIN application a ON a.id = r.application_id WHERE a.status <> 10"), 0, 'only returned applications are rated');

    // The Art. 11.3 figures are rebuilt after the bulk load: every generated application is counted once.
    assert.equal(await n('SELECT coalesce(sum(online_received), 0) AS n FROM service_stat_month'), await n('SELECT count(*) AS n FROM application'));

    const again = await runDvctt(['seed', '--scale', '1'], env);
    assert.equal(again.code, 0, again.output);
    assert.equal(await n("SELECT count(*) AS n FROM application WHERE data->>'ghiChu' LIKE 'Hồ sơ sinh tự động%'"), 400);

    const bad = await runDvctt(['seed', '--scale', 'nhiều'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.output, /--scale cần một số nguyên/);
  });

  test('a generated citizen signs in with the demo password and submits; the daily sequences continue after the generated codes', async () => {
    const { db } = get();
    const app = await testApp(db);
    try {
      const citizen = (await db.selectFrom('account').select('username').where('username', 'like', 'cd%').orderBy('username').executeTakeFirstOrThrow()).username;
      const token = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: citizen, password: DEMO_PASSWORD } });
      assert.equal(token.statusCode, 200, token.body);
      const res = await app.inject(apiSubmission({ authorization: `Bearer ${(token.json() as { token: string }).token}` }, '1.004616', demoDefinition('1.004616')!.example));
      assert.equal(res.statusCode, 201, res.body);
      // The daily sequences know the generated numbers, so a submission on those days cannot reuse a code.
      const behind = await sql<{ n: string }>`
        SELECT count(*) AS n FROM (
          SELECT agency_code, to_date(split_part(code, '-', 2), 'YYMMDD') AS day, max(right(code, 4)::int) AS top FROM application GROUP BY 1, 2) g
        LEFT JOIN application_sequence s ON s.agency_code = g.agency_code AND s.day = g.day
        WHERE s.last IS NULL OR s.last < g.top`.execute(db);
      assert.equal(Number(behind.rows[0]!.n), 0);
    } finally {
      await app.close();
    }
  });
});
