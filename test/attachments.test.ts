// A1, A4, A5, F6 through pages and the API on each database: files in a submission (checked by
// content, stored before the transaction that names them), downloads only for the applicant and
// the agency, the request for documents and the online supplement with the clock paused, the
// one apology, and two officers acting at once.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { definitionForService } from '../src/forms/index.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { createAccount } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn as signedInAs, type Jar } from './helpers/session.ts';

const PASSWORD = 'Mat-khau-2026';
const PHARMACIST = '1.004616';

/** Bytes that are what their names say: the first bytes of a JPEG and a PDF, then filler. */
export const jpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.max(0, size - 4), 7)]);
export const pdf = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]);

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

/** A multipart/form-data body as a browser builds it, parts in the order given. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dvctt${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const REQUIRED_FILES = (): Part[] => [
  { name: 'component:anh-chan-dung', filename: 'ảnh 4x6.jpg', data: jpeg(), type: 'image/jpeg' },
  { name: 'component:van-bang', filename: 'văn bằng.pdf', data: pdf(3000), type: 'application/pdf' },
  { name: 'component:suc-khoe', filename: 'suc-khoe.pdf', data: pdf(2500), type: 'application/pdf' },
  { name: 'component:xac-nhan-thuc-hanh', filename: 'thuc-hanh.pdf', data: pdf(2600), type: 'application/pdf' },
];

describeEachDatabase('attachments, supplements and apologies', (get) => {
  let app: FastifyInstance;
  let dataDir = '';
  const def = definitionForService(PHARMACIST)!;
  const jars: Record<string, Jar> = {};
  const tokens: Record<string, string> = {};

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    await createAccount(db, { username: 'binh.dan', password: PASSWORD, fullName: 'Trần Thị Bình' });
    await createAccount(db, { username: 'cb.yte', password: PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'cb.yte2', password: PASSWORD, fullName: 'Cán bộ Y tế Hai', role: 'officer', agencyCode: '000.00.12.H34' });
    await createAccount(db, { username: 'cb.phuong', password: PASSWORD, fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-attach-'));
    app = await testApp(db, { DATA_DIR: dataDir });
    for (const u of ['an.dan', 'binh.dan', 'cb.yte', 'cb.yte2', 'cb.phuong']) {
      jars[u] = await signedInAs(app, u, PASSWORD);
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: PASSWORD } })).json() as { token: string }).token;
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
  /** The e-form's check page sends its answers here ("Gửi hồ sơ"). */
  const sendAnswers = async (jar: Jar) => {
    const form = new URLSearchParams([['_csrf', await csrf(jar)], ['_action', 'sua'], ...formBodyFromAnswers(def, def.example!)]);
    return app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/nop-ho-so`, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
  };
  const sendFiles = async (jar: Jar, files: Part[], options: { token?: string; data?: string } = {}) => {
    const body = multipart([{ name: '_csrf', value: options.token ?? (await csrf(jar)) }, { name: 'data', value: options.data ?? JSON.stringify(def.example) }, ...files]);
    return app.inject({ method: 'POST', url: `/dich-vu-cong/${PHARMACIST}/gui-ho-so`, cookies: jar, ...body });
  };
  const codeIn = (html: string) => /class="application-code">([^<]+)</.exec(html)?.[1] ?? '';

  test('after the check page the "Thành phần hồ sơ" step shows one file input per component, with kinds and the largest size at the picker; nothing is stored yet', async () => {
    const before = await count();
    const page = await sendAnswers(jars['an.dan']!);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Thành phần hồ sơ<\/h1>/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    for (const c of ['anh-chan-dung', 'van-bang', 'suc-khoe', 'xac-nhan-thuc-hanh', 'giay-to-tuy-than']) assert.ok(page.body.includes(`name="component:${c}"`), c);
    assert.match(page.body, /Nhận tệp JPEG, PNG; tối đa 5 MB\./);
    assert.match(page.body, /Nhận tệp PDF, JPEG, PNG; tối đa 10 MB\./);
    assert.match(page.body, /Bản sao thẻ Căn cước hoặc hộ chiếu \(không bắt buộc\)/);
    assert.match(page.body, /<script type="module" src="\/assets\/upload.js">/);
    assert.equal(await count(), before);
  });

  test('answers and files go in together: the application, every file with its SHA-256 and the first status in one transaction', async () => {
    const res = await sendFiles(jars['an.dan']!, REQUIRED_FILES());
    assert.equal(res.statusCode, 201, res.body.slice(0, 2000));
    assert.match(res.body, /Thông tin của quý khách đã được tiếp nhận/);
    const code = codeIn(res.body);
    const { db } = get();
    const app1 = await db.selectFrom('application').select(['id', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
    const rows = await db.selectFrom('application_attachment').selectAll().where('application_id', '=', app1.id).orderBy('component_id').execute();
    assert.deepEqual(rows.map((r) => r.component_id), ['anh-chan-dung', 'suc-khoe', 'van-bang', 'xac-nhan-thuc-hanh']);
    const photo = rows.find((r) => r.component_id === 'anh-chan-dung')!;
    assert.equal(photo.sha256, createHash('sha256').update(jpeg()).digest('hex'));
    assert.equal(photo.kind, 'jpeg');
    assert.equal(photo.original_name, 'ảnh 4x6.jpg');
    assert.equal(Number(photo.size), 2048);
  });

  test('bad files are refused with a clear Vietnamese message and nothing is stored: wrong content, empty, too large, too many, a required one missing, no form token', async () => {
    const jar = jars['an.dan']!;
    const before = [await count(), await attachmentCount()];
    const swap = (name: string, part: Part) => REQUIRED_FILES().map((p) => (p.name === name ? part : p));

    const fake = await sendFiles(jar, swap('component:van-bang', { name: 'component:van-bang', filename: 'van-bang.pdf', data: Buffer.from('Tôi không phải PDF, chỉ là chữ.'), type: 'application/pdf' }));
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /Tệp &quot;van-bang.pdf&quot; không phải PDF, JPEG, PNG \(kiểm tra theo nội dung tệp, không theo tên\)/);
    assert.match(fake.body, /Có 1 lỗi cần sửa/);

    const photoAsPdf = await sendFiles(jar, swap('component:anh-chan-dung', { name: 'component:anh-chan-dung', filename: 'anh.jpg', data: pdf(), type: 'image/jpeg' }));
    assert.equal(photoAsPdf.statusCode, 400);
    assert.match(photoAsPdf.body, /chỉ nhận JPEG, PNG/);

    const empty = await sendFiles(jar, swap('component:suc-khoe', { name: 'component:suc-khoe', filename: 'suc-khoe.pdf', data: Buffer.alloc(0) }));
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Tệp &quot;suc-khoe.pdf&quot; rỗng \(0 byte\)/);

    const big = await sendFiles(jar, swap('component:anh-chan-dung', { name: 'component:anh-chan-dung', filename: 'anh-lon.jpg', data: jpeg(5 * 1024 * 1024 + 1) }));
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /lớn hơn dung lượng tối đa 5 MB/);

    const huge = await sendFiles(jar, swap('component:van-bang', { name: 'component:van-bang', filename: 'van-bang.pdf', data: pdf(10 * 1024 * 1024 + 1) }));
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /lớn hơn dung lượng tối đa 10 MB/);

    const many = await sendFiles(jar, [...REQUIRED_FILES(), ...Array.from({ length: 20 }, (_, i) => ({ name: 'component:giay-to-tuy-than', filename: `cccd-${i}.pdf`, data: pdf() }))]);
    assert.equal(many.statusCode, 413);
    assert.match(many.body, /Gửi quá nhiều tệp: tối đa 20 tệp một lần/);

    const twice = await sendFiles(jar, [...REQUIRED_FILES(), { name: 'component:van-bang', filename: 'van-bang-2.pdf', data: pdf() }]);
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /Mỗi thành phần chỉ nhận một tệp/);

    const missing = await sendFiles(jar, REQUIRED_FILES().filter((p) => p.name !== 'component:suc-khoe'));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Hãy chọn tệp cho &quot;Giấy chứng nhận đủ sức khỏe để hành nghề dược&quot;/);
    assert.match(missing.body, /name="data" value="/, 'the answers are kept for the next try');

    const forged = await sendFiles(jar, REQUIRED_FILES(), { token: 'x'.repeat(43) });
    assert.equal(forged.statusCode, 403);

    assert.deepEqual([await count(), await attachmentCount()], before);
  });

  test('through the API: multipart with component:<id> parts, files listed on GET; bad files refused with nothing stored; JSON without files still works', async () => {
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
    assert.match((refused2.json() as { error: { message: string } }).error.message, /Hãy chọn tệp cho/);
    const unknown = multipart([{ name: 'service', value: PHARMACIST }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES(), { name: 'component:khong-co', filename: 'x.pdf', data: pdf() }]);
    const refused3 = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth, ...unknown.headers }, payload: unknown.payload });
    assert.equal(refused3.statusCode, 400);
    assert.match((refused3.json() as { error: { message: string } }).error.message, /không thuộc thành phần hồ sơ nào/);
    assert.deepEqual([await count(), await attachmentCount()], before);

    const json = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth, payload: { service: PHARMACIST, data: def.example } });
    assert.equal(json.statusCode, 201);
  });

  test('files are listed on the officer’s page with kind, size and SHA-256; the applicant and the agency download them, anyone else gets 404', async () => {
    const res = await sendFiles(jars['an.dan']!, REQUIRED_FILES());
    const code = codeIn(res.body);
    const page = await app.inject({ url: `/can-bo/ho-so/${code}`, cookies: jars['cb.yte'] });
    assert.equal(page.statusCode, 200);
    const sha = createHash('sha256').update(pdf(3000)).digest('hex');
    assert.ok(page.body.includes(sha), 'SHA-256 shown');
    assert.match(page.body, /<td>PDF<\/td>/);
    assert.match(page.body, /<td>3 KB<\/td>/);
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
    const body = multipart([{ name: '_csrf', value: await csrf(jar) }, { name: 'data', value: JSON.stringify(def.example) }, ...REQUIRED_FILES(), { name: 'component:giay-to-tuy-than', filename: 'cccd.pdf', data: pdf(3 * 1024 * 1024) }]);
    const cookie = Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    const sent = body.payload.subarray(0, body.payload.length - 1024 * 1024);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`POST /dich-vu-cong/${PHARMACIST}/gui-ho-so HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length}\r\n\r\n`);
        socket.write(sent, () => setImmediate(() => (socket.destroy(), resolve())));
      });
      socket.on('error', reject);
    });
    // The server notices the closed connection; its temporary file goes, and no row was written.
    const tmp = path.join(dataDir, 'files', 'tmp');
    for (let i = 0; i < 200 && readdirSync(tmp).length; i++) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(readdirSync(tmp), [], 'no partial file left');
    assert.deepEqual([await count(), await attachmentCount()], before);
    const after = await sendFiles(jar, REQUIRED_FILES());
    assert.equal(after.statusCode, 201, 'the next submission goes through');
  });
});
