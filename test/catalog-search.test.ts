// C2, C3, Q1 through real HTTP on each database: what people type finds what they look for — a
// code goes to its page, the closest name first, whole words only, abbreviations and citizens'
// words (a list administrators keep), words run together; a change is seen by every instance at
// once; the pager, the empty result, the catalog download and the FAQ search.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { exportCatalog, importCatalog, seedCatalogDemo, type CatalogFile, type ServiceRecord } from '../src/catalog/index.ts';
import { foldQuery } from '../src/catalog/model.ts';
import { seedFeedbackDemo } from '../src/feedback/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm, type Jar } from './helpers/session.ts';

interface ListBody {
  total: number;
  items: { code: string; name: string; level: number }[];
}

const PHARMACIST = '1.004616';
const demo = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'src', 'catalog', 'demo', 'catalog.json'), 'utf8')) as CatalogFile;
const template = demo.services!.find((s) => s.code === '1.002861')!;

/** Services named for the ranking questions, on the demo's records. */
function services(list: [code: string, name: string, level: ServiceRecord['level']][]): CatalogFile {
  return { format: 'dvctt-catalog/1', services: list.map(([code, name, level]) => ({ ...template, code, name, level })) };
}

const DRIVING = services([
  ['1.990001', 'Cấp giấy phép lái xe', 3],
  ['1.990002', 'Cấp đổi giấy phép lái xe', 4],
  ['1.990003', 'Cấp lại giấy phép lái xe trong trường hợp bị mất', 4],
  ['1.990007', 'Cấp giấy phép lái xe quốc tế', 4],
  ['1.990006', 'Cấp thẻ bảo hiểm y tế cho người thuộc hộ gia đình cận nghèo', 3],
]);

