// S6, P6: a refused request leaves no file in the store (the API submission with a bad file, the
// files step of an unknown service or with an expired form), a valid file sent beside a refused
// one stays, a file another row names is never removed, and the sweep removes what no row names
// once its grace period is over.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { definitionForService } from '../src/forms/index.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { createAccount } from '../src/identity/index.ts';
import { discardUnnamed, sweepFiles } from '../src/applications/index.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, type Jar } from './helpers/session.ts';
import { jpeg, multipart, pdf, type Part } from './helpers/submission.ts';

const PASSWORD = 'Mat-khau-2026';
const PHARMACIST = '1.004616';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeEachDatabase('refused uploads leave no file behind', (get) => {
  let app: FastifyInstance;
  let root = '';
  let jar: Jar;
  let token = '';
  const def = definitionForService(PHARMACIST)!;

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-refused-'));
    root = path.join(dataDir, 'files');
    app = await testApp(db, { DATA_DIR: dataDir });
    jar = await signedIn(app, 'an.dan', PASSWORD);
    token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: PASSWORD } })).json() as { token: string }).token;
  });
  after(() => app.close());

  /** The keys of the files kept on disk (temporary names aside). */
  const stored = (): string[] => {
    const out: string[] = [];
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isDirectory() && e.name !== 'tmp') walk(path.join(dir, e.name));
        else if (e.isFile() && /^[0-9a-f]{64}$/.test(e.name)) out.push(e.name);
      }
    };
    walk(root);
    return out.sort();
  };
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  /** The cleanup runs once the answer is sent: wait for it to settle. */
  const settle = async (done: () => boolean) => {
    for (let i = 0; i < 50 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  const csrf = async () => {
    const page = await app.inject({ url: '/ho-so', cookies: jar });
    remember(jar, page);
    return csrfOf(page.body);
  };
  const api = (parts: Part[]) => {
    const body = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...parts]);
    return app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, ...body.headers }, payload: body.payload });
  };
  const files = (n: number): Part[] => [
    { name: 'component:anh-chan-dung', filename: 'ảnh.jpg', data: jpeg(3000 + n), type: 'image/jpeg' },
    { name: 'component:van-bang', filename: 'văn bằng.pdf', data: pdf(3000 + n), type: 'application/pdf' },
    { name: 'component:suc-khoe', filename: 'suc-khoe.pdf', data: pdf(4000 + n), type: 'application/pdf' },
    { name: 'component:xac-nhan-thuc-hanh', filename: 'thuc-hanh.pdf', data: pdf(5000 + n), type: 'application/pdf' },
  ];

  test('an API submission refused for one bad file keeps none of its files', async () => {
    const before = stored();
    const refused = await api([...files(1).slice(1), { name: 'component:anh-chan-dung', filename: 'a.jpg', data: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(900, 1)]) }]);
    assert.equal(refused.statusCode, 400, refused.body);
    await settle(() => stored().length === before.length);
    assert.deepEqual(stored(), before);
  });

  test('a file another row names stays when a later request with the same bytes is refused', async () => {
    const ok = await api(files(2));
    assert.equal(ok.statusCode, 201, ok.body);
    const kept = files(2).map((p) => sha((p as { data: Buffer }).data));
    for (const k of kept) assert.ok(stored().includes(k));
    // The same diploma again, in a submission refused for a missing paper: it was not new, it stays.
    const refused = await api(files(2).slice(1, 2));
    assert.equal(refused.statusCode, 400, refused.body);
    await new Promise((r) => setTimeout(r, 200));
    for (const k of kept) assert.ok(stored().includes(k), 'a named file was removed');
    // Even asked directly, the cleanup leaves a named file alone.
    assert.deepEqual(await discardUnnamed(get().db, new LocalFileStore(root), kept), []);
    for (const k of kept) assert.ok(stored().includes(k));
  });

  test('a submission for an unknown service, by the API or the files step, keeps no file', async () => {
    const before = stored();
    const part: Part = { name: 'component:van-bang', filename: 'b.pdf', data: pdf(7777), type: 'application/pdf' };
    const unknown = multipart([{ name: '_csrf', value: await csrf() }, part, { name: '_action', value: 'tiep' }]);
    const res = await app.inject({ method: 'POST', url: '/dich-vu-cong/9.999999/thanh-phan-ho-so', cookies: jar, ...unknown });
    assert.equal(res.statusCode, 404);
    const body = multipart([{ name: 'service', value: '9.999999' }, { name: 'data', value: '{}' }, { name: 'component:x', filename: 'x.pdf', data: pdf(7778), type: 'application/pdf' }]);
    const res2 = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, ...body.headers }, payload: body.payload });
    assert.ok(res2.statusCode >= 400, String(res2.statusCode));
    await settle(() => stored().length === before.length);
    assert.deepEqual(stored(), before);
  });

  test('in the files step, an expired form keeps no file; a valid file beside a refused one stays and the refused one is gone', async () => {
    const form = new URLSearchParams([['_csrf', await csrf()], ...formBodyFromAnswers(def, def.example!)]).toString();
    const filled = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/to-khai`, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    assert.equal(filled.statusCode, 303, filled.body.slice(0, 2000));
    const before = stored();
    const expired = multipart([{ name: '_csrf', value: 'het-han' }, { name: 'component:van-bang', filename: 'b.pdf', data: pdf(6543), type: 'application/pdf' }, { name: '_action', value: 'tiep' }]);
    const refused = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, cookies: jar, ...expired });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /không có gì được lưu/);
    await settle(() => stored().length === before.length);
    assert.deepEqual(stored(), before);

    const good = pdf(8888);
    const bad = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(1234, 2)]);
    const body = multipart([{ name: '_csrf', value: await csrf() }, { name: 'component:van-bang', filename: 'van-bang.pdf', data: good, type: 'application/pdf' }, { name: 'component:suc-khoe', filename: 'suc-khoe.pdf', data: bad }, { name: '_action', value: 'tiep' }]);
    const res = await app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, cookies: jar, ...body });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Đã giữ 1 tệp hợp lệ/);
    await settle(() => !stored().includes(sha(bad)));
    assert.ok(stored().includes(sha(good)), 'the valid file was removed');
    assert.ok(!stored().includes(sha(bad)), 'the refused file is still on disk');
  });

  test('the sweep removes an old file no row names, keeps a named one and a fresh one', async () => {
    const store = new LocalFileStore(root);
    const old = await store.put(Buffer.from('tệp bỏ quên từ hôm qua'));
    const fresh = await store.put(Buffer.from('tệp vừa tải lên'));
    const named = files(2).map((p) => sha((p as { data: Buffer }).data))[1]!;
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(fileOf(old.key), twoDaysAgo, twoDaysAgo);
    utimesSync(fileOf(named), twoDaysAgo, twoDaysAgo);
    assert.ok(statSync(fileOf(old.key)).mtimeMs < Date.now() - 24 * 3600 * 1000);

    const dry = await sweepFiles(get().db, store, { dryRun: true });
    assert.deepEqual(dry.removed, [old.key]);
    assert.ok(stored().includes(old.key), 'a dry run removed a file');

    const swept = await sweepFiles(get().db, store);
    assert.deepEqual(swept.removed, [old.key]);
    assert.ok(!stored().includes(old.key));
    assert.ok(stored().includes(fresh.key), 'a fresh file was swept');
    assert.ok(stored().includes(named), 'a named file was swept');
    const metrics = await app.inject({ url: '/metrics' });
    assert.match(metrics.body, /^dvctt_files_swept_total [1-9]\d*$/m);
  });
});
