// F1, F4: an application keeps the exact form version it was made with. After a new version is
// published, an application on the old one still opens on the officer's page, its answers still
// validate against it and it still prints, while new drafts get the new version; and a publish on
// one instance is seen by another within a second, by LISTEN/NOTIFY or without it, and after the
// listening connection was cut.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createPool, type Database } from '../src/db/index.ts';
import { publishDraft, saveDraftVersion } from '../src/forms/definitions-store.ts';
import { createFormLibrary } from '../src/forms/library.ts';
import type { FormDefinition } from '../src/forms/model.ts';
import { validateAnswers } from '../src/forms/validate.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { demoApp, testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { eventually } from './helpers/eventually.ts';
import { apiToken, signedIn } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const REBIRTH = '1.004884';
const NEW_LABEL = 'Họ và tên người đề nghị (mẫu mới)';
const NEW_FIELD = 'Số chứng chỉ đã được cấp trước đây';

/** Version 3 of Mẫu số 02: a label reworded and a new required field in the first section. */
function pharmacistV3(): FormDefinition {
  const d = structuredClone(demoDefinition(PHARMACIST)!);
  d.sections[0]!.fields[0]!.label = NEW_LABEL;
  d.sections[0]!.fields.push({ id: 'previousCertificate', type: 'text', label: NEW_FIELD, required: true });
  return d;
}

async function publish(db: Parameters<typeof publishDraft>[0], doc: FormDefinition): Promise<number> {
  const saved = await saveDraftVersion(db, { formId: doc.id, document: doc, expectedRevision: null });
  assert.ok(saved.ok, JSON.stringify(saved));
  const done = await publishDraft(db, doc.id);
  assert.ok(done.ok);
  return done.value.version;
}

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-versions-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('an application keeps its form version', (get) => {
  let app: FastifyInstance;
  let code = '';
  before(async () => {
    const { db } = get();
    app = await demoApp(db, { 'an.dan': {}, 'cb.yte': {} });
    const token = await apiToken(app, 'an.dan');
    const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, demoDefinition(PHARMACIST)!.example));
    assert.equal(res.statusCode, 201, res.body);
    code = (res.json() as { code: string }).code;
    assert.equal(await publish(db, pharmacistV3()), 3);
  });
  after(() => app.close());

  test('the application made on version 2 opens on the officer’s page with version 2’s questions', async () => {
    const stored = await get().db.selectFrom('application').select('form_version').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(stored.form_version, 'mau02-cchn-duoc@2');
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: await signedIn(app, 'cb.yte', TEST_PASSWORD) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, />Họ và tên</);
    assert.ok(page.body.includes(String(demoDefinition(PHARMACIST)!.example!.fullName)), 'the answer is shown');
    assert.ok(!page.body.includes(NEW_LABEL) && !page.body.includes(NEW_FIELD), 'nothing of version 3');
  });

  test('its stored answers validate against version 2, and would not against version 3', async () => {
    const { db } = get();
    const forms = createFormLibrary(db);
    const a = await db.selectFrom('application').select(['data', 'form_version']).where('code', '=', code).executeTakeFirstOrThrow();
    const v2 = await forms.byVersion(a.form_version!);
    assert.equal(v2!.version, 2);
    assert.deepEqual(validateAnswers(v2!, a.data as Record<string, unknown>, { today: '9999-12-31' }).errors, {});
    const current = await forms.forService(PHARMACIST);
    assert.equal(current!.version, 3);
    assert.ok(validateAnswers(current!, a.data as Record<string, unknown>).errors.previousCertificate, 'version 3 asks for more');
    await forms.close();
  });

  test('it prints as version 2 for the officer and the applicant', async () => {
    for (const [user, url] of [
      ['cb.yte', `/can-bo/ho-so/${code}/to-khai.pdf`],
      ['an.dan', `/ho-so/${code}/to-khai.pdf`],
    ] as const) {
      const res = await app.inject({ url, cookies: await signedIn(app, user, TEST_PASSWORD) });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      const file = path.join(dir, `${user}.pdf`);
      writeFileSync(file, res.rawPayload);
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      if (!text) continue; // no pdftotext on this machine: the status and type are what can be checked
      assert.ok(text.includes('Họ và tên') && !text.includes('mẫu mới') && !text.includes(NEW_FIELD), `${user}'s print is version 2`);
    }
  });

  test('new drafts get version 3: the e-form shows its questions and names its definition file; both versions’ files are served', async () => {
    // Published through another connection: this instance hears it on dvctt_forms within a second.
    const page = await eventually('the e-form on version 3', async () => {
      const res = await app.inject({ url: `/dich-vu-cong/${PHARMACIST}/to-khai` });
      assert.equal(res.statusCode, 200);
      return res.body.includes(NEW_LABEL) && res.body.includes(NEW_FIELD) && res;
    }, { ms: 1000 });
    assert.ok(page.body.includes('/assets/forms/dinh-nghia/mau02-cchn-duoc-3.json'));
    const api = (await app.inject({ url: `/api/v1/services/${PHARMACIST}/form` })).json() as { version: string };
    assert.equal(api.version, 'mau02-cchn-duoc@3');
    for (const v of [2, 3]) {
      const file = await app.inject({ url: `/assets/forms/dinh-nghia/mau02-cchn-duoc-${v}.json` });
      assert.equal(file.statusCode, 200);
      assert.equal((file.json() as FormDefinition).version, v);
      assert.match(String(file.headers['cache-control']), /immutable/);
    }
    const none = await app.inject({ url: '/assets/forms/dinh-nghia/mau02-cchn-duoc-7.json' });
    assert.equal(none.statusCode, 404);
    // A draft of version 4 changes with each save: its file is not cached as immutable.
    assert.ok((await saveDraftVersion(get().db, { formId: 'mau02-cchn-duoc', document: pharmacistV3(), expectedRevision: null })).ok);
    const draft = await app.inject({ url: '/assets/forms/dinh-nghia/mau02-cchn-duoc-4.json' });
    assert.equal(draft.statusCode, 200);
    assert.equal(draft.headers['cache-control'], 'no-cache');
  });
});

