// Bundled services across agencies through the API (A3, V3; Decree 63/2024): the newborn bundle
// filed once becomes one bundle and three applications at three agencies; each officer moves only
// their part; the combined status follows and the citizen gets one notice when all are done; a
// refused part is shown with its reason; bad input stores nothing. On each database.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { seedFormsDemo } from '../src/forms/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { loadBundles, submitBundle, type BundleRoute, type PartOrder } from '../src/bundles/index.ts';
import { calendarSource } from '../src/applications/index.ts';
import { createFormLibrary } from '../src/forms/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { multipart, pdf, type Part } from './helpers/submission.ts';

const PLACE = '000.33.01.H34';
const definition = (slug: string) => loadBundles().find((b) => b.slug === slug)!;
const BIRTH = definition('khai-sinh-lien-thong');
const DEATH = definition('khai-tu-lien-thong');

describeEachDatabase('bundled services across agencies through the API', (get) => {
  let app: FastifyInstance;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dvctt-bundles-'));
  const tokens: Record<string, string> = {};
  const as = (u: string) => ({ authorization: `Bearer ${tokens[u]}` });
  const file = (component: string): Part => ({ name: `component:${component}`, filename: `${component}.pdf`, data: pdf(), type: 'application/pdf' });
  const fileBundle = (bundle: string, data: unknown, agency = PLACE, files: Part[] = []) => {
    const body = multipart([{ name: 'bundle', value: bundle }, { name: 'data', value: JSON.stringify(data) }, { name: 'agency', value: agency }, ...files]);
    return app.inject({ method: 'POST', url: '/api/v1/bundles', headers: { ...as('hung.dan'), ...body.headers }, payload: body.payload });
  };
  const bundleRows = async () => ({
    bundle: Number((await get().db.selectFrom('bundle').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    part: Number((await get().db.selectFrom('bundle_part').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
  });
  const view = async (code: string) => (await app.inject({ url: `/api/v1/bundles/${code}`, headers: as('hung.dan') })).json() as { status: { kind: string; label: string; done: number }; doneAt: string | null; parts: { key: string; applicationCode: string; status: number; reason: string | null; result: { inStore: boolean } | null }[] };
  const move = async (officer: string, code: string, status: number, note = '') => app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: as(officer), payload: { status, note } });
  /** Received, processing, and the result issued (status 9), by the part's officer. */
  const finish = async (officer: string, code: string) => {
    assert.equal((await move(officer, code, 2)).statusCode, 200);
    const now = (await app.inject({ url: `/api/v1/applications/${code}`, headers: as(officer) })).json() as { status: number };
    if (now.status === 2) assert.equal((await move(officer, code, 4)).statusCode, 200);
    const issued = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, headers: as(officer), payload: { generate: true, decision: 'Chấp thuận theo đề nghị.' } });
    assert.equal(issued.statusCode, 201, issued.body);
  };

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await seedFormsDemo(db);
    await createAccount(db, { username: 'hung.dan', password: TEST_PASSWORD, fullName: 'Trần Văn Hùng', idNumber: '056093001234' });
    await createAccount(db, { username: 'cb.xa', password: TEST_PASSWORD, fullName: 'Cán bộ hộ tịch', role: 'officer', agencyCode: PLACE });
    await createAccount(db, { username: 'cb.ca', password: TEST_PASSWORD, fullName: 'Cán bộ công an', role: 'officer', agencyCode: '000.22.01.H34' });
    await createAccount(db, { username: 'cb.bhxh', password: TEST_PASSWORD, fullName: 'Cán bộ bảo hiểm', role: 'officer', agencyCode: '000.40.01.H34' });
    app = await testApp(db, { DATA_DIR: dataDir });
    for (const u of ['hung.dan', 'cb.xa', 'cb.ca', 'cb.bhxh']) tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
  });
  after(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('bad input is refused in Vietnamese and stores nothing: no bundle, no part, no application', async () => {
    const before = await snapshot(get().db);
    const example = BIRTH.form.example!;
    const noName = await fileBundle(BIRTH.slug, { ...example, childName: '' }, PLACE, [file('giay-chung-sinh')]);
    assert.equal(noName.statusCode, 400);
    assert.equal(noName.json().error.code, 'INVALID_ANSWERS');
    assert.ok(noName.json().fields.childName);
    const elsewhere = await fileBundle(BIRTH.slug, example, '000.34.01.H34', [file('giay-chung-sinh')]);
    assert.equal(elsewhere.json().error.code, 'PLACE_NOT_OFFERED');
    assert.match(elsewhere.json().error.message, /Ủy ban nhân dân phường Nha Trang \(000.33.01.H34\)/);
    // The birth registration needs the birth certificate: the part refuses, and the whole bundle with it.
    const noPaper = await fileBundle(BIRTH.slug, example);
    assert.equal(noPaper.statusCode, 400);
    assert.equal(noPaper.json().error.code, 'PART_REFUSED');
    assert.deepEqual(noPaper.json().part, { key: 'khai-sinh', code: 'MISSING_COMPONENTS' });
    assert.match(noPaper.json().error.message, /Đăng ký khai sinh.*Không thủ tục nào/);
    assert.ok(noPaper.json().fields['component:giay-chung-sinh']);
    const unknown = await fileBundle('khong-co', example);
    assert.equal(unknown.statusCode, 404);
    await assertMoved(get().db, before, {}, 'refused bundles');
    assert.deepEqual(await bundleRows(), { bundle: 0, part: 0 });
  });

  test('the newborn bundle is one bundle and three applications at three agencies; each officer moves their part; the combined status follows', async () => {
    const before = await snapshot(get().db);
    const res = await fileBundle(BIRTH.slug, BIRTH.form.example, PLACE, [file('giay-chung-sinh')]);
    assert.equal(res.statusCode, 201, res.body);
    const { code, parts } = res.json() as { code: string; parts: { key: string; agency: string; applicationCode: string }[] };
    assert.deepEqual(parts.map((p) => [p.key, p.agency]), [['khai-sinh', PLACE], ['thuong-tru', '000.22.01.H34'], ['bhyt', '000.40.01.H34']]);
    // Three applications, each with its notice, one file (the birth certificate, to the birth registration), and the bundle's own notice.
    await assertMoved(get().db, before, { application: 3, application_event: 3, notice: 4, application_attachment: 1, online_received: 3 }, 'bundle filed');
    assert.deepEqual(await bundleRows(), { bundle: 1, part: 3 });
    // The same request again (a second press): answered with the bundle made, nothing new stored.
    const again = await fileBundle(BIRTH.slug, BIRTH.form.example, PLACE, [file('giay-chung-sinh')]);
    assert.equal(again.statusCode, 409);
    assert.deepEqual([again.json().error.code, again.json().code], ['ALREADY_SUBMITTED', res.json().code]);
    assert.deepEqual(await bundleRows(), { bundle: 1, part: 3 });
    const apps = await get().db.selectFrom('application').select(['code', 'agency_code', 'service_code', 'data']).where('code', 'in', parts.map((p) => p.applicationCode)).orderBy('agency_code').execute();
    assert.deepEqual(apps.map((a) => a.service_code).sort(), ['1.001193', '1.004194', '1.011605']);
    // The residence part got the child's name under its own field.
    assert.equal((apps.find((a) => a.service_code === '1.004194')!.data as Record<string, unknown>).personName, 'Trần Minh Khoa');
    assert.equal((await view(code)).status.label, 'Đang xử lý 0/3');

    const [birth, residence, card] = parts.map((p) => p.applicationCode);
    // An officer of another agency does not see the part.
    assert.equal((await move('cb.ca', birth!, 2)).statusCode, 404);
    await finish('cb.xa', birth!);
    assert.equal((await view(code)).status.label, 'Đang xử lý 1/3');
    await finish('cb.ca', residence!);
    const two = await view(code);
    assert.deepEqual([two.status.label, two.doneAt], ['Đang xử lý 2/3', null]);
    const mid = await snapshot(get().db);
    await finish('cb.bhxh', card!);
    const done = await view(code);
    assert.equal(done.status.kind, 'done');
    assert.equal(done.status.label, 'Đã hoàn thành 3/3');
    assert.ok(done.doneAt);
    // Every part's result is collected in the citizen's data store and shown with the bundle.
    assert.ok(done.parts.every((p) => p.result?.inStore), JSON.stringify(done.parts));
    const bundleNotices = await get().db.selectFrom('notice').select('title').where('title', 'like', `Hồ sơ liên thông ${code}: Đã hoàn thành%`).execute();
    assert.equal(bundleNotices.length, 1);
    // The last part: its two or three moves' notices and the one bundle notice.
    const after = await snapshot(get().db);
    assert.equal(after.notice - mid.notice, after.application_event - mid.application_event + 1);
    // Handing the results over (status 10) sends no second bundle notice.
    assert.equal((await move('cb.xa', birth!, 10)).statusCode, 200);
    assert.equal((await get().db.selectFrom('notice').select('title').where('title', 'like', `Hồ sơ liên thông ${code}: Đã hoàn thành%`).execute()).length, 1);
  });

  test('the death bundle: a part refused is shown with its reason, and the bundle is not done', async () => {
    const res = await fileBundle(DEATH.slug, DEATH.form.example, PLACE, [file('giay-bao-tu')]);
    assert.equal(res.statusCode, 201, res.body);
    const { code, parts } = res.json() as { code: string; parts: { key: string; applicationCode: string }[] };
    assert.deepEqual(parts.map((p) => p.key), ['khai-tu', 'xoa-thuong-tru', 'mai-tang']);
    const burial = parts.find((p) => p.key === 'mai-tang')!.applicationCode;
    assert.equal((await move('cb.xa', burial, 3, 'Người đã chết không thuộc đối tượng bảo trợ xã hội.')).statusCode, 200);
    const v = await view(code);
    assert.equal(v.status.kind, 'processing');
    assert.equal(v.parts.find((p) => p.key === 'mai-tang')!.reason, 'Người đã chết không thuộc đối tượng bảo trợ xã hội.');
    // Someone else's bundle is not found.
    assert.equal((await app.inject({ url: `/api/v1/bundles/${code}`, headers: as('cb.xa') })).statusCode, 404);
  });
  test('a part whose agency works outside dvctt goes through the exchange route, in the same transaction, and never counts as done here', async () => {
    const { db } = get();
    // Birth registration in the civil status system of the Ministry of Justice; the other two parts here.
    const outside = { ...BIRTH, slug: 'khai-sinh-ngoai', parts: BIRTH.parts.map((p) => (p.key === 'khai-sinh' ? { ...p, route: 'exchange' as const } : p)) };
    const handed: PartOrder[] = [];
    const exchange: BundleRoute = {
      kind: 'exchange',
      async place(_trx, order) {
        handed.push(order);
        return { ok: true, applicationId: null, applicationCode: null, dueDate: null, externalRef: 'HTDT-000123' };
      },
    };
    const forms = createFormLibrary(db, { listen: false });
    const account = await db.selectFrom('account').select(['id', 'username', 'full_name']).where('username', '=', 'hung.dan').executeTakeFirstOrThrow();
    const actor = { id: account.id, username: account.username, fullName: account.full_name, role: 'citizen' as const, agencyCode: null, agencies: new Set<string>() };
    const before = { rows: await bundleRows(), counts: await snapshot(db) };
    const r = await submitBundle({ submit: { db, calendar: () => calendarSource(db).current(), forms }, bundles: [outside], exchange }, { actor, bundle: outside.slug, answers: BIRTH.form.example, agency: PLACE });
    await forms.close();
    assert.ok(r.ok, JSON.stringify(r.ok || r.problem));
    assert.equal(handed.length, 1);
    assert.deepEqual([handed[0]!.part.key, handed[0]!.agencyCode, handed[0]!.answers.childName], ['khai-sinh', PLACE, 'Trần Minh Khoa']);
    // Two applications here, the bundle with its three parts and its notice.
    await assertMoved(db, before.counts, { application: 2, application_event: 2, notice: 3, online_received: 2 }, 'bundle with an exchange part');
    assert.deepEqual(await bundleRows(), { bundle: before.rows.bundle + 1, part: before.rows.part + 3 });
    const row = await db.selectFrom('bundle_part').select(['route', 'application_id', 'external_ref']).where('route', '=', 'exchange').executeTakeFirstOrThrow();
    assert.deepEqual(row, { route: 'exchange', application_id: null, external_ref: 'HTDT-000123' });
    const v = await view(r.code);
    assert.equal(v.status.label, 'Đang xử lý 0/3');
    assert.equal(v.parts.find((p) => p.key === 'khai-sinh')!.applicationCode, null);
  });
});
