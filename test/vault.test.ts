// V1–V4 on each database: documents enter the store with an application, count once the agency
// receives it, are reused by the rule (V2) through the API, and their owner corrects, deletes and
// exports them; every reuse and staff read is logged. Bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { addResultDocument, checkReuse, documentsOf, reusableLookup, vietnamToday, VAULT_PROBLEMS, type ReuseProblem } from '../src/vault/index.ts';
import { explain } from '../src/web/problem.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const A = '1.004859'; // thay đổi, cải chính hộ tịch — UBND phường Nha Trang 000.33.01.H34, asks giay-khai-sinh
// Đăng ký lại khai sinh, asks giay-khai-sinh. The demo offers it at Nha Trang too (Ví dụ 1 literally);
// here it is moved to UBND xã Diên Khánh 000.35.01.H34, another unit of the same province.
const B = '1.004884';
const PROVINCE = '000.00.00.H34';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// The app under test keeps its files under DATA_DIR/files (test/helpers/app.ts).
const files = new LocalFileStore('/tmp/dvctt-unused/files');

describeEachDatabase('the user’s data store (V1–V4)', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await db.updateTable('service').set({ agency_code: '000.35.01.H34' }).where('code', '=', B).execute();
    ids['an.dan'] = await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '056090001234' });
    ids['binh.dan'] = await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình' });
    await createAccount(db, { username: 'cb.phuong', password: TEST_PASSWORD, fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' });
    await createAccount(db, { username: 'cb.xa', password: TEST_PASSWORD, fullName: 'Cán bộ Xã', role: 'officer', agencyCode: '000.35.01.H34' });
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị Tỉnh', role: 'admin', agencyCode: PROVINCE });
    app = await testApp(db);
    for (const u of ['an.dan', 'binh.dan', 'cb.phuong', 'cb.xa']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const move = (user: string, code: string, status: number, note?: string) =>
    app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: as(user), payload: { status, ...(note !== undefined && { note }) } });
  const requirements = async (user: string, service: string) => {
    const res = await app.inject({ url: `/api/v1/services/${service}/requirements`, headers: as(user) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { agency: string; components: { componentId: string; kind: string; satisfiedBy: null | { documentId: string; acceptedBy: string; validUntil: string | null; how: string } }[] };
  };
  const birth = async (user: string, service: string) => (await requirements(user, service)).components.find((c) => c.kind === 'giay-khai-sinh')!;

  /** Submits to `service` through the API, with a birth certificate uploaded (as the attachments step records it). */
  async function submitWithBirthCertificate(user: string, service: string, bytes = PDF): Promise<{ code: string; id: string; documentId: string }> {
    const res = await app.inject(apiSubmission(as(user), service, demoDefinition(service)!.example, [{ name: 'component:giay-khai-sinh', filename: 'Giấy khai sinh.pdf', data: bytes, type: 'application/pdf' }]));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    const { db } = get();
    const a = await db.selectFrom('application').select(['id']).where('code', '=', code).executeTakeFirstOrThrow();
    const doc = (await documentsOf(db, ids[user]!)).find((d) => d.applicationCode === code && d.kind === 'giay-khai-sinh')!;
    return { code, id: a.id, documentId: doc.id };
  }

  let g: { code: string; id: string; documentId: string };

  test('an upload enters the store as provided and counts for nothing until the agency receives the application', async () => {
    g = await submitWithBirthCertificate('an.dan', A);
    const docs = ((await app.inject({ url: '/api/v1/me/documents', headers: as('an.dan') })).json() as { items: { id: string; state: string; kind: string; application: string }[] }).items;
    assert.deepEqual(
      // Every paper the application required entered the store, each as provided.
      docs.filter((d) => d.kind === 'giay-khai-sinh').map((d) => [d.kind, d.state, d.application]),
      [['giay-khai-sinh', 'provided', g.code]],
    );
    assert.equal((await birth('an.dan', A)).satisfiedBy, null);
    assert.equal((await birth('an.dan', B)).satisfiedBy, null);
  });

  test('Ví dụ 1: once the commune receives A, A’s agency and — with the province sharing — B’s agency do not ask for G again', async () => {
    assert.equal((await move('cb.phuong', g.code, 2)).statusCode, 200);
    const same = await birth('an.dan', A);
    assert.equal(same.satisfiedBy?.documentId, g.documentId);
    assert.equal(same.satisfiedBy?.acceptedBy, '000.33.01.H34');
    assert.equal(same.satisfiedBy?.how, 'same-agency');
    const other = await birth('an.dan', B);
    assert.equal(other.satisfiedBy?.documentId, g.documentId);
    assert.equal(other.satisfiedBy?.how, 'shared');
    // Components of other kinds are still asked for.
    assert.ok((await requirements('an.dan', B)).components.filter((c) => c.kind !== 'giay-khai-sinh').every((c) => c.satisfiedBy === null));
    // Nobody else's store satisfies anything.
    assert.equal((await birth('binh.dan', B)).satisfiedBy, null);
  });

  test('same province with sharing switched off: only the agency that accepted G reuses it', async () => {
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const res = await submitForm(app, admin, '/quan-tri/chia-se-du-lieu', '/quan-tri/chia-se-du-lieu', { agency: PROVINCE, sharesData: 'false' });
    assert.equal(res.statusCode, 303);
    assert.equal((await birth('an.dan', B)).satisfiedBy, null);
    assert.equal((await birth('an.dan', A)).satisfiedBy?.documentId, g.documentId);
    await submitForm(app, admin, '/quan-tri/chia-se-du-lieu', '/quan-tri/chia-se-du-lieu', { agency: PROVINCE, sharesData: 'true' });
    assert.equal((await birth('an.dan', B)).satisfiedBy?.documentId, g.documentId);
  });

  test('the sharing switch is for administrators of the tree; bad input changes nothing', async () => {
    const citizen = await signedIn(app, 'an.dan', TEST_PASSWORD);
    assert.equal((await submitForm(app, citizen, '/kho-du-lieu', '/quan-tri/chia-se-du-lieu', { agency: PROVINCE, sharesData: 'false' })).statusCode, 403);
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const bad = await submitForm(app, admin, '/quan-tri/chia-se-du-lieu', '/quan-tri/chia-se-du-lieu', { agency: PROVINCE, sharesData: 'maybe' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Không đổi được/);
    // A department is not a ministry or province: it has no switch of its own.
    assert.equal((await submitForm(app, admin, '/quan-tri/chia-se-du-lieu', '/quan-tri/chia-se-du-lieu', { agency: '000.00.12.H34', sharesData: 'false' })).statusCode, 400);
    const shares = await get().db.selectFrom('agency').select(['code', 'shares_data']).where('code', 'in', [PROVINCE, '000.00.12.H34']).orderBy('code').execute();
    assert.deepEqual(shares, [{ code: PROVINCE, shares_data: true }, { code: '000.00.12.H34', shares_data: false }]);
  });

  test('an expired document is not reused', async () => {
    const { db } = get();
    const yesterday = new Date(Date.now() - 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
    await db.updateTable('vault_document').set({ valid_until: yesterday }).where('id', '=', g.documentId).execute();
    assert.equal((await birth('an.dan', B)).satisfiedBy, null);
    await db.updateTable('vault_document').set({ valid_until: vietnamToday() }).where('id', '=', g.documentId).execute();
    assert.equal((await birth('an.dan', B)).satisfiedBy?.validUntil, vietnamToday(), 'valid through its last day');
    await db.updateTable('vault_document').set({ valid_until: null }).where('id', '=', g.documentId).execute();
  });

  test('an agency of another province does not count: a document accepted in Khánh Hòa is not reused by Ninh Thuận', async () => {
    const { db } = get();
    await db.insertInto('agency').values({ code: '000.00.00.H45', name: 'Ủy ban nhân dân tỉnh Ninh Thuận', kind: 'province', parent_code: null, shares_data: true }).execute();
    await db.insertInto('agency').values({ code: '000.20.01.H45', name: 'Ủy ban nhân dân phường Phan Rang', kind: 'commune', parent_code: '000.00.00.H45' }).execute();
    const lookup = reusableLookup(db);
    const ctx = { applicantId: ids['an.dan']!, component: { id: 'giay-khai-sinh', kind: 'giay-khai-sinh' }, day: vietnamToday() };
    assert.equal(await lookup({ ...ctx, agencyCode: '000.20.01.H45' }), null);
    const found = await lookup({ ...ctx, agencyCode: '000.35.01.H34' });
    assert.equal(found?.documentId, g.documentId);
    assert.equal(found?.acceptedBy, 'Ủy ban nhân dân phường Nha Trang');
    assert.equal(found?.kind, 'pdf');
  });

  test('at submission the server judges the named documents again: someone else’s, deleted or malformed ids are refused', async () => {
    const { db } = get();
    const ask = (ownerId: string, documentId: string) => checkReuse(db, { ownerId, agencyCode: '000.35.01.H34', choices: [{ componentId: 'giay-khai-sinh', kind: 'giay-khai-sinh', documentId }] });
    const ok = await ask(ids['an.dan']!, g.documentId);
    assert.equal(ok.ok, true);
    assert.equal(ok.ok && ok.documents[0]!.fileKey.length, 64);
    const stolen = await ask(ids['binh.dan']!, g.documentId);
    assert.deepEqual(stolen, { ok: false, problems: [{ code: 'REUSE_NOT_IN_STORE', field: 'giay-khai-sinh' }] });
    assert.equal(explain(VAULT_PROBLEMS, (stolen as { problems: ReuseProblem[] }).problems[0]!).message, 'Giấy tờ được chọn không có trong kho dữ liệu của bạn.');
    assert.equal((await ask(ids['an.dan']!, 'not-a-uuid')).ok, false);
    assert.equal((await ask(ids['an.dan']!, '00000000-0000-4000-8000-000000000000')).ok, false);
    const wrongKind = await checkReuse(db, { ownerId: ids['an.dan']!, agencyCode: '000.35.01.H34', choices: [{ componentId: 'to-khai', kind: 'to-khai', documentId: g.documentId }] });
    assert.match(!wrongKind.ok ? explain(VAULT_PROBLEMS, wrongKind.problems[0]!).message : '', /không đúng loại giấy tờ/);
    assert.equal(await reusableLookup(db)({ applicantId: ids['binh.dan']!, agencyCode: '000.35.01.H34', component: { id: 'x', kind: 'giay-khai-sinh' }, day: vietnamToday(), documentId: g.documentId }), null);
  });

  let b: { code: string; id: string };
  test('a reuse is logged with the application, the agency and the time; an officer opening it is logged too', async () => {
    // No birth certificate is sent: the store's accepted one is used in its place (V2), and logged.
    const res = await app.inject(apiSubmission(as('an.dan'), B, demoDefinition(B)!.example, [{ name: 'agency', value: '000.35.01.H34' }], ['component:giay-khai-sinh']));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    const { db } = get();
    const row = await db.selectFrom('application').select(['id']).where('code', '=', code).executeTakeFirstOrThrow();
    b = { code, id: row.id };
    // An officer of another agency cannot open it, and nothing is logged.
    const phuong = await signedIn(app, 'cb.phuong', TEST_PASSWORD);
    assert.equal((await app.inject({ url: `/can-bo/kho-du-lieu/${g.documentId}?ho-so=${code}`, cookies: phuong })).statusCode, 404);
    const xa = await signedIn(app, 'cb.xa', TEST_PASSWORD);
    const opened = await app.inject({ url: `/can-bo/kho-du-lieu/${g.documentId}?ho-so=${code}`, cookies: xa });
    assert.equal(opened.statusCode, 200);
    assert.deepEqual(opened.rawPayload, PDF);
    // A document not part of the application is not opened through it.
    assert.equal((await app.inject({ url: `/can-bo/kho-du-lieu/00000000-0000-4000-8000-000000000000?ho-so=${code}`, cookies: xa })).statusCode, 404);
    const usage = ((await app.inject({ url: '/api/v1/me/documents/usage', headers: as('an.dan') })).json() as { items: { action: string; application: string; agency: string; document: string | null }[] }).items;
    // The documents' entries (the data fields B gives again, as A's did, have their own: test/vault-fields.test.ts).
    assert.deepEqual(
      usage.filter((u) => u.document).map((u) => [u.action, u.application, u.agency]),
      [
        ['staff-read', code, '000.35.01.H34'],
        ['reuse', code, '000.35.01.H34'],
      ],
    );
    const citizen = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const page = await app.inject({ url: '/kho-du-lieu/nhat-ky', cookies: citizen });
    assert.match(page.body, /Dùng lại cho hồ sơ/);
    assert.match(page.body, /Cán bộ mở xem \(Cán bộ Xã\)/);
    assert.ok(page.body.includes(code));
  });

  test('receiving B adds Diên Khánh’s own acceptance of G, which holds even with sharing off', async () => {
    assert.equal((await move('cb.xa', b.code, 2)).statusCode, 200);
    const docs = await documentsOf(get().db, ids['an.dan']!);
    assert.deepEqual(docs.find((d) => d.id === g.documentId)!.acceptances.map((a) => a.agencyCode).sort(), ['000.33.01.H34', '000.35.01.H34']);
    await get().db.updateTable('agency').set({ shares_data: false }).where('code', '=', PROVINCE).execute();
    assert.equal((await birth('an.dan', B)).satisfiedBy?.how, 'same-agency');
    await get().db.updateTable('agency').set({ shares_data: true }).where('code', '=', PROVINCE).execute();
  });

  test('a document that came with a refused application is rejected and never reused', async () => {
    const r = await submitWithBirthCertificate('binh.dan', A);
    assert.equal((await move('cb.phuong', r.code, 3, 'Hồ sơ không thuộc thẩm quyền')).statusCode, 200);
    const [doc] = await documentsOf(get().db, ids['binh.dan']!);
    assert.equal(doc!.state, 'rejected');
    assert.equal((await birth('binh.dan', A)).satisfiedBy, null);
  });

  test('an electronic result enters the store accepted by the agency that issued it (V3)', async () => {
    const { db } = get();
    const stored = await files.put(Buffer.from('%PDF-1.7\nresult\n%%EOF\n'));
    const id = await db.transaction().execute((trx) =>
      addResultDocument(trx, { ownerId: ids['binh.dan']!, applicationId: b.id, agencyCode: '000.33.01.H34', kind: 'trich-luc-ho-tich', title: 'Trích lục thay đổi hộ tịch', number: '15/2026/TLTĐHT', file: { fileKey: stored.key, originalName: 'TrichLuc.pdf', mime: 'application/pdf', kind: 'pdf', size: stored.size, sha256: stored.sha256 } }),
    );
    const doc = (await documentsOf(db, ids['binh.dan']!)).find((d) => d.id === id)!;
    assert.equal(doc.state, 'accepted');
    assert.equal(doc.source, 'result');
    assert.equal(doc.issuer, 'Ủy ban nhân dân phường Nha Trang');
    assert.equal((await reusableLookup(db)({ applicantId: ids['binh.dan']!, agencyCode: '000.33.01.H34', component: { id: 'x', kind: 'trich-luc-ho-tich' }, day: vietnamToday() }))?.documentId, id);
  });

  test('the owner corrects the metadata; bad dates are refused all at once and change nothing; changing what the agency checked withdraws its acceptance', async () => {
    const jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const page = `/kho-du-lieu/${g.documentId}`;
    const bad = await submitForm(app, jar, page, page, { title: '', number: '', issuer: '', issuedOn: '31/02/2020', validUntil: 'mai' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Có 3 lỗi cần sửa/);
    assert.match(bad.body, /Hãy nhập tên giấy tờ/);
    const before = (await documentsOf(get().db, ids['an.dan']!)).find((d) => d.id === g.documentId)!;
    assert.equal(before.title, 'Giấy khai sinh');
    const titleOnly = await submitForm(app, jar, page, page, { title: 'Giấy khai sinh của tôi', number: '', issuer: '', issuedOn: '', validUntil: '' });
    assert.equal(titleOnly.statusCode, 303);
    assert.equal((await documentsOf(get().db, ids['an.dan']!)).find((d) => d.id === g.documentId)!.state, 'accepted');
    const number = await submitForm(app, jar, page, page, { title: 'Giấy khai sinh của tôi', number: '123/1990', issuer: 'UBND phường Nha Trang', issuedOn: '25/05/1990', validUntil: '' });
    assert.equal(number.headers.location, `${page}?rut-chap-nhan=1`);
    const after = (await documentsOf(get().db, ids['an.dan']!)).find((d) => d.id === g.documentId)!;
    assert.deepEqual([after.state, after.acceptances.length, after.number, after.issuedOn], ['provided', 0, '123/1990', '1990-05-25']);
    assert.equal((await birth('an.dan', A)).satisfiedBy, null);
  });

  test('a document an unfinished application names cannot be deleted, and the page says which; once it ends, deletion works', async () => {
    const jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
    const page = `/kho-du-lieu/${g.documentId}`;
    const refused = await submitForm(app, jar, page, `${page}/xoa`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Không xóa được: giấy tờ đang thuộc hồ sơ chưa giải quyết xong/);
    assert.ok(refused.body.includes(g.code) && refused.body.includes(b.code));
    // Someone else cannot delete it, nor see it.
    const other = await signedIn(app, 'binh.dan', TEST_PASSWORD);
    assert.equal((await submitForm(app, other, '/kho-du-lieu', `${page}/xoa`, {})).statusCode, 404);
    assert.equal((await app.inject({ url: page, cookies: other })).statusCode, 404);
    assert.equal((await app.inject({ url: `${page}/tep`, cookies: other })).statusCode, 404);
    // Both applications end (withdrawn and stopped): now it can go.
    for (const code of [g.code, b.code]) {
      assert.equal((await move('an.dan', code, 7)).statusCode, 200);
      assert.equal((await move(code === g.code ? 'cb.phuong' : 'cb.xa', code, 8, 'Công dân rút hồ sơ')).statusCode, 200);
    }
    const done = await submitForm(app, jar, page, `${page}/xoa`, {});
    assert.equal(done.statusCode, 303);
    assert.equal((await app.inject({ url: page, cookies: jar })).statusCode, 404);
    // G is gone; what remains are the other papers those applications required.
    const left = ((await app.inject({ url: '/api/v1/me/documents', headers: as('an.dan') })).json() as { items: { id: string; kind: string }[] }).items;
    assert.ok(!left.some((d) => d.id === g.documentId));
    assert.ok(left.every((d) => d.kind !== 'giay-khai-sinh'));
  });

  test('everything in the store downloads as one ZIP: the files and a JSON of the data and the log', async () => {
    const jar: Jar = await signedIn(app, 'binh.dan', TEST_PASSWORD);
    const res = await app.inject({ url: '/kho-du-lieu/tai-ve.zip', cookies: jar });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const data = JSON.parse(strFromU8(zip['du-lieu.json']!)) as { documents: { title: string; path: string | null }[]; profile: Record<string, string> };
    assert.equal(data.profile['Họ và tên'], 'Trần Thị Bình');
    for (const title of ['Giấy khai sinh', 'Trích lục thay đổi hộ tịch']) assert.ok(data.documents.some((d) => d.title === title), title);
    for (const d of data.documents) assert.ok(d.path && zip[d.path]!.length > 0, d.path ?? 'no path');
  });

  test('the API needs a signed-in caller and a real service; pages send visitors to sign in', async () => {
    assert.equal((await app.inject({ url: `/api/v1/services/${A}/requirements` })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/v1/me/documents' })).statusCode, 401);
    const missing = await app.inject({ url: '/api/v1/services/9.999999/requirements', headers: as('an.dan') });
    assert.equal(missing.statusCode, 404);
    assert.match((missing.json() as { error: { message: string } }).error.message, /Không có dịch vụ công mã "9.999999"/);
    assert.equal((await app.inject({ url: `/api/v1/services/${encodeURIComponent("1' OR 1=1")}/requirements`, headers: as('an.dan') })).statusCode, 404);
    const visitor = await app.inject({ url: '/kho-du-lieu' });
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/dang-nhap?next=%2Fkho-du-lieu');
    assert.equal((await app.inject({ url: '/kho-du-lieu/khong-phai-id', cookies: await signedIn(app, 'an.dan', TEST_PASSWORD) })).statusCode, 404);
    // A form without its token changes nothing.
    const noToken = await app.inject({ method: 'POST', url: `/kho-du-lieu/${g.documentId}/xoa`, cookies: await signedIn(app, 'binh.dan', TEST_PASSWORD), payload: { _csrf: 'sai' } });
    assert.equal(noToken.statusCode, 403);
  });
});
