// A5, S5: an officer may work in several units. Made a member of a second commune at
// /quan-tri/co-quan, the officer sees and reads that commune's applications besides its own's;
// removed, no longer. Only staff of the administrator's own tree can be added; bad names change nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { signedIn, submitForm } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const BIRTH = '1.001193';
const ANSWERS = demoDefinition(BIRTH)!.example as Record<string, unknown>;
const NHA_TRANG = '000.33.01.H34';
const BAC_NHA_TRANG = '000.33.02.H34';

describeEachDatabase('officers in several units', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await db.insertInto('service_implementation').values({ service_code: BIRTH, agency_code: BAC_NHA_TRANG }).onConflict((oc) => oc.columns(['service_code', 'agency_code']).doNothing()).execute();
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'qt.yte', password: TEST_PASSWORD, fullName: 'Quản trị Sở Y tế', role: 'admin', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'cb.nt', password: TEST_PASSWORD, fullName: 'Cán bộ Nha Trang', role: 'officer', agencyCode: NHA_TRANG });
    await createAccount(db, { username: 'dan', password: TEST_PASSWORD, fullName: 'Người Dân' });
    app = await testApp(db);
    for (const u of ['dan', 'cb.nt']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const unit = `/quan-tri/co-quan/${BAC_NHA_TRANG}`;

  test("a member of a second commune sees its applications beside its own's, until removed", async () => {
    const res = await app.inject(apiSubmission(as('dan'), BIRTH, ANSWERS, [{ name: 'agency', value: BAC_NHA_TRANG }]));
    assert.equal(res.statusCode, 201, res.body);
    const code = (res.json() as { code: string }).code;
    const officer = await signedIn(app, 'cb.nt', TEST_PASSWORD);
    assert.equal((await app.inject({ url: `/api/v1/applications/${code}`, headers: as('cb.nt') })).statusCode, 404);
    assert.doesNotMatch((await app.inject({ url: '/can-bo/ho-so', cookies: officer })).body, new RegExp(code));

    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const added = await submitForm(app, admin, unit, `${unit}/thanh-vien`, { member: 'cb.nt' });
    assert.equal(added.statusCode, 303, added.body);
    const page = await app.inject({ url: unit, cookies: admin });
    assert.match(page.body, /Cán bộ đơn vị khác làm việc tại đây \(1\)/);
    assert.match(page.body, /Cán bộ Nha Trang/);
    assert.equal((await app.inject({ url: `/api/v1/applications/${code}`, headers: as('cb.nt') })).statusCode, 200);
    assert.match((await app.inject({ url: '/can-bo/ho-so', cookies: officer })).body, new RegExp(code));
    assert.ok(await get().db.selectFrom('audit_log').select('id').where('action', '=', 'staff-membership-add').where('agency_code', '=', BAC_NHA_TRANG).executeTakeFirst());

    const removed = await submitForm(app, admin, unit, `${unit}/thanh-vien/xoa`, { member: 'cb.nt' });
    assert.equal(removed.statusCode, 303);
    assert.equal((await app.inject({ url: `/api/v1/applications/${code}`, headers: as('cb.nt') })).statusCode, 404);
    assert.doesNotMatch((await app.inject({ url: '/can-bo/ho-so', cookies: officer })).body, new RegExp(code));
  });

  test('only staff of the tree can be added, once; another tree’s administrator is refused; nothing is stored', async () => {
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    for (const [member, message] of [
      ['dan', /Không có tài khoản cán bộ này trong các đơn vị bạn quản trị/],
      ['khong.co.ai', /Không có tài khoản cán bộ này/],
      ['', /Không có tài khoản cán bộ này/],
    ] as const) {
      const res = await submitForm(app, admin, unit, `${unit}/thanh-vien`, { member });
      assert.equal(res.statusCode, 400, member);
      assert.match(res.body, message);
    }
    const own = await submitForm(app, admin, `/quan-tri/co-quan/${NHA_TRANG}`, `/quan-tri/co-quan/${NHA_TRANG}/thanh-vien`, { member: 'cb.nt' });
    assert.equal(own.statusCode, 400);
    assert.match(own.body, /Cán bộ này đã làm việc tại đơn vị/);
    const health = await signedIn(app, 'qt.yte', TEST_PASSWORD);
    const outside = await submitForm(app, health, '/quan-tri/co-quan', `${unit}/thanh-vien`, { member: 'cb.nt' });
    assert.equal(outside.statusCode, 403);
    assert.equal((await get().db.selectFrom('agency_membership').select('account_id').execute()).length, 0);
  });
});