describeEachDatabase('catalog search finds what people look for', (get) => {
  let app: FastifyInstance;
  let admin: Jar;
  const list = async (q: string, more = '', on = app) => {
    const res = await on.inject(`/api/v1/services?q=${encodeURIComponent(q)}${more}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ListBody;
  };
  const codes = async (q: string, more = '') => (await list(q, more)).items.map((i) => i.code);

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await importCatalog(db, DRIVING);
    await seedFeedbackDemo(db);
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    app = await testApp(db);
    admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
  });
  after(() => app.close());

  test('a procedure code typed in the search box opens that procedure’s page; the API lists it first', async () => {
    for (const q of [PHARMACIST, ` ${PHARMACIST}  `]) {
      const res = await app.inject(`/dich-vu-cong?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 303, q);
      assert.equal(res.headers.location, `/dich-vu-cong/${PHARMACIST}`);
      assert.equal((await list(q)).items[0]?.code, PHARMACIST);
    }
    // A code that is not in the catalog is searched like any text: the list says nothing matched.
    const unknown = await app.inject('/dich-vu-cong?q=9.999999');
    assert.equal(unknown.statusCode, 200);
    assert.match(unknown.body, /Không tìm thấy dịch vụ công phù hợp/);
  });

  test('the service named exactly as the query comes first, then shorter names before longer ones', async () => {
    // The level-4 "… quốc tế" used to come first; the exact name wins now.
    assert.deepEqual((await codes('CẤP GIẤY PHÉP LÁI XE')).slice(0, 2), ['1.990001', '1.990007']);
    assert.deepEqual((await codes('giay phep lai xe')).slice(0, 4), ['1.990001', '1.990002', '1.990007', '1.990003']);
    assert.equal((await list('dang ky khai sinh')).items[0]?.name, 'Đăng ký khai sinh');
    // Paging over tiers keeps the same order.
    const paged = [...(await codes('giay phep lai xe', '&pageSize=2')), ...(await codes('giay phep lai xe', '&pageSize=2&page=2'))];
    assert.deepEqual(paged, ['1.990001', '1.990002', '1.990007', '1.990003']);
  });

  test('words match whole words only: "xe" finds no "xét", and "xét" finds no "xe"', async () => {
    const xe = await list('xe', '&pageSize=100');
    assert.ok(xe.total >= 5, `xe: ${xe.total}`);
    for (const i of xe.items) assert.match(` ${foldQuery(i.name)} `, /[^a-z0-9]xe[^a-z0-9]/, i.name);
    assert.ok(!xe.items.some((i) => i.code === '1.002407'), '"Xét, cấp học bổng" is not about xe');
    // A short word with few matches gets no look-alikes either.
    for (const q of ['ô tô', 'xe ô tô']) {
      const few = await list(q, '&pageSize=100');
      assert.deepEqual(few.items.map((i) => i.code), ['1.002861'], q);
    }
    const xet = await list('xét', '&pageSize=100');
    assert.ok(xet.items.some((i) => i.code === '1.002407'));
    for (const i of xet.items) assert.match(` ${foldQuery(i.name)} `, /[^a-z0-9]xet[^a-z0-9]/, i.name);
  });

  test('abbreviations and citizens’ words find the procedures by their legal names', async () => {
    assert.equal((await list('GPLX')).items[0]?.code, '1.990001');
    assert.equal((await list('bằng lái xe')).items[0]?.code, '1.990001');
    assert.equal((await list('cấp đổi gplx')).items[0]?.code, '1.990002');
    assert.ok((await codes('CCCD')).includes('1.116410'), 'CCCD finds "Cấp thẻ căn cước …"');
    // The two health-insurance card procedures come first (the demo's card for children under 6 among them).
    assert.deepEqual(new Set((await codes('bhyt')).slice(0, 2)), new Set(['1.990006', '1.011605']));
    assert.equal((await list('làm giấy khai sinh')).items[0]?.code, '1.001193');
  });

  test('letters run together, a dropped h or Telex keys are forgiven: "kaisinh" and "ddawng kys" find "đăng ký khai sinh"', async () => {
    for (const q of ['kaisinh', 'dangkykhaisinh']) {
      const r = await list(q);
      assert.ok(r.items.slice(0, 3).some((i) => i.code === '1.001193'), `${q}: ${r.items.map((i) => i.name).join(' | ')}`);
    }
    // Typed for Telex with the input off: read as the letters meant.
    assert.equal((await list('ddawng kys khai sinhf')).items[0]?.code, '1.001193');
    assert.equal((await list('caaps giaays pheps laix xe')).items[0]?.code, '1.990001');
    // Look-alikes come after every real match.
    const names = (await list('khai sinh', '&pageSize=100')).items.map((i) => foldQuery(i.name));
    const firstOther = names.findIndex((n) => !/\bkhai sinh\b/.test(n));
    assert.ok(firstOther === -1 || names.slice(firstOther).every((n) => !/\bkhai sinh\b/.test(n)), names.join(' | '));
  });

  test('an administrator extends the synonyms on /quan-tri/tu-dong-nghia; bad entries get a Vietnamese reason and change nothing', async () => {
    const { db } = get();
    const count = async () => Number((await db.selectFrom('search_synonym').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const page = await app.inject({ url: '/quan-tri/tu-dong-nghia', cookies: admin });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<td>GPLX<\/td>\s*<td>giấy phép lái xe<\/td>/);
    const start = await count();
    assert.ok(start >= 20, `default list: ${start}`);

    assert.equal((await list('GPKDVT')).total, 0);
    const added = await submitForm(app, admin, '/quan-tri/tu-dong-nghia', '/quan-tri/tu-dong-nghia', { term: 'GPKDVT', expansion: 'giấy phép kinh doanh vận tải' });
    assert.equal(added.statusCode, 303);
    assert.equal((await list('GPKDVT')).items[0]?.code, '1.002861', 'used by the next search');

    const bad: [Record<string, string>, RegExp][] = [
      [{ term: '  ', expansion: 'giấy phép' }, /Hãy nhập từ hoặc cụm từ người dân hay gõ/],
      [{ term: 'GPXX', expansion: ' ' }, /Hãy nhập cụm từ có trong tên thủ tục/],
      [{ term: 'gplx', expansion: 'giấy phép lái xe ô tô' }, /“GPLX” đã có trong danh sách/],
      [{ term: 'Bằng  LÁI xe', expansion: 'giấy phép' }, /đã có trong danh sách/],
      [{ term: 'sổ đỏ', expansion: 'So do' }, /phải khác từ người dân gõ/],
    ];
    for (const [fields, message] of bad) {
      const res = await submitForm(app, admin, '/quan-tri/tu-dong-nghia', '/quan-tri/tu-dong-nghia', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.match(res.body, /class="error-summary"/);
    }
    assert.equal(await count(), start + 1, 'nothing added by bad entries');

    // Without the form's token, as a citizen-facing officer, or signed out: refused, nothing changes.
    const forged = await app.inject({ method: 'POST', url: '/quan-tri/tu-dong-nghia', cookies: admin, payload: { _csrf: 'sai', term: 'ABC', expansion: 'giấy phép' } });
    assert.equal(forged.statusCode, 403);
    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    assert.equal((await app.inject({ url: '/quan-tri/tu-dong-nghia', cookies: officer })).statusCode, 403);
    const asOfficer = await submitForm(app, officer, '/ho-so', '/quan-tri/tu-dong-nghia', { term: 'ABC', expansion: 'giấy phép' });
    assert.equal(asOfficer.statusCode, 403);
    const anonymous = await app.inject('/quan-tri/tu-dong-nghia');
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/dang-nhap\?next=/);
    assert.equal(await count(), start + 1);

    const row = await db.selectFrom('search_synonym').select('id').where('term', '=', 'GPKDVT').executeTakeFirstOrThrow();
    const removed = await submitForm(app, admin, '/quan-tri/tu-dong-nghia', `/quan-tri/tu-dong-nghia/${row.id}/xoa`, {});
    assert.equal(removed.statusCode, 303);
    assert.equal((await list('GPKDVT')).total, 0, 'gone from the next search');
    const again = await submitForm(app, admin, '/quan-tri/tu-dong-nghia', `/quan-tri/tu-dong-nghia/${row.id}/xoa`, {});
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /Không có từ đồng nghĩa này/);
    const audit = await db.selectFrom('audit_log').select('action').where('action', 'like', 'search-synonym.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['search-synonym.add', 'search-synonym.delete']);
  });

  test('an import or a new synonym is seen at once by another instance that had the answer cached', async () => {
    const { db } = get();
    const other = await testApp(db);
    try {
      const q = 'chim yến';
      for (const on of [app, other]) assert.equal((await list(q, '', on)).total, 0);
      assert.equal((await other.inject('/dich-vu-cong/1.990099')).statusCode, 404);
      await importCatalog(db, services([['1.990099', 'Cấp phép nuôi chim yến', 3]]));
      for (const on of [app, other]) assert.equal((await list(q, '', on)).items[0]?.code, '1.990099');
      assert.equal((await other.inject('/dich-vu-cong/1.990099')).statusCode, 200);

      assert.equal((await list('NCY', '', other)).total, 0);
      const added = await submitForm(app, admin, '/quan-tri/tu-dong-nghia', '/quan-tri/tu-dong-nghia', { term: 'NCY', expansion: 'nuôi chim yến' });
      assert.equal(added.statusCode, 303);
      assert.equal((await list('NCY', '', other)).items[0]?.code, '1.990099');
    } finally {
      await other.close();
    }
  });

  test('the pager shows the ends, the neighbours and ellipses, marks the current page, and an empty result offers a way back', async () => {
    const total = (await list('', '&pageSize=1')).total;
    const res = await app.inject('/dich-vu-cong?pageSize=1&page=5');
    const nav = /<nav class="pagination" aria-label="Phân trang kết quả">(.*?)<\/nav>/s.exec(res.body)?.[1] ?? '';
    const shown = [...nav.matchAll(/<li>(.*?)<\/li>/gs)].map(([, li]) => (li!.includes('aria-current="page"') ? `[${li!.replace(/<[^>]+>/g, '').replace('Trang ', '')}]` : li!.replace(/<[^>]+>/g, '').trim()));
    assert.deepEqual(shown, ['‹ Trang trước', '1', '…', '4', '[5]', '6', '…', String(total), 'Trang sau ›']);
    assert.match(nav, new RegExp(`href="/dich-vu-cong\\?page=${total}&amp;pageSize=1" aria-label="Trang ${total}"`));

    const empty = await app.inject(`/dich-vu-cong?q=${encodeURIComponent('zzqxw')}&level=4`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Không tìm thấy dịch vụ công phù hợp/);
    assert.match(empty.body, /<a href="\/dich-vu-cong\?level=4">Bỏ từ khóa, giữ các bộ lọc<\/a>/);
    assert.match(empty.body, /<a href="\/dich-vu-cong">Xem toàn bộ danh mục dịch vụ công<\/a>/);
    assert.doesNotMatch(empty.body, /class="pagination"/);
  });

  test('the whole catalog downloads as one JSON file in the export format, cached until the catalog changes', async () => {
    const { db } = get();
    const listPage = await app.inject('/dich-vu-cong');
    assert.match(listPage.body, /href="\/dich-vu-cong\/danh-muc.json"/);
    const zipped = await app.inject({ url: '/dich-vu-cong/danh-muc.json', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(zipped.statusCode, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.match(String(zipped.headers['content-type']), /application\/json/);
    assert.match(String(zipped.headers['cache-control']), /max-age=\d+/);
    assert.match(String(zipped.headers['content-disposition']), /attachment; filename="danh-muc-dich-vu-cong.json"/);
    const file = JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8')) as CatalogFile;
    const expected = await exportCatalog(db);
    assert.deepEqual({ ...file, source: '' }, { ...expected, source: '' });
    assert.equal(file.services!.length, (await list('', '&pageSize=1')).total);

    const plain = await app.inject('/dich-vu-cong/danh-muc.json');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal((JSON.parse(plain.body) as CatalogFile).format, 'dvctt-catalog/1');

    const etag = String(zipped.headers.etag);
    assert.equal((await app.inject({ url: '/dich-vu-cong/danh-muc.json', headers: { 'if-none-match': etag } })).statusCode, 304);
    await importCatalog(db, services([['1.990098', 'Cấp giấy phép khai thác thủy sản', 2]]));
    const changed = await app.inject({ url: '/dich-vu-cong/danh-muc.json', headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.ok((JSON.parse(changed.body) as CatalogFile).services!.some((s) => s.code === '1.990098'));
  });

  test('a long query in the page title is cut after a whole word with “…”', async () => {
    const q = 'cấp chứng chỉ hành nghề dược theo hình thức xét hồ sơ trong trường hợp bị mất hoặc hư hỏng';
    const res = await app.inject(`/dich-vu-cong?q=${encodeURIComponent(q)}`);
    const quoted = /<title>[^<]*“([^”]*)”/.exec(res.body)?.[1] ?? '';
    assert.ok(quoted.endsWith('…') && quoted.length <= 60, quoted);
    const kept = quoted.slice(0, -1);
    assert.ok(q.startsWith(kept) && q[kept.length] === ' ', `cut mid-word: ${quoted}`);
  });

  test('the FAQ search matches words without marks: "chung chi duoc" finds the question about chứng chỉ hành nghề dược', async () => {
    const res = await app.inject(`/hoi-dap?q=${encodeURIComponent('chung chi duoc')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Tôi tốt nghiệp cao đẳng dược thì có được cấp chứng chỉ hành nghề dược không\?/);
    assert.doesNotMatch(res.body, /quên mật khẩu tài khoản/);
    const upper = await app.inject(`/hoi-dap?q=${encodeURIComponent('CHỨNG CHỈ')}`);
    assert.match(upper.body, /cao đẳng dược/);
    // Every word must be there, as a whole word.
    const none = await app.inject(`/hoi-dap?q=${encodeURIComponent('chung chi xe')}`);
    assert.doesNotMatch(none.body, /cao đẳng dược/);
    const part = await app.inject(`/hoi-dap?q=${encodeURIComponent('chun')}`);
    assert.doesNotMatch(part.body, /cao đẳng dược/);
  });
});
