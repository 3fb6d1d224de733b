// P1: pages, styles and data are compressed for slow connections; PDFs and files already
// compressed are sent as they are; the catalog's own gzip and HEAD requests keep working.
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { worthCompressing } from '../src/web/compression.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';

test('only readable text is worth compressing, and never a stored file streamed for download', () => {
  const asBody = { streamed: false, disposition: undefined };
  assert.equal(worthCompressing('text/html; charset=utf-8', asBody), true);
  assert.equal(worthCompressing('text/csv; charset=utf-8', { streamed: false, disposition: 'attachment; filename="a.csv"' }), true);
  assert.equal(worthCompressing('image/svg+xml', asBody), true);
  for (const type of ['application/pdf', 'image/png', 'image/jpeg', 'application/zip', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', undefined]) {
    assert.equal(worthCompressing(type, asBody), false, String(type));
  }
  assert.equal(worthCompressing('text/plain', { streamed: true, disposition: 'attachment; filename="ghi-chu.txt"' }), false);
  assert.equal(worthCompressing('text/css', { streamed: true, disposition: undefined }), true);
});

describeEachDatabase('compressed responses', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  test('the home page comes in brotli or gzip and decodes to the same HTML', async () => {
    const plain = await app.inject({ url: '/', headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    // The page names this year's figures and popular services: the same within the test.
    const br = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${br.rawPayload.length} of ${plain.rawPayload.length} bytes`);
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
    const gz = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
    // A browser that takes both gets brotli, the smaller.
    const both = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(both.headers['content-encoding'], 'br');
  });

  test('the style sheet is compressed; a small answer is not', async () => {
    const css = await app.inject({ url: '/assets/site.css', headers: { 'accept-encoding': 'br' } });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(css.rawPayload).toString('utf8'), /body\s*\{/);
    const health = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br' } });
    assert.equal(health.headers['content-encoding'], undefined);
    assert.deepEqual(health.json(), { status: 'ok' });
  });

  test('a blank form in PDF is not compressed again; the catalog JSON keeps its own gzip', async () => {
    const page = await app.inject('/dich-vu-cong/1.004616');
    const href = /href="(\/dich-vu-cong\/1\.004616\/[^"]+\.pdf)"/.exec(page.body)?.[1];
    assert.ok(href, 'the service page links a PDF form');
    const pdf = await app.inject({ url: href, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-encoding'], undefined);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');

    const catalog = await app.inject({ url: '/dich-vu-cong/danh-muc.json', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(catalog.headers['content-encoding'], 'gzip');
    assert.equal((JSON.parse(gunzipSync(catalog.rawPayload).toString('utf8')) as { format: string }).format, 'dvctt-catalog/1');
  });

  test('HEAD of a compressed page answers with headers and no body', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/', headers: { 'accept-encoding': 'br' } });
    assert.equal(head.statusCode, 200);
    assert.equal(head.rawPayload.length, 0);
    assert.match(String(head.headers['content-type']), /text\/html/);
  });
});
