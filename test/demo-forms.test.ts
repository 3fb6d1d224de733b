// The demo's own e-forms (F1, F2): every file of src/forms/demo loads and its example is valid;
// through the API, each of the forms a citizen uses most takes its example as exactly one
// application, and a wrong answer gets the field's Vietnamese error and stores nothing. On each database.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { DEMO_FORMS_DIR, journeyOf, stepsOf, validateAnswers } from '../src/forms/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { DEMO_DEFINITIONS, demoDefinition } from './helpers/demo-forms.ts';
import { apiSubmission, leadAgency } from './helpers/submission.ts';

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The forms a citizen uses most, by mã TTHC, with the paper's title. */
const MOST_USED: Record<string, string> = {
  '1.000656': 'Tờ khai đăng ký khai tử',
  '1.000894': 'Tờ khai đăng ký kết hôn',
  '2.000635': 'Tờ khai cấp bản sao trích lục hộ tịch',
  '1.001612': 'Giấy đề nghị đăng ký hộ kinh doanh',
  '2.000488': 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
  '1.002804': 'Đơn đề nghị đổi, cấp lại giấy phép lái xe',
  '1.001776': 'Tờ khai đề nghị trợ giúp xã hội',
};
const DEATH = '1.000656';
const MARRIAGE = '1.000894';

test('every demo file is a valid definition whose example passes its own rules, and each most-used service has its own form', () => {
  const files = readdirSync(DEMO_FORMS_DIR).filter((n) => n.endsWith('.json'));
  assert.equal(DEMO_DEFINITIONS.length, files.length);
  assert.ok(files.length >= 12, `${files.length} files`);
  for (const def of DEMO_DEFINITIONS) {
    assert.ok(def.example, `${def.id} has an example`);
    assert.deepEqual(validateAnswers(def, def.example).errors, {}, def.id);
  }
  for (const [service, title] of Object.entries(MOST_USED)) assert.equal(demoDefinition(service)?.title, title, service);
});

describeEachDatabase('the demo forms through the API', (get) => {
  let app: FastifyInstance;
  let authorization: string;
  const applications = async (service?: string) => {
    let q = get().db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n'));
    if (service) q = q.where('service_code', '=', service);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const submit = (service: string, data: unknown) => app.inject(apiSubmission({ authorization }, service, data));

  before(async () => {
    await seedCatalogDemo(get().db);
    await createAccount(get().db, { username: 'mai.dan', password: TEST_PASSWORD, fullName: 'Phạm Thị Mai', idNumber: '056198001122' });
    app = await testApp(get().db);
    const token = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'mai.dan', password: TEST_PASSWORD } });
    authorization = `Bearer ${(token.json() as { token: string }).token}`;
  });
  after(() => app.close());

  for (const [service, title] of Object.entries(MOST_USED)) {
    test(`${title} (${service}): its example is received as exactly one application, with the form's version`, async () => {
      const def = demoDefinition(service)!;
      const res = await submit(service, def.example);
      assert.equal(res.statusCode, 201, res.body);
      const { code } = res.json() as { code: string };
      assert.equal(await applications(service), 1);
      const stored = (await app.inject({ url: `/api/v1/applications/${code}`, headers: { authorization } })).json() as { data: Record<string, unknown> };
      const first = def.sections[0]!.fields.find((f) => f.type === 'text')!;
      assert.equal(stored.data[first.id], def.example![first.id]);
    });
  }

  test('a date of death before the date of birth is refused at "Ngày chết" in Vietnamese, and nothing is stored', async () => {
    const before = await applications();
    const example = demoDefinition(DEATH)!.example!;
    const res = await submit(DEATH, { ...example, deceasedBirthDate: '15/07/1948', deathDate: '14/07/1948', deathNoticeDate: '14/07/1948' });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json() as { error: { code: string; message: string }; fields: Record<string, string> };
    assert.equal(body.error.code, 'INVALID_ANSWERS');
    assert.deepEqual(body.fields, { deathDate: 'Ngày chết không được trước ngày sinh của người đã chết.' });
    assert.equal(await applications(), before);
  });

  test('the two parties of a marriage cannot give the same personal number, and a missing answer is named by its label', async () => {
    const before = await applications();
    const example = demoDefinition(MARRIAGE)!.example!;
    const res = await submit(MARRIAGE, { ...example, groomId: example.brideId, groomName: '' });
    assert.equal(res.statusCode, 400, res.body);
    const fields = (res.json() as { fields: Record<string, string> }).fields;
    assert.equal(fields.groomId, 'Số định danh cá nhân của bên nam không được trùng với số của bên nữ.');
    assert.equal(fields.groomName, 'Hãy nhập họ, chữ đệm, tên bên nam.');
    assert.equal(await applications(), before);
  });

  test('a field shown on a condition is required only then: the judicial record’s question on management bans goes with Phiếu số 1', async () => {
    const example = demoDefinition('2.000488')!.example!;
    const missing = await submit('2.000488', { ...example, managementBan: undefined });
    assert.equal(missing.statusCode, 400);
    assert.ok((missing.json() as { fields: Record<string, string> }).fields.managementBan);
    const second = await submit('2.000488', { ...example, certificate: 'so-2', managementBan: undefined });
    assert.equal(second.statusCode, 201, second.body);
  });

  test('each new form opens on its first step with every visible field of that step labelled, and says how many steps there are', async () => {
    for (const service of Object.keys(MOST_USED)) {
      const def = demoDefinition(service)!;
      const res = await app.inject({ url: `/dich-vu-cong/${service}/to-khai?noi-nop=${leadAgency(service)}`, headers: { authorization } });
      assert.equal(res.statusCode, 200, `${service}: ${res.statusCode}`);
      const page = res.body;
      const first = stepsOf(def)[0]!;
      for (const f of first.sections.flatMap((x) => x.fields).filter((f) => !f.showIf)) {
        assert.ok(page.includes(escapeHtml(f.label)), `${service}: "${f.label}" is on the first page`);
      }
      assert.ok(page.includes(`Bước 1/${journeyOf(def).count}`), `${service}: Bước 1/${journeyOf(def).count}`);
    }
  });

  test('each new form is the service’s level-2 blank too: the .docx and .pdf carry the form’s title', async () => {
    for (const service of [DEATH, '1.002804']) {
      const def = demoDefinition(service)!;
      const pdf = await app.inject(`/dich-vu-cong/${service}/mau/${def.code}_${def.slug}.pdf`);
      assert.equal(pdf.statusCode, 200, `${service}: ${pdf.body.slice(0, 200)}`);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const docx = await app.inject(`/dich-vu-cong/${service}/mau/${def.code}_${def.slug}.docx`);
      assert.equal(docx.statusCode, 200);
      const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
      assert.ok(xml.includes(def.title.toLocaleUpperCase('vi')), `${service}: the .docx carries "${def.title}"`);
    }
  });
});
