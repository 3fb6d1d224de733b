// A1, A3, A6, A8 and S5 through the API on each database: submit, codes under concurrency, who
// may read and move an application, and the public lookup.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { LOOKUP_LIMIT } from '../src/applications/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616'; // level 4, Sở Y tế 000.00.12.H34
/** Complete, valid answers of the pharmacist's e-form, as integrators copy them. */
const ANSWERS = demoDefinition(PHARMACIST)!.example as Record<string, unknown>;

describeEachDatabase('applications API', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '056090001234' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' });
    app = await testApp(db);
    for (const u of ['an.dan', 'binh.dan', 'cb.yte', 'cb.phuong']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const submit = (user: string, service = PHARMACIST, data: object = ANSWERS) =>
    app.inject(apiSubmission(as(user), service, data));
  const move = (user: string, code: string, status: number, note?: string) =>
    app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: as(user), payload: { status, ...(note !== undefined && { note }) } });

  test('a citizen submits and gets the code in the national pattern, the Ví dụ 4 notice and a due date', async () => {
    const res = await submit('an.dan');
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { code: string; status: number; message: string; dueDate: string };
    assert.match(body.code, /^000\.00\.12\.H34-\d{6}-0001$/);
    assert.equal(body.status, 1);
    assert.equal(body.message, 'Thông tin của quý khách đã được tiếp nhận.');
    assert.match(body.dueDate, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('twenty submissions at once get twenty different codes with no gap', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => submit('an.dan')));
    const codes = results.map((r) => (r.json() as { code: string }).code);
    assert.ok(results.every((r) => r.statusCode === 201));
    assert.equal(new Set(codes).size, 20);
    const numbers = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => i + 2));
  });

  test('answers are checked by the e-form’s rules: every error at once, nothing stored; the stored data is the cleaned answers', async () => {
    const count = async () => Number((await get().db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const bad = await submit('an.dan', PHARMACIST, { ...ANSWERS, fullName: '', phone: '123', khongCoTruongNay: 'x' });
    assert.equal(bad.statusCode, 400);
    const body = bad.json() as { error: { code: string; message: string }; fields: Record<string, string> };
    assert.equal(body.error.code, 'INVALID_ANSWERS');
    assert.match(body.error.message, /Tờ khai có 2 lỗi/);
    assert.deepEqual(Object.keys(body.fields).sort(), ['fullName', 'phone']);
    assert.equal(await count(), before);
    const ok = await submit('an.dan', PHARMACIST, { ...ANSWERS, khongCoTruongNay: 'x' });
    const stored = await app.inject({ url: `/api/v1/applications/${(ok.json() as { code: string }).code}`, headers: as('an.dan') });
    const data = (stored.json() as { data: Record<string, unknown> }).data;
    assert.equal(data.fullName, ANSWERS.fullName);
    assert.equal(data.khongCoTruongNay, undefined, 'unknown fields are dropped');
  });

  test('bad submissions are refused clearly and store nothing', async () => {
    const before = Number((await get().db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const level2 = (await get().db.selectFrom('service').select('code').where('level', '=', 2).executeTakeFirstOrThrow()).code;
    const cases: [Awaited<ReturnType<typeof submit>>, number, RegExp][] = [
      [await submit('an.dan', level2), 400, /chưa nhận hồ sơ trực tuyến/],
      [await submit('an.dan', '9.999999'), 400, /Không có dịch vụ công mã "9.999999"/],
      [await submit('cb.yte'), 403, /Chỉ tài khoản công dân/],
      [await app.inject({ method: 'POST', url: '/api/v1/applications', payload: { service: PHARMACIST, data: {} } }), 401, /Cần đăng nhập/],
    ];
    for (const [res, status, message] of cases) {
      assert.equal(res.statusCode, status, res.body);
      assert.match((res.json() as { error: { message: string } }).error.message, message);
    }
    const after = Number((await get().db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(after, before);
  });

  test('the applicant and the agency’s officers read it; another agency’s officer or another citizen gets 404', async () => {
    const { code } = (await submit('an.dan')).json() as { code: string };
    for (const user of ['an.dan', 'cb.yte']) {
      const res = await app.inject({ url: `/api/v1/applications/${code}`, headers: as(user) });
      assert.equal(res.statusCode, 200, user);
      const a = res.json() as { service: string; status: number; history: { status: number; actor: string }[] };
      assert.equal(a.service, PHARMACIST);
      assert.deepEqual(a.history.map((h) => h.status), [1]);
    }
    for (const user of ['cb.phuong', 'binh.dan']) {
      assert.equal((await app.inject({ url: `/api/v1/applications/${code}`, headers: as(user) })).statusCode, 404, user);
      assert.equal((await move(user, code, 2)).statusCode, 404, `${user} cannot move it either`);
    }
    const read = await get().db.selectFrom('audit_log').select(['actor_name', 'target_id']).where('action', '=', 'personal-data-read').where('target_id', '=', code).execute();
    assert.deepEqual(read.map((r) => r.actor_name), ['cb.yte'], 'the officer’s read of personal data is logged, the applicant’s own is not');
  });

  test('GET /api/v1/me/applications lists the caller’s own applications, newest first, as “Hồ sơ của tôi” does', async () => {
    const mine = (await app.inject({ url: '/api/v1/me/applications', headers: as('an.dan') })).json() as { items: { code: string; statusName: string; serviceName: string; submittedAt: string }[] };
    const count = Number((await get().db.selectFrom('application as a').innerJoin('account as c', 'c.id', 'a.applicant_id').select((eb) => eb.fn.countAll<string>().as('n')).where('c.username', '=', 'an.dan').executeTakeFirstOrThrow()).n);
    assert.ok(count > 0);
    assert.equal(mine.items.length, count);
    assert.ok(mine.items.every((a, i, all) => i === 0 || all[i - 1]!.submittedAt >= a.submittedAt), 'newest first');
    assert.equal(mine.items[0]!.serviceName.startsWith('Cấp Chứng chỉ hành nghề dược'), true);
    const page = await app.inject({ url: '/ho-so', headers: as('an.dan') });
    for (const a of mine.items.slice(0, 5)) assert.ok(page.body.includes(a.code), a.code);
    assert.deepEqual(((await app.inject({ url: '/api/v1/me/applications', headers: as('binh.dan') })).json() as { items: unknown[] }).items, [], 'nobody else’s');
    assert.equal((await app.inject('/api/v1/me/applications')).statusCode, 401);
  });

  test('statuses move only by the rules, each step recorded with who and the note', async () => {
    const { code } = (await submit('an.dan')).json() as { code: string };
    assert.equal((await move('cb.yte', code, 2)).statusCode, 200);
    const jump = await move('cb.yte', code, 10);
    assert.equal(jump.statusCode, 409);
    assert.match((jump.json() as { error: { message: string } }).error.message, /Không thể chuyển hồ sơ từ "Được tiếp nhận" sang "Đã trả kết quả"/);
    assert.equal((await move('cb.yte', code, 5)).statusCode, 400, 'a request for documents must list them');
    assert.equal((await move('cb.yte', code, 5, 'Bản sao văn bằng có chứng thực')).statusCode, 200);
    assert.equal((await move('an.dan', code, 4)).statusCode, 409, 'the applicant cannot process');
    assert.equal((await move('cb.yte', code, 99)).statusCode, 400);
    assert.equal((await move('an.dan', code, 7)).statusCode, 200, 'the applicant withdraws');
    assert.equal((await move('cb.yte', code, 8)).statusCode, 200);
    assert.equal((await move('an.dan', code, 7)).statusCode, 409, 'nothing after a final status');
    const a = (await app.inject({ url: `/api/v1/applications/${code}`, headers: as('an.dan') })).json() as { status: number; history: { status: number; actor: string; note: string | null }[] };
    assert.equal(a.status, 8);
    assert.deepEqual(a.history.map((h) => [h.status, h.actor, h.note]), [
      [1, 'Nguyễn Văn An', null],
      [2, 'Cán bộ Y tế', null],
      [5, 'Cán bộ Y tế', 'Bản sao văn bằng có chứng thực'],
      [7, 'Nguyễn Văn An', null],
      [8, 'Cán bộ Y tế', null],
    ]);
  });

  test('anyone looks up the status with the code and the last four digits of phone or CCCD, and sees nothing else', async () => {
    const { code } = (await submit('an.dan')).json() as { code: string };
    for (const check of ['5678', '1234']) {
      const res = await app.inject(`/api/v1/lookup?code=${code}&check=${check}`);
      assert.equal(res.statusCode, 200, check);
      assert.deepEqual(res.json(), { code, status: 1, statusName: 'Mới đăng ký' });
    }
    const wrong = await app.inject(`/api/v1/lookup?code=${code}&check=0000`);
    assert.equal(wrong.statusCode, 404);
    assert.doesNotMatch(wrong.body, /Nguyễn|Mới đăng ký/);
    assert.equal((await app.inject(`/api/v1/lookup?code=${code}`)).statusCode, 400);
    let last = 0;
    for (let i = 0; i < 30; i++) last = (await app.inject(`/api/v1/lookup?code=${code}&check=9999`)).statusCode;
    assert.equal(last, 429, 'bulk guessing is throttled');
  });

  test('a lookup that finds the application counts nothing; each miss counts once against the visitor and once against the code, and the visitor is refused after the limit', async () => {
    const { db } = get();
    const { code } = (await submit('an.dan')).json() as { code: string };
    const counted = async (bucket: string, key: string) => (await db.selectFrom('rate_limit').select('hits').where('bucket', '=', bucket).where('key', '=', key).execute()).reduce((n, r) => n + r.hits, 0);
    const rows = async () => Number((await db.selectFrom('rate_limit').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await rows();
    const ask = (check: string, remoteAddress: string, c = code) => app.inject({ url: `/api/v1/lookup?code=${encodeURIComponent(c)}&check=${check}`, remoteAddress });
    for (let i = 0; i < 3; i++) assert.equal((await ask('5678', '192.0.2.10')).statusCode, 200);
    assert.equal(await rows(), before, 'a hit writes no counter');
    assert.equal((await ask('0000', '192.0.2.10')).statusCode, 404);
    assert.equal(await counted('lookup', '192.0.2.10'), 1);
    assert.equal(await counted('lookup-code', code), 1);
    assert.equal(await rows(), before + 2);
    // Misses of codes that do not exist, one each: the visitor's own allowance runs out, not the codes'.
    for (let i = 1; i < LOOKUP_LIMIT; i++) assert.equal((await ask('0000', '192.0.2.10', `000.00.12.H34-000000-${String(i).padStart(4, '0')}`)).statusCode, 404, `miss ${i + 1}`);
    assert.equal(await counted('lookup', '192.0.2.10'), LOOKUP_LIMIT);
    assert.equal((await ask('5678', '192.0.2.10')).statusCode, 429, 'even the right check, once the visitor’s allowance is used');
    assert.equal((await ask('5678', '192.0.2.11')).statusCode, 200, 'another visitor still gets the answer');
  });
});
