// F1–F3, A1 (Art. 8, 13.1): every level-3/4 service takes applications through its own form or the
// default form made from its catalog record; what no form describes is refused, and nothing is
// stored. Through the API as other systems use it, on each database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importCatalog, parseCatalogFile, seedCatalogDemo, type CatalogFile } from '../src/catalog/index.ts';
import { DEMO_CATALOG_FILE } from '../src/catalog/demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/identity/index.ts';
import { formReportText, servicesOnDefaultForm } from '../src/forms/index.ts';
import { readFileSync } from 'node:fs';
import { testApp } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { jpeg, leadAgency, multipart, type Part } from './helpers/submission.ts';
import { runDvctt } from './helpers/process.ts';
import { signedIn } from './helpers/session.ts';
import { APPLICATION_PROBLEMS } from '../src/applications/problems.ts';
import { explain } from '../src/web/problem.ts';

const catalog: CatalogFile = parseCatalogFile(readFileSync(DEMO_CATALOG_FILE, 'utf8'));
const services = catalog.services ?? [];
const online = services.filter((s) => s.level >= 3);
const offline = services.find((s) => s.level === 2)!;
const citizen = DEMO_ACCOUNTS.find((a) => a.role === 'citizen')!;

interface FormAnswer {
  service: string;
  origin: 'own' | 'default';
  version: string;
  definition: { id: string; title: string };
  components: { id: string; kind: string; required: boolean; accept: string[]; maxBytes: number }[];
  example: Record<string, unknown>;
}

/** A small JPEG for each component the form requires: every component accepts a scan or a photo. */
const filesFor = (form: FormAnswer): Part[] => form.components.filter((c) => c.required).map((c) => ({ name: `component:${c.id}`, filename: `${c.id}.jpg`, data: jpeg(), type: 'image/jpeg' }));

