// The form designer at /quan-tri/bieu-mau (F1, F2, S5): an administrator makes a form from a
// service, edits it with plain form posts — each a new draft revision — previews and publishes it;
// a bad definition is refused with its JSON path and stores nothing; a stale revision is refused
// saying who saved when, and what was typed stays on the page; anyone else is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { formVersions, getVersion } from '../src/forms/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { paperFormDocx, paperTranscripts } from './helpers/paper-forms.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';

const SERVICE = '1.004599';
const FORM = 'tk-1-004599';
const BASE = `/quan-tri/bieu-mau/${FORM}`;

describeEachDatabase('the form designer', (get) => {
  let app: FastifyInstance;
  let admin: Jar;
  let other: Jar;
  const draftOf = async () => (await formVersions(get().db, FORM)).find((v) => v.status === 'draft');
  const documentOf = async () => (await getVersion(get().db, FORM, (await draftOf())!.version))!.document;
  /** Posts `fields` from the page at `page` with the draft revision and token that page showed. */
  const post = async (jar: Jar, page: string, action: string, fields: Record<string, string>) => {
    const form = await app.inject({ url: page, cookies: jar });
    remember(jar, form);
    const revision = /name="revision" value="(\d*)"/.exec(form.body)?.[1] ?? '';
    const res = await app.inject({ method: 'POST', url: action, cookies: jar, payload: new URLSearchParams({ _csrf: csrfOf(form.body), revision, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    remember(jar, res);
    return res;
  };

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'quan.tri', password: TEST_PASSWORD, fullName: 'Quản trị', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'quan.tri2', password: TEST_PASSWORD, fullName: 'Quản trị hai', role: 'admin', agencyCode: '000.00.00.H34' });
    await createAccount(db, { username: 'can.bo', password: TEST_PASSWORD, fullName: 'Cán bộ', role: 'officer', agencyCode: '000.00.12.H34' });
    app = await testApp(db);
    admin = await signedIn(app, 'quan.tri', TEST_PASSWORD);
    other = await signedIn(app, 'quan.tri2', TEST_PASSWORD);
  });
  after(() => app.close());

  test('an officer and a citizen are refused every designer page and post; nothing is created', async () => {
    const officer = await signedIn(app, 'can.bo', TEST_PASSWORD);
    for (const url of ['/quan-tri/bieu-mau', `${BASE}`, `${BASE}/json`, `${BASE}/xem-truoc`]) {
      const res = await app.inject({ url, cookies: officer });
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /Trang này chỉ dành cho quản trị viên\./);
    }
    const res = await submitForm(app, officer, '/', '/quan-tri/bieu-mau', { service: SERVICE });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await formVersions(get().db, FORM), []);
    assert.equal((await app.inject({ url: '/quan-tri/bieu-mau' })).statusCode, 303);
  });

  test('a form made from a service has the applicant block and one attachment per dossier component, as draft revision 1', async () => {
    const bad = await post(admin, '/quan-tri/bieu-mau', '/quan-tri/bieu-mau', { service: '9.999999' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Không có thủ tục mã “9\.999999” trong danh mục\./);
    const res = await post(admin, '/quan-tri/bieu-mau', '/quan-tri/bieu-mau', { service: SERVICE });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, BASE);
    const draft = await draftOf();
    assert.equal(draft?.revision, 1);
    const doc = await documentOf();
    assert.deepEqual(doc.services, [SERVICE]);
    assert.ok(doc.sections.some((s) => s.fields.some((f) => f.id === 'fullName' && f.prefill === 'fullName')));
    assert.ok(doc.sections.flatMap((s) => s.fields).filter((f) => f.type === 'attachment').length >= 2);
    const list = await app.inject({ url: '/quan-tri/bieu-mau', cookies: admin });
    assert.match(list.body, new RegExp(`${FORM}[\\s\\S]*${SERVICE.replace('.', '\\.')}[\\s\\S]*Nháp`));
    // The trail ends with the list's name once, not a link to the list and its name again.
    const trail = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(list.body)![0];
    assert.equal(trail.match(/Thiết kế biểu mẫu/g)?.length, 1, trail);
    const again = await post(admin, '/quan-tri/bieu-mau', '/quan-tri/bieu-mau', { service: SERVICE });
    assert.equal(again.statusCode, 409);
  });

  test('adding a section, a choice field with a condition on it, and moving a field each save a new revision', async () => {
    let res = await post(admin, BASE, `${BASE}/phan`, { title: 'Thông tin thêm', help: '', type: 'choice', label: 'Có con nhỏ' });
    assert.equal(res.statusCode, 303);
    assert.equal((await draftOf())!.revision, 2);
    let doc = await documentOf();
    const section = doc.sections.at(-1)!;
    assert.equal(section.title, 'Thông tin thêm');
    res = await post(admin, `${BASE}/phan/${section.id}`, `${BASE}/phan/${section.id}/truong`, { type: 'integer', label: 'Số con', required: 'true' });
    assert.equal(res.statusCode, 303);
    res = await post(admin, `${BASE}/truong/co-con-nho`, `${BASE}/truong/co-con-nho`, { label: 'Có con nhỏ', type: 'choice', options: 'co | Có\nkhong | Không' });
    assert.equal(res.statusCode, 303);
    res = await post(admin, `${BASE}/truong/so-con`, `${BASE}/truong/so-con`, { label: 'Số con', type: 'integer', required: 'true', 'show-field': 'co-con-nho', 'show-values': 'co', 'rule-min': '1' });
    assert.equal(res.statusCode, 303);
    res = await post(admin, BASE, `${BASE}/thao-tac`, { op: 'field-up', target: 'so-con' });
    assert.equal(res.statusCode, 303);
    doc = await documentOf();
    assert.deepEqual(
      doc.sections.at(-1)!.fields.map((f) => [f.id, f.showIf?.in]),
      [['so-con', ['co']], ['co-con-nho', undefined]],
    );
    assert.equal((await draftOf())!.revision, 6);
  });

  test('removing a field another depends on is refused with its reason; nothing is stored', async () => {
    const revision = (await draftOf())!.revision;
    const res = await post(admin, BASE, `${BASE}/thao-tac`, { op: 'field-remove', target: 'co-con-nho' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Không xóa được “Có con nhỏ”: điều kiện hoặc quy tắc của “Số con” dựa vào nó\./);
    assert.equal((await draftOf())!.revision, revision);
  });

  test('an invalid definition in the JSON view is refused with its JSON path and reason in Vietnamese; nothing is stored', async () => {
    const before = await documentOf();
    const revision = (await draftOf())!.revision;
    const broken = structuredClone(before);
    broken.sections.at(-1)!.fields[0]!.showIf = { field: 'khong-co' };
    const page = await app.inject({ url: `${BASE}/json`, cookies: admin });
    const res = await app.inject({
      method: 'POST',
      url: `${BASE}/json`,
      cookies: admin,
      payload: { _csrf: csrfOf(page.body), revision: String(revision), json: JSON.stringify(broken) },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, new RegExp(`/sections/${before.sections.length - 1}/fields/0/showIf/field: điều kiện dựa vào trường &quot;khong-co&quot; không có trong biểu mẫu\\.|/sections/${before.sections.length - 1}/fields/0/showIf/field: điều kiện dựa vào trường "khong-co" không có trong biểu mẫu\\.`));
    // What was typed stays in the box.
    assert.match(res.body, /khong-co/);
    const syntax = await app.inject({ method: 'POST', url: `${BASE}/json`, cookies: admin, payload: { _csrf: csrfOf(page.body), revision: String(revision), json: '{\n  "id": "x"\n  "title": "Tờ khai"\n}' } });
    assert.equal(syntax.statusCode, 400);
    assert.match(syntax.body, /Nội dung không phải JSON hợp lệ: cú pháp JSON không đúng ở dòng 3/);
    assert.equal((await draftOf())!.revision, revision);
    assert.deepEqual(await documentOf(), before);
  });

  test('a stale revision is refused: who saved when, what changed in the field, and what was typed is still on the page', async () => {
    const page = await app.inject({ url: `${BASE}/truong/so-con`, cookies: admin });
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1]!;
    const seen = /name="seen" value="([^"]*)"/.exec(page.body)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    // Another administrator renames the field meanwhile.
    const theirs = await post(other, `${BASE}/truong/so-con`, `${BASE}/truong/so-con`, { label: 'Số con dưới 6 tuổi', type: 'integer', required: 'true', 'show-field': 'co-con-nho', 'show-values': 'co' });
    assert.equal(theirs.statusCode, 303);
    const after = (await draftOf())!.revision;
    const res = await app.inject({
      method: 'POST',
      url: `${BASE}/truong/so-con`,
      cookies: admin,
      payload: { _csrf: csrfOf(page.body), revision, seen, label: 'Số con chung', type: 'integer' },
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Người khác đã lưu bản nháp này lúc \d\d:\d\d/);
    assert.match(res.body, /nhãn “Số con” → “Số con dưới 6 tuổi”/);
    assert.match(res.body, /value="Số con chung"/);
    assert.equal((await draftOf())!.revision, after);
    assert.equal((await documentOf()).sections.at(-1)!.fields[0]!.label, 'Số con dưới 6 tuổi');
  });

  test('publishing lists the field-level changes, then the published version is what the service offers; retiring stops it', async () => {
    const page = await app.inject({ url: `${BASE}/cong-bo`, cookies: admin });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Biểu mẫu chưa được công bố lần nào/);
    assert.match(page.body, /Thêm<\/strong> “Số con dưới 6 tuổi”/);
    const res = await post(admin, `${BASE}/cong-bo`, `${BASE}/cong-bo`, {});
    assert.equal(res.statusCode, 303);
    const versions = await formVersions(get().db, FORM);
    assert.deepEqual(versions.map((v) => v.status), ['published']);
    const eform = await app.inject({ url: `/dich-vu-cong/${SERVICE}/to-khai` });
    assert.match(eform.body, /Số con dưới 6 tuổi/);
    // The next edit starts a new draft from the published version, and the changes list only it.
    await post(admin, `${BASE}/truong/so-con`, `${BASE}/truong/so-con`, { label: 'Số con dưới 16 tuổi', type: 'integer', required: 'true', 'show-field': 'co-con-nho', 'show-values': 'co' });
    const next = await app.inject({ url: `${BASE}/cong-bo`, cookies: admin });
    assert.match(next.body, /Sửa<\/strong> “Số con dưới 16 tuổi” <span class="fd-ref">\(so-con\)<\/span>: nhãn “Số con dưới 6 tuổi” → “Số con dưới 16 tuổi”/);
    assert.doesNotMatch(next.body, /<strong class="fd-tag fd-tag-added">/);
    const retire = await post(admin, `${BASE}/cong-bo`, `${BASE}/ngung-dung`, {});
    assert.equal(retire.statusCode, 303);
    assert.ok((await formVersions(get().db, FORM)).every((v) => v.status !== 'published'));
    // Every save, the publish and the retirement are in the audit log, under the administrator's name.
    const log = await get().db.selectFrom('audit_log').select(['action', 'actor_name']).where('target_id', 'like', `${FORM}@%`).execute();
    for (const action of ['form.draft-save', 'form.publish', 'form.retire']) assert.ok(log.some((e) => e.action === action && e.actor_name === 'quan.tri'), action);
  });

  test('the preview renders the draft with the real e-form and checks its steps; the print preview is a PDF', async () => {
    const preview = await app.inject({ url: `${BASE}/xem-truoc`, cookies: admin });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Xem trước bản nháp/);
    assert.match(preview.body, new RegExp(`action="${BASE}/xem-truoc"`));
    const pdf = await app.inject({ url: `${BASE}/ban-in.pdf`, cookies: admin });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  test('on an English page the designer speaks English, and refusals come in English too', async () => {
    const english = { ...admin, lang: 'en' };
    const list = await app.inject({ url: '/quan-tri/bieu-mau', cookies: english });
    assert.match(list.body, /<h1[^>]*>Form designer<\/h1>/);
    const res = await post(english, BASE, `${BASE}/thao-tac`, { op: 'field-remove', target: 'co-con-nho' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Có con nhỏ(&quot;|") cannot be removed: conditions or rules of/);
  });

  test('a form from the paper form: a Word file becomes draft revision 1 with what was found listed; a file that is not Word is refused and nothing is stored', async () => {
    const code = '1.004873';
    const formId = 'tk-1-004873';
    const upload = async (file: { name: string; type: string; bytes: Buffer }, token?: string) => {
      const page = await app.inject({ url: '/quan-tri/bieu-mau', cookies: admin });
      const boundary = '----dvcttDesigner';
      const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const payload = Buffer.concat([
        Buffer.from(part('_csrf', token ?? csrfOf(page.body)) + part('paperService', code)),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="paper"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
        file.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({ method: 'POST', url: '/quan-tri/bieu-mau/tu-mau-giay', cookies: admin, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const refused = await upload({ name: 'to-khai.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4 not a Word file') });
    assert.equal(refused.statusCode, 415);
    assert.match(refused.body, /Tệp không phải văn bản Word \(\.docx hoặc \.doc\)/);
    assert.deepEqual(await formVersions(get().db, formId), []);
    const khaiSinh = paperTranscripts().find((p) => p.file === 'tk-dang-ky-khai-sinh.json')!.transcript;
    const docx = { name: 'ToKhaiDangKyKhaiSinh.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await paperFormDocx(khaiSinh) };
    // Another site's form cannot make one: the page's token is checked in the multipart body too.
    assert.notEqual((await upload(docx, 'not-the-token')).statusCode, 201);
    assert.deepEqual(await formVersions(get().db, formId), []);
    const res = await upload({ name: 'ToKhaiDangKyKhaiSinh.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await paperFormDocx(khaiSinh) });
    assert.equal(res.statusCode, 201);
    assert.match(res.body, /Đề xuất \d+ phần, \d+ trường/);
    const [draft] = await formVersions(get().db, formId);
    assert.equal(draft?.status, 'draft');
    const doc = (await getVersion(get().db, formId, draft!.version))!.document;
    assert.deepEqual(doc.services, [code]);
    assert.ok(doc.sections.flatMap((s) => s.fields).length >= 5);
  });
});
