// N1–N3 (in-app): the applicant is told of the submission and of every status change, naming the
// agency and the time, written in the same transaction as the change; shown on sign-in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { demoDefinition } from './helpers/demo-forms.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { demoApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiToken, csrfOf, signedIn, submitForm } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

describeEachDatabase('notices on the portal', (get) => {
  let app: FastifyInstance;
  const bearer: Record<string, { authorization: string }> = {};
  before(async () => {
    const { db } = get();
    app = await demoApp(db, { 'an.dan': {}, 'cb.yte': {} });
    for (const u of ['an.dan', 'cb.yte']) {
      const token = await apiToken(app, u);
      bearer[u] = { authorization: `Bearer ${token}` };
    }
  });
  after(() => app.close());

  test('submission and each status change reach the applicant, newest first, naming the agency; a refused change writes none', async () => {
    const { code } = (await app.inject(apiSubmission(bearer['an.dan'], '1.004616', demoDefinition('1.004616')!.example))).json() as { code: string };
    await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: bearer['cb.yte'], payload: { status: 2 } });
    const refused = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: bearer['cb.yte'], payload: { status: 10 } });
    assert.equal(refused.statusCode, 409);
    await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: bearer['cb.yte'], payload: { status: 5, note: 'Bản sao văn bằng có chứng thực' } });
    const res = await app.inject({ url: '/api/v1/me/notifications', headers: bearer['an.dan'] });
    const { items, unread } = res.json() as { items: { title: string; body: string }[]; unread: number };
    assert.equal(unread, 3);
    assert.deepEqual(items.map((n) => n.title), [
      `Hồ sơ ${code}: Yêu cầu bổ sung giấy tờ`,
      `Hồ sơ ${code}: Được tiếp nhận`,
      `Hồ sơ ${code}: Thông tin của quý khách đã được tiếp nhận`,
    ]);
    assert.match(items[0]!.body, /^Sở Y tế tỉnh Khánh Hòa ghi nhận hồ sơ chuyển sang "Yêu cầu bổ sung giấy tờ" lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\. Ghi chú: Bản sao văn bằng có chứng thực$/);
    assert.equal((await app.inject({ url: '/api/v1/me/notifications', headers: bearer['cb.yte'] })).json().unread, 0, 'nobody else is told');
  });

  test('signed in, the header shows the unread count; showing the notices page changes nothing', async () => {
    const jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const home = await app.inject({ url: '/', cookies: jar });
    assert.match(home.body, /Thông báo \(3 mới\)/);
    for (let i = 0; i < 2; i++) {
      const page = await app.inject({ url: '/thong-bao', cookies: jar });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Yêu cầu bổ sung giấy tờ/);
      assert.match(page.body, /Đánh dấu đã đọc tất cả \(3\)/);
    }
    assert.match((await app.inject({ url: '/', cookies: jar })).body, /Thông báo \(3 mới\)/, 'opening the page twice read nothing');
    assert.equal((await app.inject({ url: '/api/v1/me/notifications', headers: bearer['an.dan'] })).json().unread, 3);
    assert.equal((await app.inject('/api/v1/me/notifications')).statusCode, 401);
  });

  test('"Đánh dấu đã đọc" marks one notice, then all shown, by a form post with its token; bad posts change nothing', async () => {
    const jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const { items } = (await app.inject({ url: '/api/v1/me/notifications', headers: bearer['an.dan'] })).json() as { items: { id: string; read: boolean }[] };
    const unread = async () => (await app.inject({ url: '/api/v1/me/notifications', headers: bearer['an.dan'] })).json().unread as number;

    // Without the form's token: refused, nothing read.
    const forged = await app.inject({ method: 'POST', url: '/thong-bao/da-doc', cookies: jar, payload: { id: items[0]!.id } });
    assert.equal(forged.statusCode, 403);
    // Another person cannot mark them read; no id, or a malformed one, is a clear error.
    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    assert.equal((await submitForm(app, officer, '/', '/thong-bao/da-doc', { id: items[0]!.id })).statusCode, 303);
    const none = await submitForm(app, jar, '/thong-bao', '/thong-bao/da-doc', {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Không có thông báo nào được chọn để đánh dấu đã đọc/);
    assert.equal((await submitForm(app, jar, '/thong-bao', '/thong-bao/da-doc', { id: '1 OR 1=1' })).statusCode, 400);
    assert.equal(await unread(), 3);

    // One.
    const one = await submitForm(app, jar, '/thong-bao', '/thong-bao/da-doc', { id: items[1]!.id });
    assert.equal(one.statusCode, 303);
    assert.equal(one.headers.location, '/thong-bao');
    assert.equal(await unread(), 2);
    const page = await app.inject({ url: '/thong-bao', cookies: jar });
    assert.match(page.body, /Đánh dấu đã đọc tất cả \(2\)/);
    assert.match(page.body, /Thông báo \(2 mới\)/);

    // All shown: the page's form, as a browser sends it.
    const form = new URLSearchParams({ _csrf: csrfOf(page.body) });
    for (const m of page.body.matchAll(/<input type="hidden" name="id" value="(\d+)"\/?>/g)) form.append('id', m[1]!);
    const all = await app.inject({ method: 'POST', url: '/thong-bao/da-doc', cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    assert.equal(all.statusCode, 303);
    assert.equal(await unread(), 0);
    const after = await app.inject({ url: '/thong-bao', cookies: jar });
    assert.match(after.body, />Thông báo<\/a>/);
    assert.doesNotMatch(after.body, /Đánh dấu đã đọc/);
  });
});