describeEachDatabase('the default form of services without their own', (get) => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  before(async () => {
    await seedCatalogDemo(get().db);
    await seedDemoAccounts(get().db);
    app = await testApp(get().db);
    const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: citizen.username, password: DEMO_PASSWORD } })).json() as { token: string };
    auth = { authorization: `Bearer ${token.token}` };
  });
  after(() => app.close());

  const formOf = async (code: string) => {
    const res = await app.inject(`/api/v1/services/${code}/form`);
    assert.equal(res.statusCode, 200, `${code}: ${res.body.slice(0, 200)}`);
    return res.json() as FormAnswer;
  };
  const send = (code: string, data: unknown, files: Part[]) => {
    const body = multipart([{ name: 'service', value: code }, { name: 'agency', value: leadAgency(code) ?? '' }, { name: 'data', value: JSON.stringify(data) }, ...files]);
    return app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...body.headers }, payload: body.payload });
  };
  /** An online service still on the default form (others may gain their own form later). */
  const defaultService = async () => {
    for (const s of online) if ((await formOf(s.code)).origin === 'default') return s;
    throw new Error('every online service has its own form');
  };

  test('a service on the default form takes its example through the API: one application, naming the default form’s version', async () => {
    const s = await defaultService();
    const form = await formOf(s.code);
    assert.equal(form.definition.id, `mac-dinh-${s.code.replace('.', '-')}`);
    assert.match(form.version, /^mac-dinh-\d-\d{6}@\d+$/);
    assert.equal(form.definition.title, `Đề nghị: ${s.name}`);
    for (const c of form.components) {
      assert.ok(c.accept.includes('jpeg') && c.maxBytes > 0, `${c.id}: accepted kinds and largest size`);
    }
    const before = await snapshot(get().db);
    const sent = await send(s.code, form.example, filesFor(form));
    assert.equal(sent.statusCode, 201, sent.body.slice(0, 300));
    const code = (sent.json() as { code: string }).code;
    await assertMoved(get().db, before, { application: 1, application_attachment: filesFor(form).length, application_event: 1, notice: 1, delivery: 2, online_received: 1 }, 'the example sent');
    const row = await get().db.selectFrom('application').select(['form_version', 'data']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.form_version, form.version);
    assert.equal((row.data as { content: string }).content, form.example.content);
    // The agency's officer reads the answers under the default form's labels.
    const officer = DEMO_ACCOUNTS.find((a) => a.role === 'officer' && a.agencyCode === s.agency);
    assert.ok(officer, `a demo officer of ${s.agency}`);
    const jar = await signedIn(app, officer.username, DEMO_PASSWORD);
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Nội dung đề nghị/);
    assert.ok(page.body.includes(String(form.example.content).slice(0, 40).replace(/"/g, '&quot;')), 'the request as written');
  });

  test('answers no form describes are refused with a Vietnamese reason, and nothing is stored', async () => {
    const s = await defaultService();
    const form = await formOf(s.code);
    const before = await snapshot(get().db);
    const json = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth, payload: { service: s.code, data: { anything: 'goes' } } });
    assert.equal(json.statusCode, 400);
    const body = json.json() as { error: { code: string; message: string }; fields: Record<string, string> };
    assert.equal(body.error.code, 'INVALID_ANSWERS');
    assert.match(body.error.message, /Tờ khai có \d+ lỗi; không có gì được lưu/);
    assert.ok(body.fields.fullName && body.fields.content && body.fields.declaration, JSON.stringify(body.fields));
    // With every file there, the answers alone still refuse it.
    const multi = await send(s.code, { anything: 'goes' }, filesFor(form));
    assert.equal(multi.statusCode, 400);
    assert.equal((multi.json() as { error: { code: string } }).error.code, 'INVALID_ANSWERS');
    await assertMoved(get().db, before, {}, 'refused answers');
  });

  test('answers filled in another version of the form are refused, naming the current one; nothing is stored', async () => {
    const s = await defaultService();
    const form = await formOf(s.code);
    const before = await snapshot(get().db);
    const body = multipart([{ name: 'service', value: s.code }, { name: 'form', value: `${form.definition.id}@999` }, { name: 'data', value: JSON.stringify(form.example) }, ...filesFor(form)]);
    const old = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...body.headers }, payload: body.payload });
    assert.equal(old.statusCode, 409);
    const err = (old.json() as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'FORM_CHANGED');
    assert.ok(err.message.includes(`phiên bản hiện hành của thủ tục là "${form.version}"`), err.message);
    await assertMoved(get().db, before, {}, 'another version');
    const named = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth, payload: { service: s.code, form: form.version, data: form.example } });
    assert.notEqual(named.statusCode, 409, 'the current version is taken');
  });

  test('a level-2 service has no e-form and refuses an application with a Vietnamese reason (English in the problem table); nothing is stored', async () => {
    const form = await app.inject(`/api/v1/services/${offline.code}/form`);
    assert.equal(form.statusCode, 404);
    const before = await snapshot(get().db);
    const vi = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth, payload: { service: offline.code, data: { anything: 'goes' } } });
    assert.equal(vi.statusCode, 400);
    const err = (vi.json() as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'NOT_ONLINE');
    assert.match(err.message, /mức độ 2: chưa nhận hồ sơ trực tuyến/);
    // The same refusal in English, from the applications' problem table, for pages in English.
    assert.match(explain(APPLICATION_PROBLEMS, { code: 'NOT_ONLINE', params: { name: offline.name, level: offline.level } }, 'en').message, /at level 2: it does not take applications online yet/);
    await assertMoved(get().db, before, {}, 'a level-2 service');
  });

  test('every level-3/4 demo service answers /form with its origin and a valid example, and accepts it', async () => {
    const origins = { own: 0, default: 0 };
    for (const s of online) {
      const form = await formOf(s.code);
      origins[form.origin]++;
      assert.equal(form.service, s.code);
      const sent = await send(s.code, form.example, filesFor(form));
      assert.equal(sent.statusCode, 201, `${s.code} (${form.version}): ${sent.body.slice(0, 300)}`);
    }
    assert.ok(origins.own >= 5 && origins.default >= 1, JSON.stringify(origins));
  });

  test('the service page and the service record say whether the e-form is the service’s own or the default one', async () => {
    const s = await defaultService();
    const record = async (code: string) => (await app.inject(`/api/v1/services/${code}`)).json() as { eform: { origin: string; version: string } | null };
    assert.deepEqual((await record(s.code)).eform, { origin: 'default', version: (await formOf(s.code)).version });
    assert.equal((await record('1.004616')).eform?.origin, 'own');
    assert.equal((await record(offline.code)).eform, null);
    const page = await app.inject(`/dich-vu-cong/${s.code}`);
    assert.match(page.body, /Nộp hồ sơ trực tuyến/);
    assert.match(page.body, /biểu mẫu mặc định của cổng/);
    const own = await app.inject('/dich-vu-cong/1.004616');
    assert.match(own.body, /Tờ khai điện tử theo mẫu của thủ tục/);
    const english = await app.inject({ url: `/dich-vu-cong/${s.code}`, cookies: { lang: 'en' } });
    assert.match(english.body, /no e-form of its own yet/);
    const level2 = await app.inject(`/dich-vu-cong/${offline.code}`);
    assert.doesNotMatch(level2.body, /Nộp hồ sơ trực tuyến|biểu mẫu mặc định/);
  });

  test('the default form prints like any form: its blank and filled paper as PDF and .docx (F4, F5)', async () => {
    const s = await defaultService();
    for (const ext of ['pdf', 'docx']) {
      const res = await app.inject(`/dich-vu-cong/${s.code}/to-khai.${ext}`);
      assert.equal(res.statusCode, 200, `${ext}: ${res.body.slice(0, 200)}`);
      assert.ok(res.rawPayload.length > 1000, ext);
      assert.equal(res.rawPayload.subarray(0, ext === 'pdf' ? 4 : 2).toString(), ext === 'pdf' ? '%PDF' : 'PK');
    }
  });

  test('the default form is stored once per catalog record: asking again gives the same version', async () => {
    const s = await defaultService();
    const a = await formOf(s.code);
    const b = await formOf(s.code);
    assert.equal(a.version, b.version);
    const rows = await get().db.selectFrom('form_definition').select('version').where('form_id', '=', a.definition.id).execute();
    assert.equal(rows.length, 1);
  });

  // Near the end: it changes a service's catalog record (a component more; the service stays on the default form).
  test('a changed catalog record makes the next version of the default form; an application keeps the version it was made with', async () => {
    const s = await defaultService();
    const first = await formOf(s.code);
    const sent = await send(s.code, first.example, filesFor(first));
    assert.equal(sent.statusCode, 201, sent.body.slice(0, 300));
    const code = (sent.json() as { code: string }).code;
    const extra = { id: 'bo-sung', name: 'Giấy tờ bổ sung khác (nếu có)', kind: 'giay-to-lien-quan', original: 0, copy: 1 };
    const report = await importCatalog(get().db, { format: 'dvctt-catalog/1', services: [{ ...s, components: [...s.components, extra] }] });
    assert.equal(report.services.updated, 1, JSON.stringify(report.problems));
    const second = await formOf(s.code);
    assert.notEqual(second.version, first.version);
    assert.equal(second.definition.id, first.definition.id);
    assert.ok(second.components.some((c) => c.id === 'bo-sung' && !c.required), 'the new paper is asked for, only when it applies');
    const row = await get().db.selectFrom('application').select('form_version').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.form_version, first.version);
    const read = await app.inject({ url: `/api/v1/applications/${code}`, headers: auth });
    assert.equal(read.statusCode, 200);
    assert.equal((await formOf(s.code)).version, second.version, 'asked again: the same version');
  });

  test('the form report lists the online services on the default form, with their agency', async () => {
    const rows = await servicesOnDefaultForm(get().db);
    const s = await defaultService();
    const row = rows.find((r) => r.code === s.code);
    assert.ok(row, `${s.code} is listed`);
    assert.equal(row.agency.code, s.agency);
    assert.ok(!rows.some((r) => r.code === '1.004616'), 'a service with its own form is not');
    assert.ok(rows.every((r) => r.level >= 3));
    assert.match(formReportText(rows), new RegExp(`^${rows.length} thủ tục mức độ 3, 4 đang dùng biểu mẫu mặc định`));
    const cli = await runDvctt(['form-report'], { DATABASE_URL: get().url, DVCTT_DEMO_DATA: 'false' });
    assert.equal(cli.code, 0, cli.output);
    assert.ok(cli.output.includes(`${s.code}  ${s.name}`), cli.output.slice(0, 300));
  });
});
