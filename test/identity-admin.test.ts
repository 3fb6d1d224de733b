// S5: administrators manage staff of their own tree only; officers and citizens do not reach the
// administration; every staff change and sign-in is in the audit log an administrator can filter.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importCatalog, parseCatalogFile, seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn as signedInAs, submitForm, type Jar } from './helpers/session.ts';

describeEachDatabase('staff administration and audit log', (get) => {
  let app: FastifyInstance;
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await importCatalog(db, parseCatalogFile(readFileSync(path.join(import.meta.dirname, 'fixtures', 'catalog-small.json'), 'utf8')));
    await createAccount(db, { username: 'qt.khanhhoa', password: TEST_PASSWORD, fullName: 'Quản trị Khánh Hòa', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'dan', password: TEST_PASSWORD, fullName: 'Người Dân' });
    app = await testApp(db);
  });
  after(() => app.close());

  const signedIn = (username: string) => signedInAs(app, username, TEST_PASSWORD);
  const post = (jar: Jar, page: string, action: string, fields: Record<string, string>) => submitForm(app, jar, page, action, fields);

  test('an administrator creates an officer for a unit of its province, and not for another province', async () => {
    const jar = await signedIn('qt.khanhhoa');
    const ok = await post(jar, '/quan-tri/can-bo', '/quan-tri/can-bo', { fullName: 'Võ Thị Hoa', username: 'cb.tuphap', password: 'Can-bo-2026!', role: 'officer', agency: '000.00.13.H34' });
    assert.equal(ok.statusCode, 303, ok.body);
    const list = await app.inject({ url: ok.headers.location as string, cookies: jar });
    assert.match(list.body, /Đã tạo tài khoản cb.tuphap/);
    assert.match(list.body, /<th scope="row">Võ Thị Hoa<\/th>/);
    assert.doesNotMatch(list.body, /000.00.00.H99|Thử Nghiệm/, 'agencies of another province are not offered');

    const outside = await post(jar, '/quan-tri/can-bo', '/quan-tri/can-bo', { fullName: 'Ngoài Phạm Vi', username: 'cb.ngoai', password: 'Can-bo-2026!', role: 'officer', agency: '000.40.01.H99' });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.body, /Cơ quan này không thuộc phạm vi bạn quản trị/);
    const created = await get().db.selectFrom('account').select('id').where('username', '=', 'cb.ngoai').executeTakeFirst();
    assert.equal(created, undefined);
  });

  test('officers and citizens are refused the administration; visitors are sent to sign in', async () => {
    for (const user of ['cb.yte', 'dan']) {
      const jar = await signedIn(user);
      for (const url of ['/quan-tri/can-bo', '/quan-tri/nhat-ky']) {
        const res = await app.inject({ url, cookies: jar });
        assert.equal(res.statusCode, 403, `${user} ${url}`);
        assert.match(res.body, /Không có quyền truy cập/);
      }
      const forged = await post(jar, '/', '/quan-tri/can-bo', { fullName: 'X', username: 'cb.x', password: 'Can-bo-2026!', role: 'admin', agency: '000.00.00.H34' });
      assert.equal(forged.statusCode, 403);
    }
    const visitor = await app.inject('/quan-tri/can-bo');
    assert.equal(visitor.statusCode, 303);
    assert.match(visitor.headers.location as string, /^\/dang-nhap\?next=%2Fquan-tri%2Fcan-bo/);
  });

  test('an officer’s scope is its own agency only', async () => {
    const jar = await signedIn('cb.yte');
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { agencies: string[] };
    assert.deepEqual(me.agencies, ['000.00.12.H34']);
    const admin = (await app.inject({ url: '/api/v1/me', cookies: await signedIn('qt.khanhhoa') })).json() as { agencies: string[] };
    assert.ok(admin.agencies.includes('000.33.01.H34') && admin.agencies.includes('000.00.12.H34'));
    assert.ok(!admin.agencies.includes('000.40.01.H99'));
  });

  test('the audit log shows sign-ins and staff creation, filtered by action and person', async () => {
    const jar = await signedIn('qt.khanhhoa');
    const all = await app.inject({ url: '/quan-tri/nhat-ky', cookies: jar });
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<td>Tạo tài khoản cán bộ<\/td>/);
    const onlyCreates = await app.inject({ url: '/quan-tri/nhat-ky?hanh-dong=staff-create', cookies: jar });
    assert.doesNotMatch(onlyCreates.body, /<td>Đăng nhập<\/td>/);
    assert.match(onlyCreates.body, /<td>qt.khanhhoa<\/td>/);
    const byPerson = await app.inject({ url: '/quan-tri/nhat-ky?hanh-dong=sign-in&nguoi=cb.yte', cookies: jar });
    assert.match(byPerson.body, /<td>cb.yte<\/td>/);
    assert.doesNotMatch(byPerson.body, /<td>qt.khanhhoa<\/td>/);
  });

  test('an administrator resets a forgotten password; outside its scope it cannot', async () => {
    await createAccount(get().db, { username: 'cb.ngoaitinh', password: TEST_PASSWORD, fullName: 'Cán bộ tỉnh khác', role: 'officer', agencyCode: '000.40.01.H99' });
    const officer = await signedIn('cb.yte');
    const admin = await signedIn('qt.khanhhoa');
    const res = await post(admin, '/quan-tri/can-bo', '/quan-tri/dat-lai-mat-khau', { resetUsername: 'cb.yte', resetPassword: 'Tam-thoi-2026' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Đã đặt mật khẩu tạm cho cb.yte/);
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: officer })).statusCode, 303, 'the old session ended');
    const token = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'cb.yte', password: 'Tam-thoi-2026' } });
    assert.equal(token.statusCode, 200);
    const outside = await post(admin, '/quan-tri/can-bo', '/quan-tri/dat-lai-mat-khau', { resetUsername: 'cb.ngoaitinh', resetPassword: 'Tam-thoi-2026' });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.body, /Không có tài khoản này trong phạm vi bạn quản trị/);
    const unchanged = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'cb.ngoaitinh', password: TEST_PASSWORD } });
    assert.equal(unchanged.statusCode, 200);
  });

  test('a password change needs the current password and signs out the other devices', async () => {
    const here = await signedIn('dan');
    const there = await signedIn('dan');
    const wrong = await post(here, '/tai-khoan/mat-khau', '/tai-khoan/mat-khau', { current: 'khong-dung-123', password: 'Moi-hon-2027' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mật khẩu hiện tại không đúng/);
    const ok = await post(here, '/tai-khoan/mat-khau', '/tai-khoan/mat-khau', { current: TEST_PASSWORD, password: 'Moi-hon-2027' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: here })).statusCode, 200, 'this device stays signed in');
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: there })).statusCode, 303, 'the other device is signed out');
    const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'dan', password: 'Moi-hon-2027' } });
    assert.equal(api.statusCode, 200);
  });
});