describeEachDatabase('a publish seen by every instance', (get) => {
  const closers: (() => Promise<void>)[] = [];
  before(() => seedCatalogDemo(get().db));
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  /** Another instance of the portal on the same database, with its own pool (and so its own LISTEN connection) or none. */
  async function instance(listen: boolean): Promise<FastifyInstance> {
    const pool = createPool(get().url, 3);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildApp({ config: testConfig({ DVCTT_WORKERS: '0' }), db, pool: listen ? pool : undefined, logger: false });
    await app.ready();
    closers.push(async () => {
      await app.close();
      await db.destroy();
    });
    return app;
  }
  const versionOn = async (app: FastifyInstance) => ((await app.inject({ url: `/api/v1/services/${REBIRTH}/form` })).json() as { version: string }).version;
  const listeners = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN dvctt_forms'`.execute(get().db)).rows[0]!.n);

  /** Publishes the next version of the re-registration form and measures how long each instance takes to serve it. */
  async function publishAndWatch(apps: FastifyInstance[], title: string): Promise<number[]> {
    const doc = { ...structuredClone(demoDefinition(REBIRTH)!), title };
    const version = await publish(get().db, doc);
    const start = Date.now();
    return Promise.all(
      apps.map(async (a) => {
        await eventually(`version ${version} on another instance`, async () => (await versionOn(a)) === `tk-dang-ky-lai-khai-sinh@${version}`, { ms: 1000, every: 20 });
        return Date.now() - start;
      }),
    );
  }

  test('published on A: B (listening) and C (without a listening connection) serve the new version within a second', async () => {
    const a = await instance(true);
    const b = await instance(true);
    const c = await instance(false);
    for (const x of [a, b, c]) assert.equal(await versionOn(x), 'tk-dang-ky-lai-khai-sinh@1');
    await eventually('both listening connections', async () => (await listeners()) >= 2, { ms: 5000 });
    const [onA, onB, onC] = await publishAndWatch([a, b, c], 'Tờ khai đăng ký lại khai sinh (bản 2)');
    assert.ok(onA! < 1000 && onB! < 1000 && onC! < 1000, `A ${onA} ms, B ${onB} ms, C ${onC} ms`);
  });

  test('after the listening connections are cut (a database restart), a publish is still seen within a second, and listening resumes', async () => {
    const b = await instance(true);
    assert.match(await versionOn(b), /@2$/);
    await eventually('listening', async () => (await listeners()) >= 1, { ms: 5000 });
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN dvctt_forms'`.execute(get().db);
    const [onB] = await publishAndWatch([b], 'Tờ khai đăng ký lại khai sinh (bản 3)');
    assert.ok(onB! < 1000, `${onB} ms`);
    await eventually('listening again', async () => (await listeners()) >= 1, { ms: 5000 });
    const [again] = await publishAndWatch([b], 'Tờ khai đăng ký lại khai sinh (bản 4)');
    assert.ok(again! < 1000, `${again} ms`);
  });
});
