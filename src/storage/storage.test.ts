import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { FileTooLargeError, LocalFileStore, formatBytes, sniff } from './index.ts';

describe('file storage', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-files-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const store = new LocalFileStore(dir);

  it('keeps a file under its SHA-256 and gives the same bytes back', async () => {
    const data = Buffer.from('%PDF-1.7\nGiấy khai sinh\n');
    const stored = await store.put(Readable.from([data.subarray(0, 5), data.subarray(5)]));
    assert.equal(stored.sha256, createHash('sha256').update(data).digest('hex'));
    assert.equal(stored.size, data.length);
    assert.deepEqual(await store.read(stored.key), data);
    assert.equal(sniff(stored.head)?.kind, 'pdf');
  });

  it('refuses a file over the limit and leaves no partial file behind', async () => {
    const big = Buffer.alloc(2048, 1);
    await assert.rejects(store.put(Readable.from([big, big]), { maxBytes: 3000 }), FileTooLargeError);
    assert.deepEqual(await readdir(path.join(dir, 'tmp')), []);
  });
});

describe('file kinds by content', () => {
  it('recognises PDF, JPEG and PNG by their first bytes, not their names', () => {
    assert.equal(sniff(Buffer.from('%PDF-1.4'))?.mime, 'application/pdf');
    assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.kind, 'jpeg');
    assert.equal(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.kind, 'png');
  });
  it('tells a Word document from other ZIP files', () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]);
    assert.equal(sniff(docx)?.kind, 'docx');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....photo.jpg')]);
    assert.equal(sniff(zip), null);
  });
  it('refuses text that claims to be a PDF and an empty file', () => {
    assert.equal(sniff(Buffer.from('hello, I am a PDF')), null);
    assert.equal(sniff(Buffer.alloc(0)), null);
  });
  it('shows sizes the way people read them', () => {
    assert.equal(formatBytes(5 * 1024 * 1024), '5 MB');
    assert.equal(formatBytes(1536), '2 KB');
  });
});
