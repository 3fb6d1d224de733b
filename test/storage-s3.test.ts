// P2: files in an S3-compatible object store, tested against an S3-protocol server on loopback.
// Uploads stream in parts (no whole file in memory) and objects are named by their SHA-256.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { FileTooLargeError, S3FileStore, sniff } from '../src/storage/index.ts';

const BUCKET = 'ho-so';

/** `mb` megabytes of varied bytes, produced chunk by chunk. */
function* bytes(mb: number): Generator<Buffer> {
  for (let i = 0; i < mb * 16; i++) {
    const chunk = Buffer.alloc(64 * 1024, i % 251);
    if (i === 0) chunk.write('%PDF-1.7\n');
    yield chunk;
  }
}

describe('S3-compatible file storage', () => {
  let server: S3rver;
  let dir: string;
  let endpoint: string;
  let store: S3FileStore;
  const settings = () => ({ endpoint, region: 'ap-southeast-1', bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix: 'dvctt/' });
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    store = new S3FileStore(settings());
  });
  after(async () => {
    store.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a 12 MB file up in parts, names it by its SHA-256 and gives the same bytes back', async () => {
    const expected = createHash('sha256');
    for (const b of bytes(12)) expected.update(b);
    const stored = await store.put(Readable.from(bytes(12)));
    assert.equal(stored.sha256, expected.digest('hex'));
    assert.equal(stored.size, 12 * 1024 * 1024);
    assert.equal(sniff(stored.head)?.kind, 'pdf');
    assert.ok(await store.exists(stored.key));
    const back = createHash('sha256');
    for await (const chunk of store.open(stored.key)) back.update(chunk as Buffer);
    assert.equal(back.digest('hex'), stored.sha256);
  });

  it('refuses a file over the limit and leaves no object behind', async () => {
    await assert.rejects(store.put(Readable.from(bytes(3)), { maxBytes: 2 * 1024 * 1024 }), FileTooLargeError);
    const client = new S3Client({ ...settings(), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'dvctt/tmp/' }));
    client.destroy();
    assert.equal(listed.KeyCount ?? 0, 0);
  });

  it('says a file is absent after it is removed, and the same bytes twice make one object', async () => {
    const a = await store.put(Buffer.from('%PDF-1.4 giấy tờ'));
    const b = await store.put(Buffer.from('%PDF-1.4 giấy tờ'));
    assert.equal(a.key, b.key);
    assert.deepEqual(await store.read(a.key), Buffer.from('%PDF-1.4 giấy tờ'));
    await store.remove(a.key);
    assert.equal(await store.exists(a.key), false);
  });

  it('tells whether a put made the object, and lists kept objects for the sweep (S6)', async () => {
    const a = await store.put(Buffer.from('%PDF-1.4 tệp của lần gửi bị từ chối'));
    const b = await store.put(Buffer.from('%PDF-1.4 tệp của lần gửi bị từ chối'));
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    const listed = [];
    for await (const f of store.list()) listed.push(f);
    const mine = listed.find((f) => f.key === a.key);
    assert.ok(mine, 'the object is not listed');
    assert.ok(Math.abs(mine.modified.getTime() - Date.now()) < 60_000);
    await store.remove(a.key);
    const after = [];
    for await (const f of store.list()) after.push(f.key);
    assert.ok(!after.includes(a.key));
  });
});
