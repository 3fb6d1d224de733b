// A1, A4, A5, F6 through pages and the API on each database: files in a submission (checked by
// content, stored before the transaction that names them), downloads only for the applicant and
// the agency, the request for documents and the online supplement with the clock paused, the
// one apology, and two officers acting at once.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Document, Packer, Paragraph } from 'docx';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { createPeople, TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { apiToken, csrfOf, type Jar, remember, signedIn as signedInAs } from './helpers/session.ts';
import { jpeg, multipart, pdf, type Part } from './helpers/submission.ts';
import { docxBomb } from './helpers/zip.ts';

const PHARMACIST = '1.004616';

const REQUIRED_FILES = (): Part[] => [
  { name: 'component:anh-chan-dung', filename: 'ảnh 4x6.jpg', data: jpeg(), type: 'image/jpeg' },
  { name: 'component:van-bang', filename: 'văn bằng.pdf', data: pdf(3000), type: 'application/pdf' },
  { name: 'component:suc-khoe', filename: 'suc-khoe.pdf', data: pdf(2500), type: 'application/pdf' },
  { name: 'component:xac-nhan-thuc-hanh', filename: 'thuc-hanh.pdf', data: pdf(2600), type: 'application/pdf' },
];

describeEachDatabase('attachments, supplements and apologies', (get) => {
  let app: FastifyInstance;
  let dataDir = '';
  const def = demoDefinition(PHARMACIST)!;
  const jars: Record<string, Jar> = {};
  const tokens: Record<string, string> = {};

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createPeople(db, { 'an.dan': { phone: '0912345678' }, 'binh.dan': {}, 'cb.yte': {}, 'cb.yte2': {}, 'cb.phuong': {} });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-attach-'));
    app = await testApp(db, { DATA_DIR: dataDir });
    for (const u of ['an.dan', 'binh.dan', 'cb.yte', 'cb.yte2', 'cb.phuong']) {
      jars[u] = await signedInAs(app, u, TEST_PASSWORD);
      tokens[u] = await apiToken(app, u);
    }
  });
  after(() => app.close());

  const count = async () => Number((await get().db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const attachmentCount = async () => Number((await get().db.selectFrom('application_attachment').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const csrf = async (jar: Jar) => {
    const page = await app.inject({ url: '/ho-so', cookies: jar });
    remember(jar, page);
    return csrfOf(page.body);
  };
  const form = (fields: [string, string][]) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  /** The last step of the e-form: every answer at once; a form with files goes on to "Thành phần hồ sơ". */
  const fillForm = async (jar: Jar) => app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: jar, ...form([['_csrf', await csrf(jar)], ...formBodyFromAnswers(def, def.example!)]) });
  /** The "Thành phần hồ sơ" step's multipart form. */
  const sendFiles = async (jar: Jar, files: Part[], options: { token?: string; action?: string } = {}) => {
    const body = multipart([{ name: '_csrf', value: options.token ?? (await csrf(jar)) }, ...files, { name: '_action', value: options.action ?? 'tiep' }]);
    return app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, cookies: jar, ...body });
  };
  /** "Gửi hồ sơ" on the check page: the answers it carries, the files staged with the draft. */
  const sendApplication = async (jar: Jar) => app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/nop-ho-so`, cookies: jar, ...form([['_csrf', await csrf(jar)], ...formBodyFromAnswers(def, def.example!)]) });
  const submitByPage = async (jar: Jar, files: Part[]) => {
    assert.equal((await fillForm(jar)).statusCode, 303);
    const step = await sendFiles(jar, files);
    assert.equal(step.statusCode, 303, step.body.slice(0, 3000));
    return sendApplication(jar);
  };
  const codeIn = (html: string) => /class="application-code">([^<]+)</.exec(html)?.[1] ?? '';
  const rows = async (table: 'application' | 'application_attachment' | 'notice' | 'delivery' | 'draft_attachment' | 'form_draft' | 'vault_document') => Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const received = async () => Number((await get().db.selectFrom('service_stat_month').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('online_received'), eb.val('0')).as('n')).where('service_code', '=', PHARMACIST).executeTakeFirstOrThrow()).n);
  const state = async () => ({ applications: await rows('application'), attachments: await rows('application_attachment'), notices: await rows('notice'), deliveries: await rows('delivery'), drafts: await rows('form_draft'), staged: await rows('draft_attachment'), received: await received() });

  test('the last step of the form leads to "Bước 5/6: Thành phần hồ sơ": one file input per component, kinds and largest size at the picker; nothing is stored but the draft', async () => {
    const before = await state();
    const filled = await fillForm(jars['an.dan']!);
    assert.equal(filled.statusCode, 303);
    assert.equal(filled.headers.location, `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`);
    const page = await app.inject({ url: filled.headers.location, cookies: jars['an.dan'] });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Thành phần hồ sơ<\/h1>/);
    assert.match(page.body, /<title>Bước 5\/6: Thành phần hồ sơ/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    for (const c of ['anh-chan-dung', 'van-bang', 'suc-khoe', 'xac-nhan-thuc-hanh', 'giay-to-tuy-than']) assert.ok(page.body.includes(`name="component:${c}"`), c);
    assert.match(page.body, /Nhận tệp JPEG, PNG; tối đa 5 MB\./);
    assert.match(page.body, /Nhận tệp PDF, JPEG, PNG; tối đa 10 MB\./);
    assert.match(page.body, /Bản sao thẻ Căn cước hoặc hộ chiếu \(nếu có\)/);
    assert.match(page.body, /<script type="module" src="\/assets\/upload.js">/);
    // Reloading the step is a GET that works; nothing but the draft was written.
    assert.equal((await app.inject({ url: filled.headers.location, cookies: jars['an.dan'] })).statusCode, 200);
    assert.deepEqual(await state(), { ...before, drafts: before.drafts + (before.drafts ? 0 : 1) });
  });

  test('one “Gửi hồ sơ”, one application: the files, the first status, one notice, one delivery per channel, the statistics +1, the draft and its files gone — and nothing else', async () => {
    const jar = jars['an.dan']!;
    const { db } = get();
    await db.deleteFrom('form_draft').execute();
    const before = await state();
    assert.equal((await fillForm(jar)).statusCode, 303);
    const step = await sendFiles(jar, REQUIRED_FILES());
    assert.equal(step.statusCode, 303, step.body.slice(0, 2000));
    assert.equal(step.headers.location, `/dich-vu-cong/${PHARMACIST}/kiem-tra`);
    assert.deepEqual(await state(), { ...before, drafts: before.drafts + 1, staged: before.staged + 4 }, 'the files wait with the draft; no application yet');
    const check = await app.inject({ url: step.headers.location, cookies: jar });
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /<title>Bước 6\/6: Kiểm tra lại và gửi/);
    assert.match(check.body, /Bước 5: Thành phần hồ sơ/);
    assert.match(check.body, /văn bằng\.pdf/);
    assert.match(check.body, /ảnh 4x6\.jpg/);
    assert.equal((check.body.match(/>Gửi hồ sơ</g) ?? []).length, 1, 'one button sends');
    const res = await sendApplication(jar);
    assert.equal(res.statusCode, 201, res.body.slice(0, 2000));
    assert.match(res.body, /Thông tin của quý khách đã được tiếp nhận/);
    const code = codeIn(res.body);
    const after = await state();
    assert.equal(after.applications, before.applications + 1, 'exactly one application');
    assert.equal(after.attachments, before.attachments + 4);
    assert.equal(after.notices, before.notices + 1, 'one notice');
    assert.equal(after.received, before.received + 1, 'the Art. 11.3 figure counts it once');
    assert.equal(after.drafts, before.drafts, 'the draft is gone');
    assert.equal(after.staged, before.staged, 'its staged files are gone with it');
    assert.ok(after.deliveries >= before.deliveries, 'deliveries only for the one notice');
    const app1 = await db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(app1.status, 1);
    const files = await db.selectFrom('application_attachment').selectAll().where('application_id', '=', app1.id).orderBy('component_id').execute();
    assert.deepEqual(files.map((r) => r.component_id), ['anh-chan-dung', 'suc-khoe', 'van-bang', 'xac-nhan-thuc-hanh']);
    const photo = files.find((r) => r.component_id === 'anh-chan-dung')!;
    assert.equal(photo.sha256, createHash('sha256').update(jpeg()).digest('hex'));
    assert.equal(photo.kind, 'jpeg');
    assert.equal(photo.original_name, 'ảnh 4x6.jpg');
    assert.equal(Number(photo.size), 2048);
    // Sending the same page again does not make a twin: it shows the application the first one made.
    const again = await sendApplication(jar);
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Hồ sơ này đã được gửi trước đó; không có hồ sơ thứ hai nào được tạo/);
    assert.equal(codeIn(again.body), code);
    assert.deepEqual(await state(), after, 'nothing written');
    // Three presses at once, after filling again: one application.
    assert.equal((await fillForm(jar)).statusCode, 303);
    assert.equal((await sendFiles(jar, REQUIRED_FILES())).statusCode, 303);
    const presses = await Promise.all([sendApplication(jar), sendApplication(jar), sendApplication(jar)]);
    assert.deepEqual(presses.map((r) => r.statusCode).sort(), [200, 200, 201]);
    assert.equal(new Set(presses.map((r) => codeIn(r.body))).size, 1, 'every answer names the one application');
    assert.equal(await rows('application'), after.applications + 1);
  });

  test('bad files are refused with a clear Vietnamese message; the valid ones and the answers are kept; nothing reaches an application', async () => {
    const jar = jars['an.dan']!;
    const { db } = get();
    await db.deleteFrom('form_draft').execute();
    assert.equal((await fillForm(jar)).statusCode, 303);
    const before = await state();
    const swap = (name: string, part: Part) => REQUIRED_FILES().map((p) => (p.name === name ? part : p));

    const fake = await sendFiles(jar, swap('component:van-bang', { name: 'component:van-bang', filename: 'van-bang.pdf', data: Buffer.from('Tôi không phải PDF, chỉ là chữ.'), type: 'application/pdf' }));
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /Tệp &quot;van-bang.pdf&quot; không phải PDF, JPEG, PNG \(kiểm tra theo nội dung tệp, không theo tên\)/);
    assert.match(fake.body, /Có 1 lỗi cần sửa/);
    assert.match(fake.body, /Đã giữ 3 tệp hợp lệ cùng bản nháp/);
    assert.match(fake.body, /Đã tải lên: <strong>ảnh 4x6\.jpg<\/strong>/, 'a valid file is kept and shown');
    assert.equal(await rows('draft_attachment'), before.staged + 3);

    const photoAsPdf = await sendFiles(jar, [{ name: 'component:anh-chan-dung', filename: 'anh.jpg', data: pdf(), type: 'image/jpeg' }]);
    assert.equal(photoAsPdf.statusCode, 400);
    assert.match(photoAsPdf.body, /chỉ nhận JPEG, PNG/);

    const empty = await sendFiles(jar, [{ name: 'component:suc-khoe', filename: 'suc-khoe.pdf', data: Buffer.alloc(0) }]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Tệp &quot;suc-khoe.pdf&quot; rỗng \(0 byte\)/);

    const big = await sendFiles(jar, [{ name: 'component:anh-chan-dung', filename: 'anh-lon.jpg', data: jpeg(5 * 1024 * 1024 + 1) }]);
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /lớn hơn dung lượng tối đa 5 MB/);

    const huge = await sendFiles(jar, [{ name: 'component:van-bang', filename: 'van-bang.pdf', data: pdf(10 * 1024 * 1024 + 1) }]);
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /lớn hơn dung lượng tối đa 10 MB/);

    // Far over the limit (a 30 MB scan, sent without JavaScript): the same reason, the step again with its way on.
    const scan = await sendFiles(jar, [{ name: 'component:van-bang', filename: 'scan-30mb.pdf', data: pdf(30 * 1024 * 1024) }, { name: 'component:suc-khoe', filename: 'suc-khoe-2.pdf', data: pdf(2000) }]);
    assert.equal(scan.statusCode, 400);
    assert.match(scan.body, /Tệp &quot;scan-30mb.pdf&quot; lớn hơn dung lượng tối đa 10 MB/);
    assert.doesNotMatch(scan.body, /không đúng định dạng/);
    assert.match(scan.body, /<h1>Thành phần hồ sơ<\/h1>/);
    assert.match(scan.body, /Đã tải lên: <strong>suc-khoe-2\.pdf<\/strong>/, 'the valid file sent with it is kept');

    const many = await sendFiles(jar, Array.from({ length: 21 }, (_, i) => ({ name: 'component:giay-to-tuy-than', filename: `cccd-${i}.pdf`, data: pdf() })));
    assert.equal(many.statusCode, 413);
    assert.match(many.body, /Gửi quá nhiều tệp: tối đa 20 tệp một lần/);
    assert.match(many.body, /<h1>Thành phần hồ sơ<\/h1>/, 'the step again, not a dead end');

    const twice = await sendFiles(jar, [{ name: 'component:van-bang', filename: 'a.pdf', data: pdf() }, { name: 'component:van-bang', filename: 'van-bang-2.pdf', data: pdf() }]);
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /Mỗi thành phần chỉ nhận một tệp/);

    const missing = await sendFiles(jar, []);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Hãy chọn tệp cho &quot;Văn bằng chuyên môn[^&]*&quot;|Hãy chọn tệp cho &quot;/);

    const forged = await sendFiles(jar, REQUIRED_FILES(), { token: 'x'.repeat(43) });
    assert.equal(forged.statusCode, 403);

    // Back to the form and forward again: the answers come back from the draft, the kept files stay.
    const back = await sendFiles(jar, [], { action: 'lui' });
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, `/dich-vu-cong/${PHARMACIST}/to-khai?buoc=4`);
    const resumed = await app.inject({ url: back.headers.location, cookies: jar });
    assert.match(resumed.body, /Bước 4\/6/);
    assert.equal(await rows('draft_attachment'), before.staged + 3);
    const after = await state();
    assert.deepEqual({ ...after, staged: before.staged }, before, 'no application, notice or statistics from any of it');

    // The missing file, then the application goes in with all four.
    const done = await sendFiles(jar, [REQUIRED_FILES().find((p) => p.name === 'component:van-bang')!]);
    assert.equal(done.statusCode, 303, done.body.slice(0, 2000));
    const sent = await sendApplication(jar);
    assert.equal(sent.statusCode, 201);
    assert.equal(await rows('application'), before.applications + 1);
  });

  test('a visitor is told at step 1 that sending needs an account; after signing in every answer is there again', async () => {
    const { db } = get();
    await db.deleteFrom('form_draft').execute();
    const first = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai` });
    assert.match(first.body, /Để gửi hồ sơ, bạn cần đăng nhập \(hoặc đăng ký tài khoản\)/);
    const jar: Jar = {};
    remember(jar, first);
    const token = csrfOf(first.body);
    const kept = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: jar, ...form([['_csrf', token], ['_step', '0'], ['_action', 'dang-nhap'], ...formBodyFromAnswers(def, def.example!)]) });
    assert.equal(kept.statusCode, 303);
    assert.match(String(kept.headers.location), /^\/dang-nhap\?next=/);
    remember(jar, kept);
    const signIn = await app.inject({ url: String(kept.headers.location), cookies: jar });
    remember(jar, signIn);
    const signedIn = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: jar, ...form([['_csrf', csrfOf(signIn.body)], ['login', 'binh.dan'], ['password', TEST_PASSWORD], ['next', `/dich-vu-cong/${PHARMACIST}/to-khai`]]) });
    assert.equal(signedIn.statusCode, 303);
    remember(jar, signedIn);
    const back = await app.inject({ url: String(signedIn.headers.location), cookies: jar });
    assert.match(back.body, /Mọi thông tin bạn đã khai trước khi đăng nhập đã được giữ lại/);
    const fullName = String((def.example as Record<string, unknown>).hoTen ?? '');
    if (fullName) assert.ok(back.body.includes(fullName), 'a typed answer is on the page');
    const draft = await db.selectFrom('form_draft as d').innerJoin('account as a', 'a.id', 'd.account_id').select(['d.answers']).where('a.username', '=', 'binh.dan').executeTakeFirst();
    assert.ok(draft, 'the answers became the account’s draft');
    assert.equal(await rows('visitor_draft' as never), 0, 'the visitor’s copy is gone');
  });

  test('through the API: multipart with component:<id> parts, files listed on GET; bad files refused with nothing stored; JSON without the required papers refused with their list', async () => {
    const auth = { authorization: `Bearer ${tokens['an.dan']}` };
    const body = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES()]);
    const created = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...body.headers }, payload: body.payload });
    assert.equal(created.statusCode, 201, created.body);
    const { code } = created.json() as { code: string };
    const read = (await app.inject({ url: `/api/v1/applications/${code}`, headers: auth })).json() as { components: { componentId: string; sha256: string; kind: string; size: number; href: string }[] };
    assert.equal(read.components.length, 4);
    assert.equal(read.components.find((c) => c.componentId === 'van-bang')?.sha256, createHash('sha256').update(pdf(3000)).digest('hex'));

    const before = [await count(), await attachmentCount()];
    const bad = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES().slice(1), { name: 'component:anh-chan-dung', filename: 'a.jpg', data: Buffer.from('GIF89a') }]);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...bad.headers }, payload: bad.payload });
    assert.equal(refused.statusCode, 400);
    assert.equal((refused.json() as { error: { code: string } }).error.code, 'INVALID_FILES');
    const missing = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES().slice(1)]);
    const refused2 = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...missing.headers }, payload: missing.payload });
    assert.equal(refused2.statusCode, 400);
    assert.match((refused2.json() as { error: { message: string } }).error.message, /Hồ sơ còn thiếu 1 thành phần bắt buộc: 02 ảnh chân dung/);
    const unknown = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES(), { name: 'component:khong-co', filename: 'x.pdf', data: pdf() }]);
    const refused3 = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...unknown.headers }, payload: unknown.payload });
    assert.equal(refused3.statusCode, 400);
    assert.match((refused3.json() as { error: { message: string } }).error.message, /không thuộc thành phần hồ sơ nào/);
    assert.deepEqual([await count(), await attachmentCount()], before);

    // The same completeness rule as the page: JSON carries no file, so the required papers are missing.
    const json = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth, payload: { service: PHARMACIST, data: def.example } });
    assert.equal(json.statusCode, 400);
    const problem = json.json() as { error: { code: string; message: string }; missing: { component: string }[] };
    assert.equal(problem.error.code, 'MISSING_COMPONENTS');
    assert.deepEqual(problem.missing.map((m) => m.component).sort(), ['anh-chan-dung', 'suc-khoe', 'van-bang', 'xac-nhan-thuc-hanh']);
    assert.match(problem.error.message, /Hồ sơ còn thiếu 4 thành phần bắt buộc/);
    assert.deepEqual([await count(), await attachmentCount()], before);
  });

  test('a Word file that expands to 1 GiB, or that is not a sound ZIP, is refused with its reason and nothing is kept; a real .docx is accepted', async () => {
    const auth = { authorization: `Bearer ${tokens['an.dan']}` };
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const onDisk = (b: Buffer) => existsSync(path.join(dataDir, 'files', sha(b).slice(0, 2), sha(b).slice(2, 4), sha(b)));
    const send = (file: Buffer) => {
      const body = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES(), { name: 'component:don-de-nghi', filename: 'don-de-nghi.docx', data: file, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }]);
      return app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...body.headers }, payload: body.payload });
    };
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Đơn đề nghị cấp Chứng chỉ hành nghề dược')] }] }));
    // 1 GiB of zeros in about 1 MB, its directory claiming 1 KB.
    const bomb = docxBomb(1024, 1024);
    assert.ok(bomb.length < 2 * 1024 * 1024);
    const broken = Buffer.concat([docx.subarray(0, 2000), Buffer.alloc(3000, 0x41)]);
    const before = [await count(), await attachmentCount()];
    for (const [file, reason] of [
      [bomb, /Tệp "don-de-nghi\.docx" khi giải nén quá lớn \(có thể là tệp nén độc hại\); tệp không được nhận/],
      [broken, /Tệp "don-de-nghi\.docx" bị hỏng: nội dung nén bên trong không đọc được/],
    ] as const) {
      const refused = await send(file);
      assert.equal(refused.statusCode, 400, refused.body);
      const error = (refused.json() as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'INVALID_FILES');
      assert.match(error.message, reason);
      assert.match(error.message, /không có gì được lưu/);
      for (let i = 0; i < 50 && onDisk(file); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(onDisk(file), false, 'the refused file is still on disk');
    }
    assert.deepEqual([await count(), await attachmentCount()], before);

    const accepted = await send(docx);
    assert.equal(accepted.statusCode, 201, accepted.body);
    const { code } = accepted.json() as { code: string };
    const read = (await app.inject({ url: `/api/v1/applications/${code}`, headers: auth })).json() as { components: { componentId: string; kind: string; sha256: string }[] };
    assert.deepEqual(read.components.find((c) => c.componentId === 'don-de-nghi'), { ...read.components.find((c) => c.componentId === 'don-de-nghi'), kind: 'docx', sha256: sha(docx) });
    assert.ok(onDisk(docx));
  });

  test('files are listed on the officer’s page with kind, size and SHA-256; the applicant and the agency download them, anyone else gets 404', async () => {
    await get().db.deleteFrom('form_draft').execute();
    const res = await submitByPage(jars['an.dan']!, REQUIRED_FILES());
    const code = codeIn(res.body);
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: jars['cb.yte'] });
    assert.equal(page.statusCode, 200);
    const sha = createHash('sha256').update(pdf(3000)).digest('hex');
    assert.ok(page.body.includes(sha), 'SHA-256 shown');
    assert.match(page.body, /<td[^>]*>PDF<\/td>/);
    assert.match(page.body, /<td[^>]*>3 KB<\/td>/);
    const href = new RegExp(`href="(/ho-so/${code.replaceAll('.', '\\.')}/tep/[0-9a-f-]{36})"[^>]*>văn bằng\\.pdf<`).exec(page.body)?.[1] ?? '';
    assert.ok(href, 'a download link');
    for (const who of ['an.dan', 'cb.yte']) {
      const file = await app.inject({ url: href, cookies: jars[who] });
      assert.equal(file.statusCode, 200, who);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''v%C4%83n%20b%E1%BA%B1ng\.pdf/);
      assert.deepEqual(file.rawPayload, pdf(3000));
    }
    for (const who of ['cb.phuong', 'binh.dan']) assert.equal((await app.inject({ url: href, cookies: jars[who] })).statusCode, 404, who);
    assert.equal((await app.inject({ url: href })).statusCode, 303, 'signing in first');
    assert.equal((await app.inject({ url: `/ho-so/${code}/tep/00000000-0000-0000-0000-000000000000`, cookies: jars['an.dan'] })).statusCode, 404);
    const mine = await app.inject({ url: `/ho-so/${code}`, cookies: jars['an.dan'] });
    assert.ok(mine.body.includes(href));
  });

  test('an upload broken off in the middle of its body leaves no application and no file behind', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const before = [await count(), await attachmentCount()];
    const jar = jars['an.dan']!;
    await get().db.deleteFrom('form_draft').execute();
    assert.equal((await fillForm(jar)).statusCode, 303);
    const stagedBefore = await rows('draft_attachment');
    const body = multipart([{ name: '_csrf', value: await csrf(jar) }, ...REQUIRED_FILES(), { name: 'component:giay-to-tuy-than', filename: 'cccd.pdf', data: pdf(3 * 1024 * 1024) }]);
    const cookie = Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    const sent = body.payload.subarray(0, body.payload.length - 1024 * 1024);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`POST /dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length}\r\n\r\n`);
        socket.write(sent, () => setImmediate(() => (socket.destroy(), resolve())));
      });
      socket.on('error', reject);
    });
    // The server notices the closed connection; its temporary file goes, and no row was written.
    const tmp = path.join(dataDir, 'files', 'tmp');
    for (let i = 0; i < 200 && readdirSync(tmp).length; i++) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(readdirSync(tmp), [], 'no partial file left');
    assert.deepEqual([await count(), await attachmentCount()], before);
    assert.equal(await rows('draft_attachment'), stagedBefore, 'nothing staged from a broken body');
    const after = await sendFiles(jar, REQUIRED_FILES());
    assert.equal(after.statusCode, 303, 'the next try goes through');
    assert.equal((await sendApplication(jar)).statusCode, 201);
  });

  test('over a real connection, a 30 MB file is answered with its reason once the body has arrived, not left hanging', async () => {
    // The app listens since the test above. A refusal in the middle of the body used to destroy the
    // part while the browser was still sending: the request never ended.
    const port = (app.server.address() as AddressInfo).port;
    const jar = jars['an.dan']!;
    await get().db.deleteFrom('form_draft').execute();
    assert.equal((await fillForm(jar)).statusCode, 303);
    // The parts in the page's order, the empty file inputs included, as Chromium sends them.
    const body = multipart([
      { name: '_csrf', value: await csrf(jar) },
      { name: 'component:anh-chan-dung', filename: 'anh.jpg', data: jpeg(), type: 'image/jpeg' },
      { name: 'component:van-bang', filename: 'scan-30mb.pdf', data: pdf(30 * 1024 * 1024), type: 'application/pdf' },
      { name: 'component:suc-khoe', filename: '', data: Buffer.alloc(0) },
      { name: 'component:xac-nhan-thuc-hanh', filename: '', data: Buffer.alloc(0) },
      { name: '_action', value: 'tiep' },
    ]);
    // Sent as a browser sends it: the whole body first, on a kept-alive connection, and only then is
    // the answer read. A server that stops reading the body leaves such a browser waiting forever.
    const cookie = Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    const answer = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let sentAll = false;
      const socket = net.connect(port, '127.0.0.1', async () => {
        socket.write(`POST /dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length}\r\nConnection: keep-alive\r\n\r\n`);
        for (let at = 0; at < body.payload.length && !socket.destroyed; at += 64 * 1024) {
          if (!socket.write(body.payload.subarray(at, at + 64 * 1024))) await new Promise((r) => socket.once('drain', r));
        }
        sentAll = true;
        finish();
      });
      const timer = setTimeout(() => (socket.destroy(), reject(new Error(`after 30 s the body was ${sentAll ? '' : 'not '}all sent: the request hangs`))), 30_000);
      const finish = () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const head = text.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/i.exec(text.slice(0, head))?.[1] ?? NaN);
        if (sentAll && head > 0 && Buffer.byteLength(text.slice(head + 4)) >= length) {
          clearTimeout(timer);
          socket.destroy();
          resolve(text);
        }
      };
      socket.on('data', (d: Buffer) => (chunks.push(d), finish()));
      socket.on('error', () => undefined);
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
    const html = answer;
    assert.match(html, /Tệp &quot;scan-30mb.pdf&quot; lớn hơn dung lượng tối đa 10 MB/);
    assert.match(html, /Quay lại bước trước/, 'the way back is on the page');
  });

  const submitByApi = async () => {
    const body = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES()]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${tokens['an.dan']}`, ...body.headers }, payload: body.payload });
    return (res.json() as { code: string }).code;
  };
  const move = (code: string, who: string, status: number, note?: string) =>
    app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: { authorization: `Bearer ${tokens[who]}` }, payload: { status, ...(note && { note }) } });
  const officerPost = (code: string, action: string, fields: Record<string, string | string[]>) =>
    csrf(jars['cb.yte']!).then((token) => {
      const form = new URLSearchParams([['_csrf', token]]);
      for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) form.append(k, one);
      return app.inject({ method: 'POST', url: `/can-bo/ho-so/${code}/${action}`, cookies: jars['cb.yte'], headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    });

  test('the officer lists everything needed at once; the applicant supplements online; the application goes back to processing, recorded on the timeline', async () => {
    const { db } = get();
    const code = await submitByApi();
    assert.equal((await move(code, 'cb.yte', 2)).statusCode, 200);
    assert.equal((await move(code, 'cb.yte', 4)).statusCode, 200);

    const empty = await officerPost(code, 'bo-sung', { reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Hãy liệt kê đầy đủ một lần các giấy tờ cần bổ sung/);
    assert.match(empty.body, /Hãy ghi lý do yêu cầu bổ sung/);
    assert.equal((await db.selectFrom('application').select('status').where('code', '=', code).executeTakeFirstOrThrow()).status, 4, 'nothing changed');

    const asked = await officerPost(code, 'bo-sung', { component: ['van-bang'], other: 'Bản sao sổ hộ khẩu', reason: 'Văn bằng chụp mờ, không đọc được số hiệu.' });
    assert.equal(asked.statusCode, 303);
    const mine = await app.inject({ url: `/ho-so/${code}`, cookies: jars['an.dan'] });
    assert.match(mine.body, /Yêu cầu bổ sung giấy tờ/);
    assert.match(mine.body, /Văn bằng chụp mờ, không đọc được số hiệu\./);
    assert.match(mine.body, /Bản sao sổ hộ khẩu — chưa nộp/);
    assert.ok(mine.body.includes(`href="/ho-so/${code}/bo-sung"`));
    assert.equal((await app.inject({ url: `/ho-so/${code}/bo-sung`, cookies: jars['binh.dan'] })).statusCode, 404, 'someone else’s');

    const form = await app.inject({ url: `/ho-so/${code}/bo-sung`, cookies: jars['an.dan'] });
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('name="component:van-bang"'));
    assert.ok(form.body.includes('name="item:k1"'));
    const supply = async (files: Part[]) => {
      const body = multipart([{ name: '_csrf', value: await csrf(jars['an.dan']!) }, ...files]);
      return app.inject({ method: 'POST', url: `/ho-so/${code}/bo-sung`, cookies: jars['an.dan'], ...body });
    };
    const before = await attachmentCount();
    const half = await supply([{ name: 'component:van-bang', filename: 'van-bang-ro.pdf', data: pdf(4000) }]);
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /Hãy chọn tệp cho &quot;Bản sao sổ hộ khẩu&quot;/);
    const wrong = await supply([{ name: 'component:van-bang', filename: 'van-bang-ro.pdf', data: Buffer.from('not a pdf') }, { name: 'item:k1', filename: 'ho-khau.jpg', data: jpeg() }]);
    assert.equal(wrong.statusCode, 400);
    assert.equal(await attachmentCount(), before, 'nothing stored');

    const done = await supply([{ name: 'component:van-bang', filename: 'van-bang-ro.pdf', data: pdf(4000) }, { name: 'item:k1', filename: 'ho-khau.jpg', data: jpeg(3000) }]);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/ho-so/${code}?bo-sung=du`);
    const row = await db.selectFrom('application').select(['status', 'paused_days']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.status, 4);
    assert.equal(await attachmentCount(), before + 2);
    const after = await app.inject({ url: `/ho-so/${code}?bo-sung=du`, cookies: jars['an.dan'] });
    assert.match(after.body, /Đã nộp đủ giấy tờ bổ sung/);
    assert.match(after.body, /ngày làm việc chờ bổ sung không tính vào thời hạn giải quyết/);
    const officer = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: jars['cb.yte'] });
    assert.match(officer.body, /van-bang-ro\.pdf/);
    assert.match(officer.body, /\(bổ sung\)/);
    const again = await supply([{ name: 'component:van-bang', filename: 'x.pdf', data: pdf() }]);
    assert.equal(again.statusCode, 409, 'nothing more to supplement');
  });

  test('the clock stands still while the applicant is asked for documents: the due date moves on by the working days spent waiting', async () => {
    const { db } = get();
    const { transition } = await import('../src/applications/transitions.ts');
    const { supplyDocuments } = await import('../src/applications/attachments.ts');
    const { vietnamCalendar } = await import('../src/applications/index.ts');
    const cal = vietnamCalendar([2026, 2027]);
    const code = await submitByApi();
    await db.updateTable('application').set({ status: 4, due_date: '2026-12-10' }).where('code', '=', code).execute();
    const officer = { id: (await db.selectFrom('account').select('id').where('username', '=', 'cb.yte').executeTakeFirstOrThrow()).id, name: 'Cán bộ Y tế' };
    const applicant = { id: (await db.selectFrom('account').select('id').where('username', '=', 'an.dan').executeTakeFirstOrThrow()).id, name: 'Nguyễn Văn An' };
    // Asked on Monday 23/11 at 10:00, complete on Thursday 26/11 at 16:00 (after 15:00: counts from Friday).
    const asked = await transition(db, code, 5, 'officer', officer, 'Thiếu giấy khám sức khỏe.', { items: [{ id: 'c-suc-khoe', componentId: 'suc-khoe', label: 'Giấy chứng nhận sức khỏe' }], now: new Date('2026-11-23T10:00:00+07:00') });
    assert.ok(asked.ok);
    const file = { componentId: 'suc-khoe', label: 'Giấy chứng nhận sức khỏe', fileKey: createHash('sha256').update(pdf()).digest('hex'), sha256: createHash('sha256').update(pdf()).digest('hex'), size: 2048, kind: 'pdf', mime: 'application/pdf', originalName: 'suc-khoe.pdf', source: 'upload' as const, supplementItem: 'c-suc-khoe' };
    const supplied = await supplyDocuments(db, code, applicant, [file], cal, new Date('2026-11-26T16:00:00+07:00'));
    assert.deepEqual(supplied, { ok: true, value: { complete: true, status: 4 } });
    const row = await db.selectFrom('application').select(['due_date', 'paused_days']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.paused_days, 4);
    assert.equal(row.due_date, '2026-12-16', '10/12 + 4 working days');
    const request = await db.selectFrom('application_supplement_request').selectAll().innerJoin('application', 'application.id', 'application_supplement_request.application_id').where('application.code', '=', code).executeTakeFirstOrThrow();
    assert.equal(request.paused_days, 4);
    const event = await db.selectFrom('application_event').select('note').innerJoin('application', 'application.id', 'application_event.application_id').where('application.code', '=', code).where('status_to', '=', 4).orderBy('at', 'desc').executeTakeFirstOrThrow();
    assert.match(event.note ?? '', /4 ngày làm việc chờ bổ sung không tính vào thời hạn giải quyết\. Hạn giải quyết mới: 16\/12\/2026/);
  });

  test('an officer who will be late apologises with a new date once; a second apology is refused clearly; the applicant sees it on the timeline and in a notice', async () => {
    const { db } = get();
    const code = await submitByApi();
    await move(code, 'cb.yte', 2);
    const due = (await db.selectFrom('application').select('due_date').where('code', '=', code).executeTakeFirstOrThrow()).due_date!;
    const later = new Date(Date.parse(`${due}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const noReason = await officerPost(code, 'xin-loi', { date: later, apology: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Hãy ghi rõ lý do chậm trễ/);
    const early = await officerPost(code, 'xin-loi', { date: due, apology: 'Cần xác minh văn bằng.' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Ngày hẹn mới phải sau/);
    const sent = await officerPost(code, 'xin-loi', { date: later, apology: 'Cần xác minh văn bằng với trường cấp.' });
    assert.equal(sent.statusCode, 303);
    const second = await officerPost(code, 'xin-loi', { date: later, apology: 'Lần nữa.' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /mỗi hồ sơ chỉ được hẹn lại một lần/);
    assert.equal(Number((await db.selectFrom('application_apology').select((eb) => eb.fn.countAll<string>().as('n')).innerJoin('application', 'application.id', 'application_apology.application_id').where('application.code', '=', code).executeTakeFirstOrThrow()).n), 1);
    const row = await db.selectFrom('application').select('due_date').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.due_date, due, 'on time is still measured against the legal due date');
    const mine = await app.inject({ url: `/ho-so/${code}`, cookies: jars['an.dan'] });
    assert.match(mine.body, /Thư xin lỗi và hẹn lại ngày trả kết quả/);
    assert.match(mine.body, /Cần xác minh văn bằng với trường cấp\./);
    assert.ok(mine.body.includes(`Ngày hẹn trả kết quả mới: ${later.split('-').reverse().join('/')}`));
    const notices = (await app.inject({ url: '/api/v1/me/notifications', headers: { authorization: `Bearer ${tokens['an.dan']}` } })).json() as { items?: { title: string }[] } | { title: string }[];
    const list = Array.isArray(notices) ? notices : (notices.items ?? []);
    assert.ok(list.some((n) => n.title === `Hồ sơ ${code}: Thư xin lỗi và hẹn lại ngày trả kết quả`));
    const officerPage = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: jars['cb.yte'] });
    assert.doesNotMatch(officerPage.body, /Gửi thư xin lỗi/, 'the form is gone once used');
  });

  test('two officers acting at once cannot both win: one receives, the other’s refusal is turned away, and the history has one step', async () => {
    const { db } = get();
    const code = await submitByApi();
    const [a, b] = await Promise.all([move(code, 'cb.yte', 2), move(code, 'cb.yte2', 3, 'Không thuộc thẩm quyền.')]);
    const codes = [a.statusCode, b.statusCode].sort();
    assert.deepEqual(codes, [200, 409]);
    const events = await db.selectFrom('application_event').select('status_to').innerJoin('application', 'application.id', 'application_event.application_id').where('application.code', '=', code).execute();
    assert.equal(events.length, 2, 'submission and one decision');
    const twice = await Promise.all(Array.from({ length: 6 }, (_, i) => move(code, i % 2 ? 'cb.yte' : 'cb.yte2', 4)));
    assert.equal(twice.filter((r) => r.statusCode === 200).length, a.statusCode === 200 ? 1 : 0, 'at most one start of processing');
  });
});
