// Who may open a back-office page is decided before its handler runs, by the gate the route
// declares (src/identity/guards.ts): a visitor is sent to sign in and comes back, a person outside
// the gate reads who the page is for, an API caller without a token gets 401 — and nothing the
// handler would do happens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm, type Jar } from './helpers/session.ts';

const AGENCY = '000.00.12.H34';

describeEachDatabase('the gates of back-office pages', (get) => {
  let app: FastifyInstance;
  const jars: Record<string, Jar> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'cong.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình' });
    await createAccount(db, { username: 'can.bo', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: AGENCY });
    await createAccount(db, { username: 'lanh.dao', password: TEST_PASSWORD, fullName: 'Lãnh đạo Sở', role: 'manager', agencyCode: AGENCY });
    app = await testApp(db);
    for (const u of ['cong.dan', 'can.bo', 'lanh.dao']) jars[u] = await signedIn(app, u, TEST_PASSWORD);
  });
  after(() => app.close());

  test('a visitor opening a back-office page is sent to sign in, with the page to come back to', async () => {
    for (const url of ['/can-bo/hoi-dap', '/quan-ly/thong-ke', '/quan-tri/huong-dan', '/can-bo/phan-anh-kien-nghi', '/thong-bao', '/quan-tri/hang-doi']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/dang-nhap?next=${encodeURIComponent(url)}`, url);
    }
  });

  test('a signed-in person outside the gate reads, in Vietnamese, who the page is for', async () => {
    const cases: [string, string, RegExp][] = [
      ['cong.dan', '/can-bo/hoi-dap', /Trang này dành cho cán bộ và quản trị viên\./],
      ['lanh.dao', '/can-bo/phan-anh-kien-nghi', /Trang này dành cho cán bộ và quản trị viên\./],
      ['can.bo', '/quan-ly/thong-ke', /Trang thống kê dành cho lãnh đạo và quản trị viên\./],
      ['can.bo', '/quan-tri/huong-dan', /Trang này chỉ dành cho quản trị viên\./],
      ['cong.dan', '/can-bo/tiep-nhan-truc-tiep', /Trang này dành cho cán bộ tiếp nhận hồ sơ\./],
    ];
    for (const [who, url, says] of cases) {
      const res = await app.inject({ url, cookies: jars[who] });
      assert.equal(res.statusCode, 403, `${who} ${url}`);
      assert.match(res.body, /<h1[^>]*>Không có quyền truy cập<\/h1>/, `${who} ${url}`);
      assert.match(res.body, says, `${who} ${url}`);
    }
  });

  test('on English pages the refusal is in English', async () => {
    const res = await app.inject({ url: '/quan-tri/huong-dan', cookies: { ...jars['can.bo'], lang: 'en' } });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /<html lang="en">/);
    assert.match(res.body, /<h1[^>]*>No access<\/h1>/);
    assert.match(res.body, /This page is for administrators only\./);
    assert.doesNotMatch(res.body, /Trang này chỉ dành/);
  });

  test('a refused form post changes nothing: a citizen cannot record counter figures', async () => {
    const { db } = get();
    const before = await db.selectFrom('service_stat_month').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await submitForm(app, jars['cong.dan']!, '/tai-khoan', '/can-bo/tiep-nhan-truc-tiep', { service: '1.004616', month: '2026-11', count: '5' });
    assert.equal(res.statusCode, 403);
    const afterwards = await db.selectFrom('service_stat_month').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(afterwards.n, before.n);
  });

  test('the people a gate admits get the page', async () => {
    assert.equal((await app.inject({ url: '/can-bo/hoi-dap', cookies: jars['can.bo'] })).statusCode, 200);
    assert.equal((await app.inject({ url: '/quan-ly/thong-ke', cookies: jars['lanh.dao'] })).statusCode, 200);
    assert.equal((await app.inject({ url: '/thong-bao', cookies: jars['cong.dan'] })).statusCode, 200);
  });

  test('an API route without a token answers 401 with a Vietnamese reason, not a sign-in page', async () => {
    const res = await app.inject({ url: '/api/v1/me/notifications' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
    assert.match(res.json().error.message, /Cần đăng nhập/);
  });
});
