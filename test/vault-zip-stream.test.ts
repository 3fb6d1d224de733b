// V4, P6: the data-store ZIP is streamed. A store of 80 MB downloads over a real HTTP connection
// while the process grows by far less than the store (the files are read one at a time, at the pace
// the client reads); the received ZIP holds the same files and du-lieu.json; a client that goes
// away mid-download leaves no file open and the server serving.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { settled } from './helpers/eventually.ts';
import { signedIn } from './helpers/session.ts';

const FILES = 40;
const SIZE = 2 * 1024 * 1024;
// The app under test keeps its files under DATA_DIR/files (test/helpers/app.ts).
const FILES_DIR = '/tmp/dvctt-unused/files';
const files = new LocalFileStore(FILES_DIR);
// The whole store is 80 MB. Built in memory (every file read, then the archive, then a copy for the
// reply) the download grew this process by about 250 MB. Streamed, what is held at once is a file
// chunk (64 KB), the stream and socket buffers and what the HTTP client holds: measured 14–20 MB
// here. 40 MB — half the store — leaves twice that for noise on a busy machine and still fails as
// soon as half the store is held at once.
const BOUND = 40 * 1024 * 1024;
// What is measured is what the download keeps alive, not garbage the collector has yet to reach:
// the collector runs every 4 MB received (this process is both server and client, so the chunks it
// has finished with pile up quickly otherwise). A buffer still referenced survives it and counts.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Open file descriptors of this process on stored files — a download left open keeps one. */
function openStoredFiles(): number {
  if (!existsSync('/proc/self/fd')) return 0;
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(FILES_DIR)) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}

