// Art. 15.3, V2, V4 on each database: the national databases through the platform simulator on
// loopback — the e-form's applicant fields from the population database with their source, papers
// the population, civil status and digitised results databases stand in for, each use in the
// person's usage log; a source that is down, answers garbage or never answers leaves the paper
// asked for, the submission without it refused and nothing stored, within the timeout.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { DataSourceSimulator, TIMEOUT_MS } from '../src/datasources/index.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { snapshot, assertMoved } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { csrfOf, remember, signedIn, type Jar } from './helpers/session.ts';
import { apiSubmission, jpeg, multipart, pdf } from './helpers/submission.ts';

const PHARMACIST = '1.004616'; // the identity copy "không yêu cầu nếu đã khai thác được từ CSDL quốc gia về dân cư"; degree and health certificate issued by others
const CIVIL = '1.004859'; // the birth certificate is required
const POPULATION_LABEL = 'lấy từ CSDL quốc gia về dân cư';

describeEachDatabase('national databases as data sources', (get) => {
  let app: FastifyInstance;
  const sim = new DataSourceSimulator();
  const tokens: Record<string, string> = {};
  let jar: Jar;

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    // The demo citizen of the simulator, and a person it does not know.
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '056090001234', dateOfBirth: '1990-05-20' });
    // Someone who registered with a child's number and name, not knowing the date of birth, learns nothing of the child.
    await createAccount(db, { username: 'gia.mao', password: TEST_PASSWORD, fullName: 'Nguyễn Minh Khang', idNumber: '056226000101', dateOfBirth: '1991-01-01' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình', idNumber: '056190007777' });
    const { url } = await sim.start();
    app = await testApp(db, { DVCTT_DATASOURCE_URL: url, DVCTT_DATASOURCE_KEY: sim.key });
    for (const u of ['an.dan', 'binh.dan', 'gia.mao']) tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
  });
  after(async () => {
    await app.close();
    await sim.stop();
  });
  beforeEach(() => {
    sim.mode = 'ok';
  });

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const answers = (service: string) => demoDefinition(service)!.example as Record<string, unknown>;
  const uses = async () => get().db.selectFrom('datasource_use').select(['source', 'purpose', 'component_id', 'application_code', 'subject', 'reference']).orderBy('id').execute();
  const attachmentsOf = async (code: string) =>
    (await get().db.selectFrom('application_attachment as t').innerJoin('application as a', 'a.id', 't.application_id').select('t.component_id').where('a.code', '=', code).execute()).map((r) => r.component_id).sort();

  test('the e-form offers name, date of birth and permanent address "lấy từ CSDL quốc gia về dân cư"; taking them fills the fields and logs the use', async () => {
    const before = (await uses()).length;
    const page = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Nguyễn Văn An <span class="saved-source">\\(nguồn: ${POPULATION_LABEL}`));
    assert.match(page.body, new RegExp(`20/05/1990 <span class="saved-source">\\(nguồn: ${POPULATION_LABEL}`));
    assert.match(page.body, new RegExp(`12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa <span class="saved-source">\\(nguồn: ${POPULATION_LABEL}`));
    assert.equal((await uses()).length, before, 'offering is not a use');
    const filled = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai?dung-thong-tin-da-luu=1`, cookies: jar });
    assert.match(filled.body, /name="fullName"[^>]*value="Nguyễn Văn An"|value="Nguyễn Văn An"[^>]*name="fullName"/);
    assert.match(filled.body, new RegExp(`Họ và tên[^<]*: Nguyễn Văn An <span class="saved-source">\\(nguồn: ${POPULATION_LABEL}`));
    const logged = (await uses()).slice(before);
    assert.equal(logged.length, 1);
    assert.deepEqual([logged[0]!.source, logged[0]!.purpose, logged[0]!.reference], ['dan-cu', 'prefill', '056090001234']);
    assert.match(logged[0]!.subject, /Điền tờ khai: .*Họ và tên/);
  });

  test('through the API, papers the databases provide are not asked for: the identity copy (population), the degree and the health certificate (digitised results); each use logged with the application', async () => {
    const before = (await uses()).length;
    const res = await app.inject(apiSubmission(as('an.dan'), PHARMACIST, answers(PHARMACIST), [], ['component:van-bang', 'component:suc-khoe']));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    // Only the photo and the practice certificate were sent as files.
    assert.deepEqual(await attachmentsOf(code), ['anh-chan-dung', 'xac-nhan-thuc-hanh']);
    const logged = (await uses()).slice(before);
    assert.deepEqual(
      logged.map((u) => [u.source, u.purpose, u.component_id, u.application_code]).sort(),
      [
        ['dan-cu', 'component', 'giay-to-tuy-than', code],
        ['ket-qua-so', 'component', 'suc-khoe', code],
        ['ket-qua-so', 'component', 'van-bang', code],
      ],
    );
    assert.match(logged.find((u) => u.component_id === 'van-bang')!.subject, /Bằng Dược sĩ đại học, do Trường Đại học Y Dược Thành phố Hồ Chí Minh cấp ngày 15\/07\/2013/);
    // The person's usage page shows each use with its database, the application and the agency.
    const usage = await app.inject({ url: '/kho-du-lieu/nhat-ky', cookies: jar });
    assert.equal(usage.statusCode, 200);
    assert.match(usage.body, /<h2 id="csdl-quoc-gia">Khai thác cơ sở dữ liệu quốc gia<\/h2>/);
    assert.match(usage.body, new RegExp(`${POPULATION_LABEL}[\\s\\S]*Thay giấy tờ trong hồ sơ[\\s\\S]*${code.replace(/\./g, '\\.')}`));
    assert.match(usage.body, /lấy từ Kho kết quả số hóa/);
    // The same log through the API, for the caller only.
    const api = await app.inject({ url: '/api/v1/me/datasource-uses', headers: as('an.dan') });
    assert.equal(api.statusCode, 200);
    const items = (api.json() as { items: { source: string; sourceName: string; purpose: string; application: string | null }[] }).items.filter((i) => i.application === code);
    assert.deepEqual(items.map((i) => [i.source, i.sourceName, i.purpose]).sort(), [
      ['dan-cu', 'CSDL quốc gia về dân cư', 'component'],
      ['ket-qua-so', 'Kho kết quả số hóa', 'component'],
      ['ket-qua-so', 'Kho kết quả số hóa', 'component'],
    ]);
    assert.deepEqual((await app.inject({ url: '/api/v1/me/datasource-uses', headers: as('binh.dan') })).json(), { items: [] });
    assert.equal((await app.inject({ url: '/api/v1/me/datasource-uses' })).statusCode, 401);
  });

  test('a birth certificate registered electronically satisfies "Giấy khai sinh" (civil status, by number and name)', async () => {
    const before = (await uses()).length;
    const res = await app.inject(apiSubmission(as('an.dan'), CIVIL, answers(CIVIL), [], ['component:birthCertificate', 'component:giay-khai-sinh']));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    assert.ok(!(await attachmentsOf(code)).includes('giay-khai-sinh'));
    const logged = (await uses()).slice(before);
    assert.deepEqual(logged.map((u) => [u.source, u.component_id, u.reference]), [['ho-tich', 'giay-khai-sinh', '145/1990']]);
    assert.match(logged[0]!.subject, /Giấy khai sinh số 145\/1990 của Nguyễn Văn An/);
    assert.ok(sim.requests.some((r) => r.path.startsWith('/ho-tich/khai-sinh?soDinhDanh=056090001234&hoTen=') && r.authorised));
  });

  test('the files step shows "Lấy từ CSDL quốc gia về dân cư" beside the component; down, it asks for the paper instead', async () => {
    const def = demoDefinition(PHARMACIST)!;
    const page = await app.inject({ url: '/ho-so', cookies: jar });
    remember(jar, page);
    const filled = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([['_csrf', csrfOf(page.body)], ...formBodyFromAnswers(def, def.example!)]).toString() });
    assert.equal(filled.statusCode, 303);
    const step = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, cookies: jar });
    assert.match(step.body, /Lấy từ CSDL quốc gia về dân cư — không cần nộp: thông tin công dân Nguyễn Văn An, số định danh cá nhân 056090001234/);
    assert.match(step.body, /Lấy từ Kho kết quả số hóa — không cần nộp: Bằng Dược sĩ đại học/);
    // The photo and the practice certificate are sent; the check page names what the databases stand in for.
    const token = csrfOf(step.body);
    const files = multipart([{ name: '_csrf', value: token }, { name: 'component:anh-chan-dung', filename: 'anh.jpg', data: jpeg(), type: 'image/jpeg' }, { name: 'component:xac-nhan-thuc-hanh', filename: 'xn.pdf', data: pdf(), type: 'application/pdf' }, { name: '_action', value: 'tiep' }]);
    const sent = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, cookies: jar, ...files });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 2000));
    const check = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/kiem-tra`, cookies: jar });
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /thông tin công dân Nguyễn Văn An[\s\S]{0,400}lấy từ CSDL quốc gia về dân cư, không cần nộp/);
    assert.match(check.body, /Giấy chứng nhận sức khỏe, do Bệnh viện Đa khoa tỉnh Khánh Hòa[\s\S]{0,400}lấy từ Kho kết quả số hóa, không cần nộp/);
    sim.mode = 'fail';
    const down = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, cookies: jar });
    assert.doesNotMatch(down.body, /không cần nộp: thông tin công dân/);
    assert.match(down.body, /Không lấy được thông tin từ CSDL quốc gia về dân cư lúc này: hãy tải lên bản giấy tờ này\./);
  });

  for (const mode of ['fail', 'garbage'] as const) {
    test(`the simulator ${mode === 'fail' ? 'down (500)' : 'answering garbage'}: the identity copy and the birth certificate are asked for, the submission without them refused, nothing stored`, async () => {
      sim.mode = mode;
      const counts = await snapshot(get().db);
      const before = (await uses()).length;
      const res = await app.inject(apiSubmission(as('an.dan'), PHARMACIST, answers(PHARMACIST)));
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json() as { error: { code: string; message: string }; missing: { component: string }[] };
      assert.equal(body.error.code, 'MISSING_COMPONENTS');
      assert.deepEqual(body.missing.map((m) => m.component), ['giay-to-tuy-than']);
      assert.match(body.error.message, /Hồ sơ còn thiếu 1 thành phần bắt buộc: Bản sao thẻ Căn cước hoặc hộ chiếu\./);
      const civil = await app.inject(apiSubmission(as('an.dan'), CIVIL, answers(CIVIL), [], ['component:birthCertificate', 'component:giay-khai-sinh']));
      assert.equal(civil.statusCode, 400, civil.body);
      assert.equal((civil.json() as { error: { code: string } }).error.code, 'MISSING_COMPONENTS');
      await assertMoved(get().db, counts, {}, `source ${mode}`);
      assert.equal((await uses()).length, before);
    });
  }

  test('a person the population database does not know, or whose date of birth differs from the record of the number, is asked for the paper and offered nothing from it', async () => {
    for (const user of ['binh.dan', 'gia.mao']) {
      const res = await app.inject(apiSubmission(as(user), PHARMACIST, answers(PHARMACIST)));
      assert.equal(res.statusCode, 400, res.body);
      assert.equal((res.json() as { error: { code: string } }).error.code, 'MISSING_COMPONENTS', user);
    }
    const other = await signedIn(app, 'gia.mao', TEST_PASSWORD);
    const page = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: other });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /12 Trần Phú|20\/11\/2026|CSDL quốc gia về dân cư/);
  });

  test('a source that never answers holds neither the e-form nor the submission beyond the timeout', async () => {
    sim.mode = 'slow';
    const counts = await snapshot(get().db);
    let t = Date.now();
    const page = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: jar });
    const pageMs = Date.now() - t;
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, new RegExp(POPULATION_LABEL));
    assert.ok(pageMs >= TIMEOUT_MS - 100 && pageMs < TIMEOUT_MS + 1500, `the page took ${pageMs} ms`);
    t = Date.now();
    const res = await app.inject(apiSubmission(as('an.dan'), PHARMACIST, answers(PHARMACIST)));
    const submitMs = Date.now() - t;
    assert.equal((res.json() as { error: { code: string } }).error.code, 'MISSING_COMPONENTS');
    // The slots are asked together: one timeout, not one per component.
    assert.ok(submitMs < TIMEOUT_MS + 1500, `the submission took ${submitMs} ms`);
    await assertMoved(get().db, counts, {}, 'source slow');
  });
});
