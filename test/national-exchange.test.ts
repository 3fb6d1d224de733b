// A3, P3: dvctt behind the national portal, against the national portal simulator on loopback.
// A forwarded dossier becomes one application however often it comes; refused ones store nothing;
// every change is pushed back in order, through the portal being down for a while; the daily
// reconciliation lists what differs; DVCTT_CITIZEN_PORTAL=false leaves the back office only.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import { buildApp } from '../src/app.ts';
import { createPool, type DB } from '../src/db/index.ts';
import type { Database } from '../src/db/schema.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { ExchangeSimulator, reconcile, type Push } from '../src/exchange/index.ts';
import { transition } from '../src/applications/transitions.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp, testConfig } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { eventually } from './helpers/eventually.ts';
import { EXCHANGE_SECRET, nationalDossier } from './helpers/exchange.ts';
import { signedIn } from './helpers/session.ts';
import { leadAgency } from './helpers/submission.ts';

describeEachDatabase('the national portal exchange', (get) => {
  let app: FastifyInstance;
  let sim: ExchangeSimulator;
  let appDb: DB | undefined;
  const officer = { id: '', name: 'Lê Văn Cán' };

  before(async () => {
    const { db, url } = get();
    await seedCatalogDemo(db);
    // The app's own pool: the database's teardown runs first and must not wait for the worker's LISTEN.
    const pool = createPool(url, 5);
    appDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    sim = await new ExchangeSimulator({ secret: EXCHANGE_SECRET }).start();
    const config = testConfig({ DVCTT_EXCHANGE_URL: sim.url, DVCTT_EXCHANGE_SECRET: EXCHANGE_SECRET, DVCTT_WORKERS: '2' });
    app = await buildApp({ config, db: appDb, pool, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    (sim as unknown as { options: { dvcttUrl: string } }).options.dvcttUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    officer.id = await createAccount(db, { username: 'can.bo', password: TEST_PASSWORD, fullName: officer.name, role: 'officer', agencyCode: leadAgency('1.004616')! });
    await createAccount(db, { username: 'quan.tri', password: TEST_PASSWORD, fullName: 'Quản Trị', role: 'admin', agencyCode: leadAgency('1.004616')! });
  });
  after(async () => {
    await app?.close();
    await appDb?.destroy();
    await sim?.stop();
  });

  test('the same dossier twice is one application; each refusal stores nothing', async () => {
    const { db } = get();
    const accounts = async () => Number((await db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const mapped = async () => Number((await db.selectFrom('exchange_dossier').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const a0 = await accounts();
    let counts = await snapshot(db);
    const first = await sim.forward(nationalDossier('G22-251205-000001'));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const answer = first.body as { maHoSo: string; trangThai: number; hanXuLy: string; daNhanTruoc: boolean };
    assert.equal(answer.trangThai, 1);
    assert.equal(answer.daNhanTruoc, false);
    assert.match(answer.hanXuLy, /^\d{4}-\d{2}-\d{2}$/);
    counts = await assertMoved(db, counts, { application: 1, application_attachment: 4, application_event: 1, notice: 1, delivery: 3, online_received: 1 }, 'first forward');
    assert.equal(await accounts(), a0 + 1, 'the applicant’s account made from the personal identification number');
    const app1 = await db.selectFrom('application').innerJoin('account', 'account.id', 'application.applicant_id').select(['application.channel', 'application.service_code', 'application.agency_code', 'account.id_number', 'account.password_hash']).where('code', '=', answer.maHoSo).executeTakeFirstOrThrow();
    assert.deepEqual({ ...app1, password_hash: app1.password_hash === null }, { channel: 'truc-tuyen', service_code: '1.004616', agency_code: leadAgency('1.004616'), id_number: '079190012345', password_hash: true });

    const again = await sim.forward(nationalDossier('G22-251205-000001'));
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { ...answer, daNhanTruoc: true });
    counts = await assertMoved(db, counts, {}, 'the same dossier again');
    assert.equal(await mapped(), 1);

    const refusals: [string, Promise<{ status: number; body: unknown }>, number, string][] = [
      ['bad signature', sim.forward(nationalDossier('G22-251205-000002'), { secret: 'khong-phai-bi-mat-chung' }), 401, 'BAD_SIGNATURE'],
      ['stale timestamp', sim.forward(nationalDossier('G22-251205-000003'), { now: Date.now() - 10 * 60_000 }), 401, 'STALE_TIMESTAMP'],
      ['unknown service', sim.forward(nationalDossier('G22-251205-000004', { maThuTuc: '9.999999' })), 422, 'DOSSIER_REFUSED'],
      ['unknown agency', sim.forward(nationalDossier('G22-251205-000005', { maCoQuan: 'KHONG-CO' })), 422, 'DOSSIER_REFUSED'],
      ['same code, other content', sim.forward(nationalDossier('G22-251205-000001', { duLieu: {} })), 409, 'DOSSIER_CONFLICT'],
      ['bad applicant number', sim.forward(nationalDossier('G22-251205-000006', { nguoiNop: { soDinhDanh: '123', hoTen: 'A' } })), 422, 'APPLICANT_INVALID'],
      ['invalid answers', sim.forward(nationalDossier('G22-251205-000007', { duLieu: { khong_co: 1 }, nguoiNop: { soDinhDanh: '056090001234', hoTen: 'Người Mới' } })), 422, 'DOSSIER_REFUSED'],
    ];
    for (const [what, sent, status, code] of refusals) {
      const res = await sent;
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
      const error = (res.body as { error: { code: string; message: string } }).error;
      assert.equal(error.code, code, what);
      assert.ok(error.message.length > 20, `${what}: a Vietnamese reason`);
    }
    await assertMoved(db, counts, {}, 'refused dossiers');
    assert.equal(await accounts(), a0 + 1, 'no account made for a refused dossier');
    assert.equal(await mapped(), 1);
  });

  test('every change is pushed in order, through the national portal being down for a while; the reconciliation agrees', async () => {
    const { db } = get();
    const res = await sim.forward(nationalDossier('G22-251205-000010', { nguoiNop: { soDinhDanh: '056090001234', hoTen: 'Nguyễn Văn An' } }));
    assert.equal(res.status, 201);
    const code = (res.body as { maHoSo: string }).maHoSo;
    // Down for the next two tries: the first push and those behind it wait, none overtakes.
    sim.failNext = 2;
    assert.ok((await transition(db, code, 2, 'officer', officer)).ok);
    assert.ok((await transition(db, code, 4, 'officer', officer)).ok);
    assert.ok((await transition(db, code, 5, 'officer', officer, 'Bổ sung bản sao giấy khai sinh.')).ok);
    const events = await db.selectFrom('application_event as e').innerJoin('application as a', 'a.id', 'e.application_id').select('e.status_to').where('a.code', '=', code).orderBy('e.at').orderBy('e.id').execute();
    const expected = [1, ...events.slice(1).map((e) => e.status_to)];
    const pushes = await eventually('every push taken', async () => (sim.pushesOf('G22-251205-000010').length === expected.length ? sim.pushesOf('G22-251205-000010') : undefined), { ms: 60_000 });
    assert.deepEqual(
      pushes.map((p: Push) => [p.thuTu, p.trangThai, p.maHoSo]),
      expected.map((s, i) => [i + 1, s, code]),
    );
    assert.equal(pushes[0]!.loai, 'tiep-nhan');
    assert.deepEqual(pushes.at(-1)!.yeuCauBoSung, { lyDo: 'Bổ sung bản sao giấy khai sinh.', thanhPhan: [{ id: '1', label: 'Bổ sung bản sao giấy khai sinh.' }] });
    const first = pushes[0]!.id;
    assert.equal(sim.attempts.filter((id) => id === first).length, 3, 'the first push tried three times');
    assert.equal(new Set(pushes.map((p) => p.id)).size, pushes.length, 'each push taken once');
    const rows = await db.selectFrom('delivery').select(['id', 'status', 'attempts']).where('channel', '=', 'lien-thong').where('application_code', '=', code).orderBy('id').execute();
    await eventually('all recorded as delivered', async () => (await db.selectFrom('delivery').select('status').where('channel', '=', 'lien-thong').where('application_code', '=', code).execute()).every((r) => r.status === 'delivered'));
    assert.deepEqual(rows.map((r) => `DV${r.id}`), pushes.map((p) => p.id));
    const log = await db.selectFrom('delivery_log').select(['status', 'detail']).where('delivery_id', '=', rows[0]!.id).orderBy('id').execute();
    assert.deepEqual(log.map((l) => l.status), ['queued', 'retry', 'retry', 'delivered']);
    assert.match(log[1]!.detail ?? '', /Cổng Dịch vụ công quốc gia trả lời 503/);

    const settings = { url: sim.url, secret: EXCHANGE_SECRET };
    const clean = await reconcile(db, settings);
    assert.deepEqual(clean.differences, []);
    assert.equal(clean.checked, 2);
    // Down again: the next change waits in the queue, and the reconciliation names the dossier.
    sim.failNext = 100;
    assert.ok((await transition(db, code, 4, 'system', null, '', { calendar: undefined })).ok);
    const differing = await reconcile(db, settings);
    assert.deepEqual(differing.differences, [{ dossierCode: 'G22-251205-000010', applicationCode: code, here: 4, there: 5, pending: true }]);
    // The queue page shows the waiting push to the administrator.
    const jar = await signedIn(app, 'quan.tri', TEST_PASSWORD);
    const page = await app.inject({ method: 'GET', url: '/quan-tri/hang-doi', cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Liên thông Cổng DVC quốc gia/);
    assert.match(page.body, new RegExp(code.replace(/\./g, '\\.')));
    sim.failNext = 0;
  });
});

describeEachDatabase('DVCTT_CITIZEN_PORTAL=false: back office only', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    app = await testApp(get().db, { DVCTT_CITIZEN_PORTAL: 'false' });
  });
  after(async () => app?.close());

  test('the citizen pages lead to the national portal; staff sign-in and the API stay', async () => {
    for (const url of ['/', '/dich-vu-cong', '/dich-vu-cong/1.004616', '/dich-vu-cong/1.004616/nop-ho-so', '/dang-ky', '/ho-so', '/tra-cuu']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Công dân nộp hồ sơ trên Cổng Dịch vụ công quốc gia/, url);
      assert.match(res.body, /href="https:\/\/dichvucong\.gov\.vn"/, url);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/dang-nhap' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/services?q=khai' })).statusCode === 404, false);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });
});
