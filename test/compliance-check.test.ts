// `dvctt check` (S4) against dvctt's own server on loopback: a good HTTPS deployment whose name
// lives in a DNSSEC-signed zone (Knot) behind a validating resolver (Unbound) passes every line;
// an unsigned zone, plain HTTP and a weak TLS proxy fail exactly the lines they should.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createSelfSigned, runCheck, type Report } from '../src/compliance/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { startDnsFixture, type DnsFixture } from './helpers/dns-fixture.ts';
import { freePort, runDvctt, startPortal, type Portal } from './helpers/process.ts';

const byId = (r: Report) => Object.fromEntries(r.findings.map((f) => [f.id, f]));
const failing = (r: Report) => r.findings.filter((f) => f.status !== 'pass').map((f) => `${f.id}: ${f.status} — ${f.detail}`);

describeEachDatabase('dvctt check', (get) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-check-'));
  const caFile = path.join(dir, 'cert.pem');
  let dns: DnsFixture;
  let portal: Portal;
  let port: number;
  let redirectPort: number;
  let plainApp: FastifyInstance;
  let plainPort: number;
  let weakProxy: tls.Server;
  let weakPort: number;

  before(async () => {
    dns = await startDnsFixture();
    const made = createSelfSigned({ hosts: ['portal.signed.test', 'portal.unsigned.test', 'localhost', '127.0.0.1', '::1'] });
    writeFileSync(caFile, made.certPem);
    writeFileSync(path.join(dir, 'key.pem'), made.keyPem);
    port = await freePort();
    redirectPort = await freePort();
    portal = await startPortal({
      DATABASE_URL: get().url,
      DATA_DIR: path.join(dir, 'data'),
      PORT: String(port),
      DVCTT_HTTP_REDIRECT_PORT: String(redirectPort),
      TLS_CERT_FILE: caFile,
      TLS_KEY_FILE: path.join(dir, 'key.pem'),
    });
    // A badly run deployment: the same portal over plain HTTP …
    plainApp = await testApp(get().db);
    await plainApp.listen({ port: 0, host: '127.0.0.1' });
    plainPort = (plainApp.server.address() as AddressInfo).port;
    // … and behind a proxy that terminates TLS 1.0+ with a 1024-bit self-signed certificate.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', path.join(dir, 'weak.key'), '-out', path.join(dir, 'weak.crt'), '-days', '30', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    weakProxy = tls.createServer({ cert: readFileSync(path.join(dir, 'weak.crt')), key: readFileSync(path.join(dir, 'weak.key')), minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, (client) => {
      const upstream = net.connect(plainPort, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => weakProxy.listen(0, '127.0.0.1', () => r()));
    weakPort = (weakProxy.address() as AddressInfo).port;
  });
  after(async () => {
    weakProxy?.close();
    await plainApp?.close();
    if (portal?.child.exitCode === null) {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    await dns?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a good deployment in a signed zone passes every line, axe and the phone width included', async () => {
    const report = await runCheck({ url: new URL(`https://portal.signed.test:${port}/`), resolver: dns.resolver, caFile, httpPort: redirectPort });
    assert.deepEqual(failing(report), []);
    const f = byId(report);
    assert.match(f['tls-versions']!.detail, /Chấp nhận: TLSv1\.2, TLSv1\.3\./);
    assert.match(f['ipv6-aaaa']!.detail, /AAAA: ::1/);
    assert.match(f['ipv6-reach']!.detail, /\[::1\]/);
    assert.match(f['dnssec-validated']!.detail, /cờ AD/);
    assert.match(f['three-clicks']!.detail, /Cả \d+ trang trong sitemap\.xml/);
    assert.equal(f['accessibility']!.status, 'pass');
    assert.match(f['online-forms']!.detail, /^Cả \d+ thủ tục mức độ 3, 4 có tờ khai điện tử: \d+ có tờ khai riêng, \d+ dùng biểu mẫu mặc định \(/);
    assert.equal(report.findings.length, 21);
  });

  test('an unsigned zone fails the two DNSSEC lines, naming Art. 15.4 and how to sign it', async () => {
    const report = await runCheck({ url: new URL(`https://portal.unsigned.test:${port}/`), resolver: dns.resolver, caFile, httpPort: redirectPort, browser: false });
    const f = byId(report);
    assert.equal(f['dnssec-signed']!.status, 'fail');
    assert.equal(f['dnssec-signed']!.article, 'Điều 15.4; HD §8b');
    assert.match(f['dnssec-signed']!.fix, /Ký vùng unsigned\.test bằng DNSSEC/);
    assert.equal(f['dnssec-validated']!.status, 'fail');
    assert.equal(f['ipv6-aaaa']!.status, 'pass');
    assert.equal(f['tls-chain']!.status, 'pass');
  });

  test('plain HTTP fails every HTTPS line with the fix; the page lines still pass', async () => {
    const report = await runCheck({ url: new URL(`http://127.0.0.1:${plainPort}/`), browser: false, maxPages: 50 });
    const f = byId(report);
    for (const id of ['https', 'tls-versions', 'tls-key', 'tls-chain', 'hsts', 'http-redirect']) {
      assert.equal(f[id]!.status, 'fail', id);
      assert.equal(f[id]!.article.startsWith('Điều 20'), true);
      assert.match(f[id]!.fix, /TLS_CERT_FILE/);
    }
    for (const id of ['layout-header', 'layout-menu', 'layout-footer', 'sitemap-xml', 'feedback-email', 'shortcuts']) assert.equal(f[id]!.status, 'pass', id);
  });

  test('a TLS proxy that accepts TLS 1.0 with a 1024-bit self-signed certificate and sends no HSTS fails those lines', async () => {
    const report = await runCheck({ url: new URL(`https://localhost:${weakPort}/`), browser: false, maxPages: 50 });
    const f = byId(report);
    assert.equal(f['https']!.status, 'pass');
    assert.equal(f['tls-versions']!.status, 'fail');
    assert.match(f['tls-versions']!.detail, /TLSv1\.0, TLSv1\.1/);
    assert.equal(f['tls-key']!.status, 'fail');
    assert.match(f['tls-key']!.detail, /RSA 1024 bit; cần tối thiểu 2048 bit/);
    assert.equal(f['tls-chain']!.status, 'fail');
    assert.equal(f['hsts']!.status, 'fail');
    assert.equal(f['http-redirect']!.status, 'skip');
  });

  test('the command prints text, JSON and HTML, exits 1 when a line fails, and refuses bad options', async () => {
    const good = await runDvctt(['check', `https://localhost:${port}`, '--ca', caFile, '--http-port', String(redirectPort), '--no-browser', '--format', 'json'], {});
    assert.equal(good.code, 0, good.output);
    const json = JSON.parse(good.output.slice(good.output.indexOf('{'))) as Report;
    assert.equal(json.summary.fail, 0);
    assert.equal(json.findings.find((x) => x.id === 'dnssec-signed')!.status, 'skip');

    const bad = await runDvctt(['check', `http://127.0.0.1:${plainPort}`, '--no-browser', '--format', 'html', '--max-pages', '20'], {});
    assert.equal(bad.code, 1);
    assert.match(bad.output, /<table>/);
    assert.match(bad.output, /<th scope="row">Phục vụ qua HTTPS<\/th>\s*<td><strong>KHÔNG ĐẠT<\/strong>/);

    const text = await runDvctt(['check', `http://127.0.0.1:${plainPort}`, '--no-browser', '--max-pages', '20'], {});
    assert.match(text.output, /\[KHÔNG ĐẠT\] Điều 20 — HSTS/);
    assert.match(text.output, /Cách khắc phục: /);

    const wrong = await runDvctt(['check', 'https://localhost', '--format', 'pdf'], {});
    assert.equal(wrong.code, 2);
    assert.match(wrong.output, /--format "pdf" không hợp lệ; dùng text, json hoặc html/);
    const missing = await runDvctt(['check'], {});
    assert.match(missing.output, /Cách dùng: dvctt check <url>/);
  });
});
