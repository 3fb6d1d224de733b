// A3, P3: a bundle part whose agency works in another system (the civil status system) goes out as
// a dossier through the national exchange, in the bundle's transaction, with its answers and papers;
// the other side reports it done with a signed message and the bundle's combined status counts it:
// when the parts here are done too, the bundle reaches n/n and its done notice is sent once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import { buildApp } from '../src/app.ts';
import { calendarSource } from '../src/applications/index.ts';
import { exchangeRoute, loadBundles, submitBundle } from '../src/bundles/index.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createPool, type DB } from '../src/db/index.ts';
import type { Database } from '../src/db/schema.ts';
import { ExchangeSimulator } from '../src/exchange/index.ts';
import { createFormLibrary, seedFormsDemo } from '../src/forms/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testConfig } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { EXCHANGE_SECRET } from './helpers/exchange.ts';
import { pdf } from './helpers/submission.ts';

const PLACE = '000.33.01.H34';
const BIRTH = loadBundles().find((b) => b.slug === 'khai-sinh-lien-thong')!;
// Birth registration in the Ministry of Justice's civil status system; residence and health insurance here.
const OUTSIDE = { ...BIRTH, slug: 'khai-sinh-ngoai', parts: BIRTH.parts.map((p) => (p.key === 'khai-sinh' ? { ...p, route: 'exchange' as const } : p)) };

