// F1: form definitions as versioned data. Importing files (once, again, a folder with a bad file
// among good ones), exporting them back, saving a designer's draft against a stale revision, and
// refusing invalid documents with the path and the reason — each time nothing half-stored and the
// published version untouched.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadDefinition, FormDefinitionError } from '../src/forms/definition-schema.ts';
import { exportForms, importFormFiles, importFormsCommand } from '../src/forms/cli-forms.ts';
import { formVersions, getVersion, importDefinition, publishDraft, saveDraftVersion } from '../src/forms/definitions-store.ts';
import { createFormLibrary } from '../src/forms/library.ts';
import { DEMO_FORMS_DIR } from '../src/forms/registry.ts';
import { seedDemo } from '../src/seed.ts';
import type { FormDefinition } from '../src/forms/model.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { DEMO_DEFINITIONS, demoDefinition } from './helpers/demo-forms.ts';
import { runDvctt } from './helpers/process.ts';

const REBIRTH = '1.004884';
const rebirth = () => structuredClone(demoDefinition(REBIRTH)!) as FormDefinition & Record<string, unknown>;
/** A form of its own: the re-registration form under another id and service. */
const renamed = (id: string, service: string) => ({ ...rebirth(), id, services: [service] });

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-forms-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const folder = (name: string, files: Record<string, unknown>) => {
  const at = path.join(dir, name);
  rmSync(at, { recursive: true, force: true });
  mkdirSync(at, { recursive: true });
  for (const [file, json] of Object.entries(files)) writeFileSync(path.join(at, file), typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  return at;
};

/** The reason loadDefinition itself gives: the store must refuse with exactly that. */
const loaderSays = (json: unknown) => {
  try {
    loadDefinition(json);
  } catch (e) {
    if (e instanceof FormDefinitionError) return { path: e.path, reason: e.reason };
  }
  return undefined;
};

describeEachDatabase('form definitions as versioned data', (get) => {
  test('every demo file is in the database, published; importing the folder again says “không đổi” for each and stores nothing', async () => {
    const { db } = get();
    const rows = await db.selectFrom('form_definition').select(['form_id', 'version', 'status']).execute();
    assert.equal(rows.length, DEMO_DEFINITIONS.length);
    for (const d of DEMO_DEFINITIONS) assert.ok(rows.some((r) => r.form_id === d.id && r.version === d.version && r.status === 'published'), `${d.id}@${d.version} is published`);
    const lines: string[] = [];
    const code = await importFormsCommand(db, DEMO_FORMS_DIR, (l) => lines.push(l));
    assert.equal(code, 0);
    assert.equal(lines.filter((l) => l.startsWith('không đổi: ')).length, DEMO_DEFINITIONS.length, lines.join('\n'));
    assert.equal((await db.selectFrom('form_definition').select('form_id').execute()).length, rows.length);
  });

  test('a new file is “mới” the first time and “không đổi” the second; the same version with other content is refused', async () => {
    const { db } = get();
    const at = folder('twice', { 'mau-moi.json': renamed('mau-moi', '9.000001') });
    assert.deepEqual((await importFormFiles(db, at)).map((r) => [r.outcome, r.version]), [['new', 'mau-moi@1']]);
    assert.deepEqual((await importFormFiles(db, at)).map((r) => [r.outcome, r.version]), [['unchanged', 'mau-moi@1']]);
    const changed = folder('changed', { 'mau-moi.json': { ...renamed('mau-moi', '9.000001'), title: 'Tờ khai khác' } });
    const [refused] = await importFormFiles(db, changed);
    assert.equal(refused!.outcome, 'refused');
    assert.equal(refused!.at, '/version');
    assert.match(refused!.reason!, /phiên bản 1 của biểu mẫu "mau-moi" đã có với nội dung khác/);
    const stored = await getVersion(db, 'mau-moi', 1);
    assert.equal(stored!.document.title, rebirth().title, 'the published version is untouched');
  });

  test('a folder with a bad file among good ones: the good ones stored, the bad one refused with its path and reason, nothing of it kept; exit code 3', async () => {
    const { db } = get();
    const bad = renamed('mau-hong', '9.000003');
    bad.sections[0]!.fields[1]!.id = bad.sections[0]!.fields[0]!.id;
    const at = folder('mixed', { 'a-tot.json': renamed('mau-tot-a', '9.000002'), 'b-hong.json': bad, 'c-tot.json': renamed('mau-tot-c', '9.000004'), 'd-khong-phai-json.json': '{ "format": ' });
    const lines: string[] = [];
    assert.equal(await importFormsCommand(db, at, (l) => lines.push(l)), 3);
    assert.equal(lines[0], `mới: ${path.join(at, 'a-tot.json')} (mau-tot-a@1)`);
    assert.equal(lines[1], `bị từ chối: ${path.join(at, 'b-hong.json')} — tại /sections/0/fields/1/id: ${loaderSays(bad)!.reason}`);
    assert.match(lines[1]!, /mã trường "requesterName" bị trùng/);
    assert.equal(lines[2], `mới: ${path.join(at, 'c-tot.json')} (mau-tot-c@1)`);
    assert.match(lines[3]!, /^bị từ chối: .*d-khong-phai-json\.json — tại \/: tệp không phải JSON hợp lệ/);
    assert.equal(lines[4], 'Tổng: 2 mới, 0 không đổi, 2 bị từ chối.');
    assert.equal((await formVersions(db, 'mau-hong')).length, 0, 'nothing of the bad file is stored');
    assert.equal((await formVersions(db, 'mau-tot-c')).length, 1);
  });

  test('an import while a draft is open publishes the imported version and leaves the draft as it was', async () => {
    const { db } = get();
    const draft = await saveDraftVersion(db, { formId: 'mau-tot-a', document: { ...renamed('mau-tot-a', '9.000002'), title: 'Đang sửa' }, expectedRevision: null });
    assert.deepEqual(draft, { ok: true, value: { version: 2, revision: 1 } });
    const imported = await importDefinition(db, { ...renamed('mau-tot-a', '9.000002'), version: 3, title: 'Bản nhập' });
    assert.deepEqual(imported, { ok: true, value: { formId: 'mau-tot-a', version: 3, status: 'new' } });
    const versions = (await formVersions(db, 'mau-tot-a')).map((v) => [v.version, v.status]);
    assert.deepEqual(versions, [
      [3, 'published'],
      [2, 'draft'],
      [1, 'retired'],
    ]);
    // A version older than the published one is kept readable, as retired; the published one stays.
    assert.ok((await importDefinition(db, { ...renamed('mau-khoang', '9.000007'), version: 5 })).ok);
    assert.ok((await importDefinition(db, { ...renamed('mau-khoang', '9.000007'), version: 3 })).ok);
    assert.deepEqual((await formVersions(db, 'mau-khoang')).map((v) => [v.version, v.status]), [
      [5, 'published'],
      [3, 'retired'],
    ]);
  });

  test('export-forms writes one file per published form, which imports back as “không đổi”', async () => {
    const { db } = get();
    const out = path.join(dir, 'exported');
    const files = await exportForms(db, out);
    const published = await db.selectFrom('form_definition').select('form_id').where('status', '=', 'published').where('origin', '=', 'own').execute();
    assert.equal(files.length, published.length);
    const first = JSON.parse(readFileSync(path.join(out, `${DEMO_DEFINITIONS[0]!.id}.json`), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(first).slice(0, 3), ['format', 'id', 'version'], 'keys in the order the format describes them');
    const again = await importFormFiles(db, out);
    assert.equal(again.length, files.length);
    assert.deepEqual(new Set(again.map((r) => r.outcome)), new Set(['unchanged']), JSON.stringify(again.filter((r) => r.outcome !== 'unchanged')));
  });

  test('as an operator runs them: dvctt import-forms reports each file and exits 3 on a refusal; export-forms then import-forms says “không đổi”', async () => {
    const env = { DATABASE_URL: get().url, DVCTT_DEMO_DATA: 'false' };
    const bad = { ...renamed('mau-cli-hong', '9.000006'), sections: [] };
    const at = folder('cli', { 'a.json': renamed('mau-cli', '9.000005'), 'b.json': bad });
    const run = await runDvctt(['import-forms', at], env);
    assert.equal(run.code, 3, run.output);
    assert.match(run.output, /mới: .*a\.json \(mau-cli@1\)/);
    assert.match(run.output, /bị từ chối: .*b\.json — tại \/sections: /);
    assert.match(run.output, /Tổng: 1 mới, 0 không đổi, 1 bị từ chối\./);
    const out = path.join(dir, 'cli-out');
    const exported = await runDvctt(['export-forms', out], env);
    assert.equal(exported.code, 0, exported.output);
    assert.match(exported.output, /Đã xuất \d+ biểu mẫu/);
    const back = await runDvctt(['import-forms', out], env);
    assert.equal(back.code, 0, back.output);
    assert.match(back.output, /Tổng: 0 mới, \d+ không đổi, 0 bị từ chối\./);
    assert.equal((await runDvctt(['import-forms'], env)).code, 2);
  });

  test('a draft saved from a stale revision is refused and nothing changes; from the current one it is the next revision', async () => {
    const { db } = get();
    const one = { ...rebirth(), title: 'Bản nháp thứ nhất' };
    const made = await saveDraftVersion(db, { formId: rebirth().id, document: one, expectedRevision: null });
    assert.deepEqual(made, { ok: true, value: { version: 2, revision: 1 } });
    const two = await saveDraftVersion(db, { formId: rebirth().id, document: { ...one, title: 'Bản nháp thứ hai' }, expectedRevision: 1 });
    assert.deepEqual(two, { ok: true, value: { version: 2, revision: 2 } });
    const before = await getVersion(db, rebirth().id, 2);
    const stale = await saveDraftVersion(db, { formId: rebirth().id, document: { ...one, title: 'Ghi đè' }, expectedRevision: 1 });
    assert.equal(stale.ok, false);
    assert.equal(!stale.ok && stale.problem.code, 'stale');
    assert.equal(!stale.ok && stale.problem.params?.revision, 2);
    const after = await getVersion(db, rebirth().id, 2);
    assert.deepEqual([after!.document.title, after!.revision, after!.updatedAt.getTime()], [before!.document.title, 2, before!.updatedAt.getTime()]);
    // A second "new draft" while one exists is stale too: someone else started it.
    const fresh = await saveDraftVersion(db, { formId: rebirth().id, document: one, expectedRevision: null });
    assert.equal(!fresh.ok && fresh.problem.code, 'stale');
    assert.equal((await formVersions(db, rebirth().id)).find((v) => v.version === 1)!.status, 'published', 'the published version stays until the draft is published');
    await publishDraft(db, rebirth().id);
  });

  const invalid: [string, (d: FormDefinition & Record<string, unknown>) => unknown, string, RegExp][] = [
    ['an unknown field type', (d) => ((d.sections[0]!.fields[0] as { type: string }).type = 'hologram'), '/sections/0/fields/0/type', /./],
    ['a duplicate field id', (d) => (d.sections[1]!.fields[0]!.id = d.sections[0]!.fields[0]!.id), '/sections/1/fields/0/id', /mã trường "requesterName" bị trùng/],
    ['a condition on a missing field', (d) => (d.sections[0]!.fields[1]!.showIf = { field: 'khongCo' }), '/sections/0/fields/1/showIf/field', /điều kiện dựa vào trường "khongCo" không có trong biểu mẫu/],
    ['a 5 MB document', (d) => (d.example = { big: 'x'.repeat(5 * 1024 * 1024) }), '/', /định nghĩa quá lớn \(5\.0 MB; tối đa 2 MB\)/],
    ['2,000 fields', (d) => (d.sections[0]!.fields = Array.from({ length: 2000 }, (_, i) => ({ id: `f${i}`, type: 'text', label: `Trường ${i}` }))), '/sections', /biểu mẫu có 20\d\d trường; tối đa 1000 trường/],
  ];
  for (const [what, spoil, at, reason] of invalid) {
    test(`${what} is refused with its path and reason, by import and by a draft save; the published version untouched`, async () => {
      const { db } = get();
      const doc = rebirth();
      doc.version = 9;
      spoil(doc);
      const published = await db.selectFrom('form_definition').select(['version', 'updated_at']).where('form_id', '=', doc.id).where('status', '=', 'published').executeTakeFirstOrThrow();
      const count = (await formVersions(db, doc.id)).length;
      const expected = loaderSays(doc);
      if (expected) assert.deepEqual([at, reason.test(expected.reason)], [expected.path, true], 'the loader words it so');
      for (const result of [await importDefinition(db, doc), await saveDraftVersion(db, { formId: doc.id, document: doc, expectedRevision: null })]) {
        assert.equal(result.ok, false);
        if (result.ok) continue;
        assert.equal(result.problem.code, 'invalid');
        assert.equal(result.problem.params?.path, at);
        assert.match(String(result.problem.params?.reason), reason);
        if (expected) assert.equal(result.problem.params?.reason, expected.reason, 'the same Vietnamese message as the loader');
      }
      const file = folder(`bad-${at.length}-${what.length}`, { 'x.json': doc });
      const [line] = await importFormFiles(db, file);
      assert.deepEqual([line!.outcome, line!.at], ['refused', at]);
      assert.equal((await formVersions(db, doc.id)).length, count, 'no version added');
      const still = await db.selectFrom('form_definition').select(['version', 'updated_at']).where('form_id', '=', doc.id).where('status', '=', 'published').executeTakeFirstOrThrow();
      assert.deepEqual(still, published);
      const forms = createFormLibrary(db);
      assert.equal((await forms.forService(REBIRTH))!.version, published.version);
      await forms.close();
    });
  }
});

describeEachDatabase('a demo portal loaded before forms were data', (get) => {
  test('on the next start the demo seed imports the demo’s forms, once: another start changes nothing', async () => {
    const { db } = get();
    // As a database upgraded by migration 0026: the demo marked as loaded, no form in the table.
    await db.insertInto('meta').values({ key: 'demo-data', value: JSON.stringify({ loadedAt: '2026-01-01T00:00:00Z' }) }).execute();
    await db.deleteFrom('form_definition').execute();
    assert.equal(await seedDemo(db, { info: () => undefined }), false, 'the rest of the demo is not loaded again');
    const rows = await db.selectFrom('form_definition').select(['form_id', 'updated_at']).where('status', '=', 'published').execute();
    assert.equal(rows.length, DEMO_DEFINITIONS.length);
    assert.equal(await seedDemo(db, { info: () => undefined }), false);
    assert.deepEqual(await db.selectFrom('form_definition').select(['form_id', 'updated_at']).where('status', '=', 'published').execute(), rows);
  });
});
