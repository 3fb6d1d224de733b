// What an officer reads in the inbox and on an application's page: how many files each
// application has (from one query, however many rows), and the e-form counted as the declaration
// it replaces rather than as a missing paper (A1, A5).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import { inboxItems, inboxWindow } from '../src/applications/inbox-store.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import type { Database } from '../src/db/schema.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn } from './helpers/session.ts';
import { apiSubmission, jpeg } from './helpers/submission.ts';

const SERVICE = '1.004616';
const AGENCY = '000.00.12.H34';

describeEachDatabase('the officer’s inbox and application page', (get) => {
  let app: FastifyInstance;
  const codes: string[] = [];
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: AGENCY });
    app = await testApp(db);
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string }).token;
    const example = demoDefinition(SERVICE)!.example;
    // The four required papers; then the same with the optional identity card copy as a fifth file.
    for (const extra of [[], [{ name: 'component:giay-to-tuy-than', filename: 'cccd.jpg', data: jpeg(), type: 'image/jpeg' }]]) {
      const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, SERVICE, example, extra));
      assert.equal(res.statusCode, 201, res.body);
      codes.push((res.json() as { code: string }).code);
    }
  });
  after(() => app.close());

  const without = (row: object, key: string) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== key));
  const rowOf = (html: string, code: string) => new RegExp(`<tr[^>]*>(?:(?!</tr>).)*?${code.replace(/\./g, '\\.')}(?:(?!</tr>).)*</tr>`, 's').exec(html)?.[0] ?? '';

  test('the inbox shows how many files each application has, and its title and heading say the same', async () => {
    const page = await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    assert.equal(page.statusCode, 200);
    const title = /<title>([^<]*)<\/title>/.exec(page.body)?.[1] ?? '';
    const h1 = /<h1[^>]*>([^<]*)<\/h1>/.exec(page.body)?.[1] ?? '';
    assert.ok(h1 && title.startsWith(h1), `title "${title}" begins with the heading "${h1}"`);
    assert.match(page.body, /<th scope="col">Tệp<\/th>/);
    assert.match(rowOf(page.body, codes[0]!), /<td data-label="Tệp">4 tệp<\/td>/);
    assert.match(rowOf(page.body, codes[1]!), /<td data-label="Tệp">5 tệp<\/td>/);
  });

  test('the inbox’s file counts come with the list: one query whether it holds two applications or twelve', async () => {
    let queries = 0;
    const counted = new Kysely<Database>({ dialect: new PostgresDialect({ pool: get().pool }), log: () => void queries++ });
    const scope = { me: '00000000-0000-0000-0000-000000000000', whole: [AGENCY], partial: [] };
    const before = await inboxItems(counted, scope, {}, inboxWindow(get().db), 100);
    assert.deepEqual(
      before.items.map((i) => [i.code, i.files]).sort(),
      [
        [codes[0], 4],
        [codes[1], 5],
      ].sort(),
    );
    assert.equal(queries, 1);
    // Ten more applications, with their files: the same one query.
    const { db } = get();
    const first = await db.selectFrom('application').selectAll().where('code', '=', codes[0]!).executeTakeFirstOrThrow();
    const files = await db.selectFrom('application_attachment').selectAll().where('application_id', '=', first.id).execute();
    for (let i = 0; i < 10; i++) {
      const copy = await db
        .insertInto('application')
        .values({ ...without(first, 'id'), code: `${AGENCY}-991231-${String(9000 + i)}` } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const f of files.slice(0, i % 3)) {
        await db.insertInto('application_attachment').values({ ...without(f, 'id'), application_id: copy.id } as never).execute();
      }
    }
    queries = 0;
    const after = await inboxItems(counted, scope, {}, inboxWindow(get().db), 100);
    assert.equal(after.items.length, 12);
    assert.equal(queries, 1);
    assert.deepEqual(
      after.items.filter((i) => i.code.includes('-991231-')).map((i) => [i.code.slice(-4), i.files]).sort(),
      Array.from({ length: 10 }, (_, i) => [String(9000 + i), i % 3]).sort(),
    );
    const page = await app.inject({ url: '/can-bo/ho-so', cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    assert.match(rowOf(page.body, `${AGENCY}-991231-9000`), /<td data-label="Tệp">Chưa có tệp<\/td>/);
  });

  test('the application page counts the e-form as the declaration received, not as a missing paper; a paper not sent is still missing', async () => {
    const jar = await signedIn(app, 'cb.yte', TEST_PASSWORD);
    const page = await app.inject({ url: `/can-bo/ho-so/${codes[0]}`, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>Đơn đề nghị cấp Chứng chỉ hành nghề dược[^<]*<\/strong>: Tờ khai điện tử — đã nhận\./);
    const missing = /Thành phần chưa có tệp: ([^<]*)/.exec(page.body)?.[1] ?? '';
    assert.match(missing, /Bản sao Thẻ Căn cước/, 'the identity card copy was not sent');
    assert.doesNotMatch(missing, /Đơn đề nghị/, 'the e-form is not a missing paper');
    assert.match(page.body, /name="component" value="giay-to-tuy-than"/, 'a paper can be asked for');
    assert.doesNotMatch(page.body, /name="component" value="don-de-nghi"/, 'the e-form is not offered as a paper to ask for again');
    const complete = await app.inject({ url: `/can-bo/ho-so/${codes[1]}`, cookies: jar });
    assert.match(complete.body, /Tờ khai điện tử — đã nhận/);
    assert.doesNotMatch(complete.body, /Thành phần chưa có tệp/, 'nothing is missing when every file came');
  });

  test('an officer finds an application by a code with a five-digit sequence (the 10,000th of a day), not by a name', async () => {
    const { db } = get();
    const long = codes[1]!.replace(/-\d{4}$/, '-10001');
    await db.updateTable('application').set({ code: long }).where('code', '=', codes[1]!).execute();
    try {
      const page = await app.inject({ url: `/can-bo/ho-so?q=${encodeURIComponent(long.toLowerCase())}`, cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
      assert.equal(page.statusCode, 200);
      assert.ok(rowOf(page.body, long), `the row of ${long} is listed`);
      assert.equal(rowOf(page.body, codes[0]!), '', 'and only that application');
    } finally {
      await db.updateTable('application').set({ code: codes[1]! }).where('code', '=', long).execute();
    }
  });
});

describeEachDatabase('names shortened for a line', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  test('the e-form’s breadcrumb shortens a long service name after a whole word, with an ellipsis', async () => {
    const name = (await get().db.selectFrom('service').select('name').where('code', '=', SERVICE).executeTakeFirstOrThrow()).name;
    assert.ok(name.length > 80);
    const page = await app.inject({ url: `/dich-vu-cong/${SERVICE}/to-khai` });
    assert.equal(page.statusCode, 200);
    const crumb = new RegExp(`<a href="/dich-vu-cong/${SERVICE.replace('.', '\\.')}">([^<]*)</a>`).exec(page.body)?.[1] ?? '';
    assert.ok(crumb.endsWith('…'), crumb);
    const head = crumb.slice(0, -1);
    assert.ok(head.length <= 79 && name.startsWith(head), crumb);
    assert.match(name.slice(head.length), /^[\s,;:.)(-]/, `cut at a word boundary: "${crumb}"`);
  });

  test('a long FAQ question is cut after a whole word with an ellipsis in the page title', async () => {
    const question = 'Tôi đã nộp hồ sơ cấp chứng chỉ hành nghề dược trực tuyến nhưng chưa nhận được thông báo tiếp nhận thì phải làm gì?';
    const { id } = await get().db.insertInto('faq').values({ service_code: SERVICE, question, answer: 'Liên hệ bộ phận một cửa.', published: true }).returning('id').executeTakeFirstOrThrow();
    const page = await app.inject({ url: `/hoi-dap/${id}` });
    assert.equal(page.statusCode, 200);
    const title = /<title>([^<]*)<\/title>/.exec(page.body)?.[1] ?? '';
    const cut = /^(.*)… — /.exec(title)?.[1] ?? /^(.*)…$/.exec(title)?.[1];
    assert.ok(cut && question.startsWith(cut) && cut.length <= 79, `title "${title}"`);
    assert.match(question.slice(cut.length), /^[\s,;:.)(-]/, `cut at a word boundary: "${title}"`);
  });
});