describeEachDatabase('a bundle part through the national exchange', (get) => {
  let app: FastifyInstance;
  let sim: ExchangeSimulator;
  let appDb: DB | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dvctt-bundles-exchange-'));
  const tokens: Record<string, string> = {};
  const as = (u: string) => ({ authorization: `Bearer ${tokens[u]}` });

  before(async () => {
    const { db, url } = get();
    await seedCatalogDemo(db);
    await seedFormsDemo(db);
    await createAccount(db, { username: 'hung.dan', password: TEST_PASSWORD, fullName: 'Trần Văn Hùng', idNumber: '056093001234' });
    await createAccount(db, { username: 'cb.ca', password: TEST_PASSWORD, fullName: 'Cán bộ công an', role: 'officer', agencyCode: '000.22.01.H34' });
    await createAccount(db, { username: 'cb.bhxh', password: TEST_PASSWORD, fullName: 'Cán bộ bảo hiểm', role: 'officer', agencyCode: '000.40.01.H34' });
    const pool = createPool(url, 5);
    appDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    sim = await new ExchangeSimulator({ secret: EXCHANGE_SECRET }).start();
    app = await buildApp({ config: testConfig({ DATA_DIR: dataDir, DVCTT_EXCHANGE_URL: sim.url, DVCTT_EXCHANGE_SECRET: EXCHANGE_SECRET, DVCTT_WORKERS: '2' }), db: appDb, pool, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    (sim as unknown as { options: { dvcttUrl: string } }).options.dvcttUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const u of ['hung.dan', 'cb.ca', 'cb.bhxh']) tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
  });
  after(async () => {
    await app?.close();
    await appDb?.destroy();
    await sim?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const view = async (code: string) => (await app.inject({ url: `/api/v1/bundles/${code}`, headers: as('hung.dan') })).json() as { status: { kind: string; label: string }; doneAt: string | null; parts: { key: string; applicationCode: string | null; status: number | null }[] };
  const finish = async (officer: string, code: string) => {
    const move = (status: number) => app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: as(officer), payload: { status, note: '' } });
    assert.equal((await move(2)).statusCode, 200);
    const now = (await app.inject({ url: `/api/v1/applications/${code}`, headers: as(officer) })).json() as { status: number };
    if (now.status === 2) assert.equal((await move(4)).statusCode, 200);
    const issued = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/result`, headers: as(officer), payload: { generate: true, decision: 'Chấp thuận theo đề nghị.' } });
    assert.equal(issued.statusCode, 201, issued.body);
  };

  test('the part goes out once with its papers; reported done, the bundle reaches 3/3 with one notice', async () => {
    const { db } = get();
    const files = new LocalFileStore(path.join(dataDir, 'files'));
    const paper = pdf();
    const stored = await files.put(paper);
    const account = await db.selectFrom('account').select(['id', 'username', 'full_name']).where('username', '=', 'hung.dan').executeTakeFirstOrThrow();
    const actor = { id: account.id, username: account.username, fullName: account.full_name, role: 'citizen' as const, agencyCode: null, agencies: new Set<string>() };
    const forms = createFormLibrary(db, { listen: false });
    let counts = await snapshot(db);
    const r = await submitBundle(
      { submit: { db: appDb!, calendar: () => calendarSource(appDb!).current(), forms }, bundles: [OUTSIDE], exchange: exchangeRoute(files) },
      { actor, bundle: OUTSIDE.slug, answers: BIRTH.form.example, agency: PLACE, uploads: [{ field: 'component:giay-chung-sinh', filename: 'giay-chung-sinh.pdf', size: stored.size, kind: 'pdf', mime: 'application/pdf', stored }] },
    );
    await forms.close();
    assert.ok(r.ok, JSON.stringify(r.ok || r.problem));
    const ref = `${r.code}-khai-sinh`;
    assert.deepEqual(r.parts.map((p) => [p.key, p.applicationCode === null]), [['khai-sinh', true], ['thuong-tru', false], ['bhyt', false]]);
    // Two applications here; the forwarded dossier is one delivery on 'lien-thong' (plus the notices' own).
    await assertMoved(db, counts, { application: 2, application_event: 2, notice: 3, online_received: 2, delivery: 1 }, 'bundle with a forwarded part');
    const part = await db.selectFrom('bundle_part').select(['external_ref', 'external_status']).where('route', '=', 'exchange').executeTakeFirstOrThrow();
    assert.deepEqual(part, { external_ref: ref, external_status: null });

    const got = await eventually('the forwarded dossier at the national side', async () => (sim.forwarded.length ? sim.forwarded : undefined), { ms: 30_000 });
    const listed = (await (await fetch(`${sim.url}/mo-phong/ho-so-chuyen-di`)).json()) as typeof sim.forwarded;
    assert.equal(listed.length, 1, 'received once');
    const d = got[0] as unknown as { maHoSoQuocGia: string; maHoSoLienThong: string; maThuTuc: string; maCoQuan: string; nguoiNop: { soDinhDanh: string; hoTen: string }; duLieu: Record<string, unknown>; tepDinhKem: { maThanhPhan: string; tenTep: string; noiDungBase64: string }[] };
    assert.deepEqual([d.maHoSoQuocGia, d.maHoSoLienThong, d.maThuTuc, d.maCoQuan, d.nguoiNop.soDinhDanh, d.nguoiNop.hoTen], [ref, r.code, '1.001193', PLACE, '056093001234', 'Trần Văn Hùng']);
    assert.equal(d.duLieu.childName, 'Trần Minh Khoa');
    assert.deepEqual(d.tepDinhKem.map((f) => [f.maThanhPhan, f.tenTep]), [['giay-chung-sinh', 'giay-chung-sinh.pdf']]);
    assert.deepEqual(Buffer.from(d.tepDinhKem[0]!.noiDungBase64, 'base64'), paper);
    assert.equal((await view(r.code)).status.label, 'Đang xử lý 0/3');

    // The parts here done: 2/3, not yet done.
    for (const [key, officer] of [['thuong-tru', 'cb.ca'], ['bhyt', 'cb.bhxh']] as const) await finish(officer, r.parts.find((p) => p.key === key)!.applicationCode!);
    assert.equal((await view(r.code)).status.label, 'Đang xử lý 2/3');
    const doneNotices = () => db.selectFrom('notice').select('id').where('account_id', '=', account.id).where('title', 'like', `%${r.code}: Đã hoàn thành%`).execute();
    assert.equal((await doneNotices()).length, 0);

    // A bad signature, an unknown code, a status out of range: refused, nothing changes.
    counts = await snapshot(db);
    const forged = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/exchange/forwarded-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maHoSoQuocGia: ref, trangThai: 10 }) });
    assert.equal(forged.status, 401);
    const unknown = await sim.reportStatus(`${r.code}-khong-co`, 10);
    assert.equal(unknown.status, 404);
    assert.match((unknown.body as { error: { message: string } }).error.message, /Không có hồ sơ nào mang mã/);
    assert.equal((await sim.reportStatus(ref, 11)).status, 400);
    await assertMoved(db, counts, {}, 'refused status messages');

    // Received there, then done there (10: result handed over): 3/3, the one done notice.
    assert.equal((await sim.reportStatus(ref, 2)).status, 200);
    assert.equal((await view(r.code)).parts.find((p) => p.key === 'khai-sinh')!.status, 2);
    const done = await sim.reportStatus(ref, 10);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const v = await view(r.code);
    assert.deepEqual([v.status.kind, v.status.label, v.doneAt !== null], ['done', 'Đã hoàn thành 3/3', true]);
    assert.equal((await doneNotices()).length, 1);
    // Reported again: still one notice.
    assert.equal((await sim.reportStatus(ref, 10)).status, 200);
    assert.equal((await doneNotices()).length, 1);
    assert.equal(sim.forwarded.length, 1);
  });
});