describeEachDatabase('the data-store ZIP is streamed with bounded memory (V4, P6)', (get) => {
  let app: FastifyInstance;
  let base: string;
  let cookie: string;
  const expected = new Map<string, string>(); // file name → sha256 of its bytes
  const keys: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'dvctt-zip-'));

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    const owner = await createAccount(db, { username: 'lon.kho', password: TEST_PASSWORD, fullName: 'Lê Văn Lớn' });
    for (let i = 0; i < FILES; i++) {
      const bytes = randomBytes(SIZE);
      const stored = await files.put(bytes);
      keys.push(stored.key);
      const name = `tep-${String(i + 1).padStart(2, '0')}.pdf`;
      expected.set(name, stored.sha256);
      await db
        .insertInto('vault_document')
        .values({ owner_id: owner, kind_code: 'giay-khai-sinh', title: `Giấy tờ ${i + 1}`, source: 'upload', file_key: stored.key, file_name: name, media_type: 'application/pdf', file_kind: 'pdf', size: stored.size, sha256: stored.sha256, state: 'provided' })
        .execute();
    }
    app = await testApp(db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const jar = await signedIn(app, 'lon.kho', TEST_PASSWORD);
    cookie = Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    // Warm up what loads once (the HTTP client, the ZIP code) with another person's small store,
    // so that what the measure below sees is what the download of the large store costs.
    const small = await createAccount(db, { username: 'nho.kho', password: TEST_PASSWORD, fullName: 'Trần Thị Nhỏ' });
    const one = await files.put(Buffer.from('%PDF-1.4 một tệp nhỏ\n'));
    keys.push(one.key);
    await db
      .insertInto('vault_document')
      .values({ owner_id: small, kind_code: 'giay-khai-sinh', title: 'Giấy tờ nhỏ', source: 'upload', file_key: one.key, file_name: 'nho.pdf', media_type: 'application/pdf', file_kind: 'pdf', size: one.size, sha256: one.sha256, state: 'provided' })
      .execute();
    const smallJar = await signedIn(app, 'nho.kho', TEST_PASSWORD);
    const warm = await fetch(`${base}/kho-du-lieu/tai-ve.zip`, { headers: { cookie: Object.entries(smallJar).map(([k, v]) => `${k}=${v}`).join('; ') } });
    assert.equal(Object.keys(unzipSync(new Uint8Array(await warm.arrayBuffer()))).length, 2);
  });
  after(async () => {
    await app.close();
    for (const k of keys) await files.remove(k);
    rmSync(work, { recursive: true, force: true });
  });

  test('an 80 MB store downloads as a ZIP while the process grows by less than 40 MB, and the ZIP holds the same files and du-lieu.json', async (t) => {
    const target = join(work, 'kho.zip');
    const sink = createWriteStream(target);
    collect();
    await new Promise((r) => setTimeout(r, 200));
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakBuffers = start.arrayBuffers;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    };
    const timer = setInterval(sample, 5);
    let received = 0;
    try {
      const res = await fetch(`${base}/kho-du-lieu/tai-ve.zip`, { headers: { cookie } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/zip');
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="kho-du-lieu-\d{4}-\d{2}-\d{2}\.zip"/);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (Math.floor((received + chunk.length) / (4 << 20)) > Math.floor(received / (4 << 20))) {
          sample();
          collect();
        }
        received += chunk.length;
        sample();
        if (!sink.write(chunk)) await once(sink, 'drain');
      }
    } finally {
      clearInterval(timer);
      sink.end();
      await once(sink, 'close');
    }
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    t.diagnostic(`RSS +${mb(peakRss - start.rss)}, array buffers +${mb(peakBuffers - start.arrayBuffers)} for ${mb(received)} sent`);
    assert.ok(received > FILES * SIZE, `received ${received} bytes`);
    assert.ok(peakRss - start.rss < BOUND, `RSS grew by ${mb(peakRss - start.rss)} for a ${mb(FILES * SIZE)} store`);
    assert.ok(peakBuffers - start.arrayBuffers < BOUND, `array buffers grew by ${mb(peakBuffers - start.arrayBuffers)}`);

    const zip = unzipSync(new Uint8Array(readFileSync(target)));
    const data = JSON.parse(strFromU8(zip['du-lieu.json']!)) as { documents: { title: string; path: string | null; file: { name: string; sha256: string } }[] };
    assert.equal(data.documents.length, FILES);
    for (const d of data.documents) {
      assert.ok(d.path, `${d.title} has no file in the ZIP`);
      const bytes = zip[d.path];
      assert.ok(bytes, d.path);
      assert.equal(bytes.length, SIZE, d.path);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), expected.get(d.file.name), d.path);
    }
    assert.equal(Object.keys(zip).length, FILES + 1);
  });

  test('a client that goes away mid-download leaves no stored file open, and the next download is whole', async () => {
    const before = openStoredFiles();
    const ctrl = new AbortController();
    const res = await fetch(`${base}/kho-du-lieu/tai-ve.zip`, { headers: { cookie }, signal: ctrl.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let got = 0;
    while (got < 5 * 1024 * 1024) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'the download ended before the client went away');
      got += value.length;
    }
    // While the download is paused mid-way, the server holds a stored file open: the check below can fail.
    if (existsSync('/proc/self/fd')) assert.ok(openStoredFiles() > before, 'no stored file open mid-download');
    ctrl.abort();
    await reader.cancel().catch(() => {});
    await settled(() => openStoredFiles() <= before, { every: 20 });
    assert.equal(openStoredFiles(), before, 'a stored file stays open after the client went away');

    const again = await fetch(`${base}/kho-du-lieu/tai-ve.zip`, { headers: { cookie } });
    assert.equal(again.status, 200);
    const zip = unzipSync(new Uint8Array(await again.arrayBuffer()));
    assert.equal(Object.keys(zip).length, FILES + 1);
  });

  test('a store over 3.5 GB (more than a ZIP without ZIP64 holds) is refused with a clear message, before any byte of a ZIP', async () => {
    const { db } = get();
    const owner = await createAccount(db, { username: 'qua.lon', password: TEST_PASSWORD, fullName: 'Phạm Văn Quá' });
    // The rows record the sizes; the bytes behind them need not be that large for the check.
    for (const n of [1, 2]) {
      await db
        .insertInto('vault_document')
        .values({ owner_id: owner, kind_code: 'giay-khai-sinh', title: `Bản quét ${n}`, source: 'upload', file_key: keys[0]!, file_name: `ban-quet-${n}.pdf`, media_type: 'application/pdf', file_kind: 'pdf', size: 2 ** 31 - 1, sha256: expected.get('tep-01.pdf')!, state: 'provided' })
        .execute();
    }
    const jar = await signedIn(app, 'qua.lon', TEST_PASSWORD);
    const res = await app.inject({ url: '/kho-du-lieu/tai-ve.zip', cookies: jar });
    assert.equal(res.statusCode, 413);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.match(res.body, /Kho dữ liệu quá lớn để tải về một lần/);
    assert.match(res.body, /tải về từng giấy tờ/);
  });
});
