// C1, C4, A5: administrators edit the catalog from the portal — a procedure's published fields, the
// places implementing it and their overrides, an offline period with its reason, the agencies —
// every change audited and kept as a local edit that a re-import reports instead of overwriting;
// a department's administrator edits only its own places; bad input changes nothing.
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
import { signedIn, submitForm, type Jar } from './helpers/session.ts';

const DEMO = path.join(import.meta.dirname, '..', 'src', 'catalog', 'demo', 'catalog.json');
const PHARMACIST = '1.004616'; // led by Sở Y tế
const BIRTH = '1.001193'; // led by phường Nha Trang
const HEALTH = '000.00.12.H34';
const NHA_TRANG = '000.33.01.H34';

describeEachDatabase('catalog administration', (get) => {
  let app: FastifyInstance;
  let province: Jar;
  let health: Jar;
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'qt.yte', password: TEST_PASSWORD, fullName: 'Quản trị Sở Y tế', role: 'admin', agencyCode: HEALTH });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: HEALTH });
    app = await testApp(db);
    province = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    health = await signedIn(app, 'qt.yte', TEST_PASSWORD);
  });
  after(() => app.close());

  const serviceRow = (code: string) => get().db.selectFrom('service').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const placeRow = (code: string, agency: string) => get().db.selectFrom('service_implementation').selectAll().where('service_code', '=', code).where('agency_code', '=', agency).executeTakeFirst();
  const auditCount = async () => Number((await get().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', 'like', 'catalog-%').executeTakeFirstOrThrow()).n);

  /** The published-fields form as the page shows it, with `changes` made. */
  async function serviceForm(jar: Jar, code: string, changes: Record<string, string>) {
    const page = await app.inject({ url: `/quan-tri/danh-muc/${code}`, cookies: jar });
    assert.equal(page.statusCode, 200, page.body);
    const field = (name: string) => {
      const input = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page.body);
      if (input) return input[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
      return (new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(page.body)?.[1] ?? '').replace(/&amp;/g, '&');
    };
    const s = await serviceRow(code);
    const components = (s.details as { components: { name: string; original: number; copy: number }[] }).components;
    return {
      name: field('name'),
      timeLimitDays: field('timeLimitDays'),
      timeLimitText: field('timeLimitText'),
      level: String(s.level),
      steps: field('steps'),
      fees: field('fees'),
      componentName: components.map((c) => c.name),
      componentOriginal: components.map((c) => String(c.original)),
      componentCopy: components.map((c) => String(c.copy)),
      ...changes,
    };
  }

  const post = (jar: Jar, page: string, action: string, fields: Record<string, unknown>) => submitForm(app, jar, page, action, fields as Record<string, string>);

  test('a search without accents finds a procedure; officers are refused the page', async () => {
    const res = await app.inject({ url: '/quan-tri/danh-muc?q=dang%20ky%20khai%20sinh', cookies: province });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/quan-tri/danh-muc/${BIRTH}"`));
    assert.doesNotMatch(res.body, new RegExp(`href="/quan-tri/danh-muc/${PHARMACIST}"`));
    const officer = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    assert.equal((await app.inject({ url: '/quan-tri/danh-muc', cookies: officer })).statusCode, 403);
    assert.equal((await app.inject({ url: '/quan-tri/co-quan', cookies: officer })).statusCode, 403);
  });

  test('the published name is shown beside the legal name with the difference (Art. 6.3)', async () => {
    const form = await serviceForm(province, PHARMACIST, {});
    const renamed = `${form.name} (rút gọn)`;
    const res = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}`, { ...form, name: renamed });
    assert.equal(res.statusCode, 303, res.body);
    const page = await app.inject({ url: res.headers.location as string, cookies: province });
    assert.match(page.body, /Đã lưu thay đổi/);
    assert.match(page.body, /Tên công bố khác tên pháp lý/);
    assert.match(page.body, /Thêm: \(rút gọn\)/);
    assert.equal((await serviceRow(PHARMACIST)).legal_name, form.name);
  });

  test('a new time limit shows on the service page, is audited and kept as a local edit', async () => {
    const before = await auditCount();
    const form = await serviceForm(province, PHARMACIST, { timeLimitDays: '12' });
    const res = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}`, form);
    assert.equal(res.statusCode, 303, res.body);
    const page = await app.inject(`/dich-vu-cong/${PHARMACIST}`);
    assert.match(page.body, /12 ngày làm việc/);
    const s = await serviceRow(PHARMACIST);
    assert.equal(s.time_limit_days, 12);
    assert.equal((s.local_edits.timeLimitDays as { value: unknown; by: string }).value, 12);
    assert.equal(s.local_edits.timeLimitDays!.by, 'qt.tinh');
    assert.ok(!('steps' in s.local_edits), 'fields left as they were are not local edits');
    const entry = await get().db.selectFrom('audit_log').selectAll().where('action', '=', 'catalog-service-edit').orderBy('at', 'desc').executeTakeFirstOrThrow();
    assert.equal(entry.actor_name, 'qt.tinh');
    assert.equal(entry.target_id, PHARMACIST);
    assert.equal(await auditCount(), before + 1);
  });

  test('a re-import meets the local edits: it reports the conflicts and keeps the edits', async () => {
    const { db } = get();
    // Sở Y tế's own place of the procedure, given its own time limit in the portal.
    const saved = await post(health, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${HEALTH}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${HEALTH}`, { timeLimitDays: '7', level: '', fees: '', receivingAddress: '', openingHours: '', formId: '', online: 'yes' });
    assert.equal(saved.statusCode, 303, saved.body);
    const file = parseCatalogFile(readFileSync(DEMO, 'utf8'));
    file.implementations = [{ service: PHARMACIST, agency: HEALTH, timeLimitDays: 20 }];
    const report = await importCatalog(db, file);
    assert.deepEqual(report.problems, []);
    const conflicts = report.conflicts.map((c) => `${c.key} ${c.field}`);
    assert.ok(conflicts.includes(`${PHARMACIST} timeLimitDays`), JSON.stringify(conflicts));
    assert.ok(conflicts.some((c) => c.endsWith('timeLimitDays') && c.includes(HEALTH)), JSON.stringify(conflicts));
    assert.equal((await serviceRow(PHARMACIST)).time_limit_days, 12);
    assert.equal((await placeRow(PHARMACIST, HEALTH))?.time_limit_days, 7);
  });

  test("a department's administrator edits its own places only, not another's nor another's procedure", async () => {
    const before = await placeRow(BIRTH, NHA_TRANG);
    const audits = await auditCount();
    const place = await post(health, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${BIRTH}/noi-thuc-hien/${NHA_TRANG}`, { timeLimitDays: '9', level: '', fees: '', receivingAddress: '', openingHours: '', formId: '', online: 'yes' });
    assert.equal(place.statusCode, 403);
    assert.match(place.body, /không thuộc phạm vi bạn quản trị/);
    assert.equal((await app.inject({ url: `/quan-tri/danh-muc/${BIRTH}/noi-thuc-hien/${NHA_TRANG}`, cookies: health })).statusCode, 403);
    const form = await serviceForm(province, BIRTH, { timeLimitDays: '9' });
    const fields = await post(health, `/quan-tri/danh-muc/${BIRTH}`, `/quan-tri/danh-muc/${BIRTH}`, form);
    assert.equal(fields.statusCode, 403);
    const add = await post(health, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien`, { agency: NHA_TRANG });
    assert.equal(add.statusCode, 403);
    assert.match(add.body, /không thuộc phạm vi bạn quản trị/);
    const page = await app.inject({ url: `/quan-tri/danh-muc/${BIRTH}`, cookies: health });
    assert.match(page.body, /bạn chỉ sửa được nơi thực hiện thuộc đơn vị mình/);
    assert.doesNotMatch(page.body, /name="timeLimitText"/);
    assert.deepEqual(await placeRow(BIRTH, NHA_TRANG), before);
    assert.equal((await serviceRow(BIRTH)).time_limit_days, 1);
    assert.equal(await placeRow(PHARMACIST, NHA_TRANG), undefined);
    assert.equal(await auditCount(), audits);
  });

  test('bad input — a negative time limit, level 5, an unknown agency, an offline period without reason — is refused in Vietnamese and changes nothing', async () => {
    const before = await serviceRow(PHARMACIST);
    const audits = await auditCount();
    const form = await serviceForm(province, PHARMACIST, { timeLimitDays: '-3', level: '5', fees: 'Lệ phí | năm mươi' });
    const res = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}`, form);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Thời hạn phải là số ngày làm việc, từ 0 đến 3650 \(không âm\)/);
    assert.match(res.body, /Mức độ phải là 1, 2, 3 hoặc 4/);
    assert.match(res.body, /Dòng 1 của phí, lệ phí/);
    assert.match(res.body, /value="-3"/, 'the form shows what was typed');
    const place = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${HEALTH}`, { timeLimitDays: '-1', level: '5', fees: '', receivingAddress: '', openingHours: '', formId: '', online: 'yes' });
    assert.equal(place.statusCode, 400);
    assert.match(place.body, /không âm/);
    const unknown = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien`, { agency: '000.99.99.H34' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Không có cơ quan này trong danh mục/);
    const offline = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/tam-ngung`, { where: '*', from: '2026-12-10', until: '2026-12-01', reason: '' });
    assert.equal(offline.statusCode, 400);
    assert.match(offline.body, /Ngày kết thúc phải từ ngày bắt đầu trở đi/);
    assert.match(offline.body, /Hãy nêu lý do để người dân biết/);
    assert.deepEqual(await serviceRow(PHARMACIST), before);
    assert.equal((await placeRow(PHARMACIST, HEALTH))?.time_limit_days, 7);
    assert.equal((await placeRow(PHARMACIST, HEALTH))?.offline_reason, null);
    assert.equal(await auditCount(), audits);
  });

  test('a place is added, taken offline with a reason citizens read, and opened again', async () => {
    // The province's public-service centre where the demo has it, else another department.
    const centre = (await get().db.selectFrom('agency').select('code').where('kind', '=', 'centre').executeTakeFirst())?.code ?? '000.00.13.H34';
    const add = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien`, { agency: centre });
    assert.equal(add.statusCode, 303, add.body);
    assert.ok(await placeRow(PHARMACIST, centre));
    const again = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien`, { agency: centre });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Cơ quan này đã thực hiện thủ tục/);
    const off = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/tam-ngung`, { where: '*', from: '', until: '', reason: 'Nâng cấp phần mềm một cửa' });
    assert.equal(off.statusCode, 303, off.body);
    const page = await app.inject(`/dich-vu-cong/${PHARMACIST}`);
    assert.match(page.body, /Nâng cấp phần mềm một cửa/);
    const admin = await app.inject({ url: `/quan-tri/danh-muc/${PHARMACIST}`, cookies: province });
    assert.match(admin.body, /Tạm ngừng: Nâng cấp phần mềm một cửa/);
    const offAudits = await get().db.selectFrom('audit_log').select('agency_code').where('action', '=', 'catalog-offline').where('target_id', '=', PHARMACIST).execute();
    assert.deepEqual(offAudits.map((a) => a.agency_code).sort(), [HEALTH, centre].sort());
    const on = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/tam-ngung`, { where: '*', resume: 'yes' });
    assert.equal(on.statusCode, 303);
    assert.doesNotMatch((await app.inject(`/dich-vu-cong/${PHARMACIST}`)).body, /Nâng cấp phần mềm một cửa/);
    const removed = await post(province, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${centre}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${centre}/xoa`, {});
    assert.equal(removed.statusCode, 303);
    assert.equal(await placeRow(PHARMACIST, centre), undefined);
    const lead = await post(province, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${HEALTH}`, `/quan-tri/danh-muc/${PHARMACIST}/noi-thuc-hien/${HEALTH}/xoa`, {});
    assert.equal(lead.statusCode, 400);
    assert.match(lead.body, /Không bỏ được cơ quan chủ trì/);

    // Its one place offline until a day: the service page says so, with the reason, and offers no e-form.
    assert.match((await app.inject(`/dich-vu-cong/${PHARMACIST}`)).body, new RegExp(`href="/dich-vu-cong/${PHARMACIST}/to-khai"`));
    const single = await post(province, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}/tam-ngung`, { where: HEALTH, from: '', until: '2099-01-31', reason: 'Kiểm kê hồ sơ cuối năm' });
    assert.equal(single.statusCode, 303, single.body);
    const closed = (await app.inject(`/dich-vu-cong/${PHARMACIST}`)).body;
    assert.match(closed, /Thủ tục này tạm ngừng nhận hồ sơ trực tuyến đến 00:00 01\/02\/2099\./);
    assert.match(closed, /Lý do: Kiểm kê hồ sơ cuối năm/);
    assert.doesNotMatch(closed, new RegExp(`href="/dich-vu-cong/${PHARMACIST}/to-khai"`));
  });

  test('on English pages the administration speaks English, its errors too', async () => {
    const en = { ...province, lang: 'en' };
    const list = await app.inject({ url: '/quan-tri/danh-muc?q=duoc', cookies: en });
    assert.match(list.body, /<h1>Procedure catalog<\/h1>/);
    const form = await serviceForm(province, PHARMACIST, { level: '5' });
    const refused = await post(en, `/quan-tri/danh-muc/${PHARMACIST}`, `/quan-tri/danh-muc/${PHARMACIST}`, form);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /The level must be 1, 2, 3 or 4\./);
    assert.match((await app.inject({ url: '/quan-tri/co-quan', cookies: en })).body, /<h1>Agencies<\/h1>/);
  });

  test('the agency tree lists units with their staff; an administrator edits its own units, audited; a bad email changes nothing', async () => {
    const tree = await app.inject({ url: '/quan-tri/co-quan', cookies: province });
    assert.equal(tree.statusCode, 200);
    assert.match(tree.body, /Sở Y tế tỉnh Khánh Hòa/);
    assert.match(tree.body, /phường Nha Trang/);
    const unit = await app.inject({ url: `/quan-tri/co-quan/${HEALTH}`, cookies: health });
    assert.equal(unit.statusCode, 200);
    assert.match(unit.body, /Cán bộ Y tế/);
    const fields = { address: '01 Hàn Thuyên, phường Nha Trang', phone: '0258 3822 021', email: 'syt@khanhhoa.gov.vn', openingHours: 'Thứ Hai – Thứ Sáu, 7:00–17:00', sharesData: 'yes', replacedBy: '' };
    const saved = await post(health, `/quan-tri/co-quan/${HEALTH}`, `/quan-tri/co-quan/${HEALTH}`, fields);
    assert.equal(saved.statusCode, 303, saved.body);
    const row = await get().db.selectFrom('agency').selectAll().where('code', '=', HEALTH).executeTakeFirstOrThrow();
    assert.equal(row.opening_hours, fields.openingHours);
    assert.equal(row.shares_data, true);
    assert.ok(await get().db.selectFrom('audit_log').select('id').where('action', '=', 'agency-edit').where('actor_name', '=', 'qt.yte').executeTakeFirst());
    const bad = await post(health, `/quan-tri/co-quan/${HEALTH}`, `/quan-tri/co-quan/${HEALTH}`, { ...fields, email: 'khong-hop-le', address: 'Đổi địa chỉ' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Địa chỉ thư điện tử không hợp lệ/);
    assert.equal((await get().db.selectFrom('agency').select('address').where('code', '=', HEALTH).executeTakeFirstOrThrow()).address, fields.address);
    const other = await post(health, `/quan-tri/co-quan/${HEALTH}`, `/quan-tri/co-quan/${NHA_TRANG}`, { ...fields, address: 'Không được' });
    assert.equal(other.statusCode, 403);
    assert.notEqual((await get().db.selectFrom('agency').select('address').where('code', '=', NHA_TRANG).executeTakeFirstOrThrow()).address, 'Không được');
  });
});
