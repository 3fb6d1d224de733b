// S6, P6: a refused request leaves no file in the store (the API submission with a bad file, the
// files step of an unknown service or with an expired form), a valid file sent beside a refused
// one stays, a file another row names is never removed, and the sweep removes what no row names
// once its grace period is over. An upload refused before its body has arrived is answered at once,
// on a real connection, and the connection is closed instead of kept alive.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, utimesSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { createAccount } from '../src/identity/index.ts';
import { discardUnnamed, sweepFiles } from '../src/applications/index.ts';
import { maxBodyBytes } from '../src/applications/upload.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { settled } from './helpers/eventually.ts';
import { exchange, zeros } from './helpers/raw-http.ts';
import { csrfOf, remember, signedIn, type Jar } from './helpers/session.ts';
import { jpeg, multipart, pdf, type Part } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MB = 1024 * 1024;

/** A multipart body whose last part is a file of `size` zero bytes, produced piece by piece. */
function bigMultipart(fields: [string, string][], file: { name: string; filename: string; size: number }, extraFiles = 0) {
  const boundary = '----dvcttlarge';
  const head = Buffer.from(
    fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      Array.from({ length: extraFiles }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="component:x${i}"; filename="x${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + file.size + tail.length;
  function* body() {
    yield head;
    yield* zeros(file.size);
    yield tail;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, length, body };
}

describeEachDatabase('refused uploads leave no file behind', (get) => {
  let app: FastifyInstance;
  let root = '';
  let jar: Jar;
  let token = '';
  const def = demoDefinition(PHARMACIST)!;

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-refused-'));
    root = path.join(dataDir, 'files');
    app = await testApp(db, { DATA_DIR: dataDir });
    await app.listen({ port: 0, host: '127.0.0.1' });
    jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
    token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string }).token;
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
  const settle = (done: () => boolean) => settled(done, { ms: 1_000, every: 20 });
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
  const port = () => (app.server.address() as AddressInfo).port;
  const cookieHeader = () => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
  /** Answered before the body was all sent, quickly, with `Connection: close`, and the server closed the connection. */
  const answeredEarlyAndClosed = (res: Awaited<ReturnType<typeof exchange>>, total: number) => {
    assert.equal(res.headers.connection, 'close', 'the answer says Connection: close');
    assert.ok(res.sentBeforeAnswer < total, `answered after ${res.sentBeforeAnswer} of ${total} bytes: the whole body was waited for`);
    assert.ok(res.answeredAfterMs < 5000, `answered after ${res.answeredAfterMs} ms`);
    assert.ok(res.closedByServer, 'the connection was kept alive');
  };

  test('an expired form as the first part of a 60 MB upload is answered at once and the connection is closed; nothing is kept', async () => {
    const before = stored();
    const big = bigMultipart([['_csrf', 'het-han']], { name: 'component:van-bang', filename: 'van-bang.pdf', size: 60 * MB });
    const res = await exchange({ port: port(), path: `/dich-vu-cong/${PHARMACIST}/thanh-phan-ho-so`, headers: { cookie: cookieHeader(), 'content-type': big.contentType, 'content-length': String(big.length) }, body: big.body() });
    assert.equal(res.status, 403);
    assert.match(res.body, /Biểu mẫu đã hết hạn/);
    assert.match(res.body, /không có gì được lưu/);
    answeredEarlyAndClosed(res, big.length);
    await settle(() => stored().length === before.length);
    assert.deepEqual(stored(), before);
  });

  test('a body declared larger than a submission may be is refused from its length, before it is read, and the connection is closed', async () => {
    const limit = maxBodyBytes();
    const big = bigMultipart([['service', PHARMACIST], ['data', JSON.stringify(def.example)]], { name: 'component:van-bang', filename: 'van-bang.pdf', size: 20 * MB });
    const declared = limit + 1;
    const res = await exchange({ port: port(), path: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, 'content-type': big.contentType, 'content-length': String(declared) }, body: big.body() });
    assert.equal(res.status, 413);
    const error = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'TOO_LARGE');
    assert.match(error.message, /Nội dung gửi lên quá lớn: tối đa 208 MB một lần, mỗi tệp không quá 10 MB; không có gì được lưu\./);
    answeredEarlyAndClosed(res, declared);
  });

  test('the files step of an unknown service, too many files, and a JSON body over the limit are answered at once on a closed connection', async () => {
    const unknown = bigMultipart([['_csrf', await csrf()]], { name: 'component:van-bang', filename: 'b.pdf', size: 60 * MB });
    const res = await exchange({ port: port(), path: '/dich-vu-cong/9.999999/thanh-phan-ho-so', headers: { cookie: cookieHeader(), 'content-type': unknown.contentType, 'content-length': String(unknown.length) }, body: unknown.body() });
    assert.equal(res.status, 404);
    assert.match(res.body, /Không có tờ khai điện tử/);
    answeredEarlyAndClosed(res, unknown.length);

    const many = bigMultipart([['service', PHARMACIST], ['data', '{}']], { name: 'component:van-bang', filename: 'b.pdf', size: 60 * MB }, 20);
    const res2 = await exchange({ port: port(), path: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, 'content-type': many.contentType, 'content-length': String(many.length) }, body: many.body() });
    assert.equal(res2.status, 413);
    assert.match((JSON.parse(res2.body) as { error: { message: string } }).error.message, /Gửi quá nhiều tệp: tối đa 20 tệp một lần; không có gì được lưu/);
    answeredEarlyAndClosed(res2, many.length);
    const small = sha(Buffer.from('%PDF-1.7\n'));
    await settle(() => !stored().includes(small));
    assert.ok(!stored().includes(small), 'the files read before the refusal were kept');

    // Fastify's own limit for bodies it reads whole (1 MB), from the declared length.
    const json = Buffer.from(`{"username":"${'a'.repeat(30 * MB)}"}`);
    const res3 = await exchange({ port: port(), path: '/api/v1/auth/token', headers: { 'content-type': 'application/json', 'content-length': String(json.length) }, body: [json] });
    assert.equal(res3.status, 413);
    assert.match(res3.body, /Nội dung gửi lên quá lớn/);
    answeredEarlyAndClosed(res3, json.length);
  });

  test('a body sent without a declared length is cut off once it passes the limit and answered on a closed connection', async () => {
    const before = stored();
    const limit = maxBodyBytes();
    const big = bigMultipart([['service', PHARMACIST], ['data', JSON.stringify(def.example)]], { name: 'component:van-bang', filename: 'van-bang.pdf', size: limit + 4 * MB });
    function* chunked() {
      for (const piece of big.body()) yield Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
      yield Buffer.from('0\r\n\r\n');
    }
    const res = await exchange({ port: port(), path: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, 'content-type': big.contentType, 'transfer-encoding': 'chunked' }, body: chunked(), timeoutMs: 60_000 });
    assert.equal(res.status, 413);
    assert.match((JSON.parse(res.body) as { error: { message: string } }).error.message, /Nội dung gửi lên quá lớn/);
    assert.equal(res.headers.connection, 'close');
    assert.ok(res.closedByServer, 'the connection was kept alive');
    await settle(() => stored().length === before.length);
    assert.deepEqual(stored(), before);
  });

  test('an upload read to its end and refused for its content keeps the connection alive', async () => {
    const body = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, { name: 'component:van-bang', filename: 'a.pdf', data: Buffer.from('GIF89a not a pdf') }]);
    const res = await exchange({ port: port(), path: '/api/v1/applications', headers: { authorization: `Bearer ${token}`, ...body.headers, 'content-length': String(body.payload.length) }, body: [body.payload], waitForCloseMs: 500 });
    assert.equal(res.status, 400);
    assert.match(res.body, /không có gì được lưu/);
    assert.notEqual(res.headers.connection, 'close');
    assert.equal(res.closedByServer, false, 'a fully read request closed its connection');
  });
});
