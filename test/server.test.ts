// `dvctt start` on a PostgreSQL server (DATABASE_URL), over HTTPS, and its graceful shutdown.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from './helpers/db.ts';
import { freePort, startPortal, type Portal } from './helpers/process.ts';

function selfSigned(dir: string, bits: number): { cert: string; key: string } {
  const cert = path.join(dir, `cert-${bits}.pem`);
  const key = path.join(dir, `key-${bits}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  return { cert, key };
}

function httpsGet(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

function tlsHandshake(port: number, version: tls.SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: version, maxVersion: version }, () => {
      const v = socket.getProtocol() ?? 'unknown';
      socket.end();
      resolve(v);
    });
    socket.on('error', () => resolve('refused'));
  });
}

describeEachDatabase('dvctt start with DATABASE_URL and HTTPS', (get) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-srv-'));
  let portal: Portal;
  let port: number;
  before(async () => {
    const { cert, key } = selfSigned(dir, 2048);
    port = await freePort();
    portal = await startPortal({ DATABASE_URL: get().url, DATA_DIR: path.join(dir, 'data'), PORT: String(port), HOST: '::', TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
  });
  after(async () => {
    if (portal.child.exitCode === null) portal.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves the portal over HTTPS on IPv6 and IPv4 with HSTS, and starts no embedded database', async () => {
    for (const host of ['[::1]', '127.0.0.1']) {
      const res = await httpsGet(`https://${host}:${port}/`);
      assert.equal(res.status, 200, host);
      assert.match(res.body, /Cổng Dịch vụ công/);
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    }
    assert.equal(existsSync(path.join(dir, 'data', 'postgres')), false);
  });

  test('accepts TLS 1.2 and 1.3 and refuses TLS 1.0 and 1.1', async () => {
    assert.equal(await tlsHandshake(port, 'TLSv1.3'), 'TLSv1.3');
    assert.equal(await tlsHandshake(port, 'TLSv1.2'), 'TLSv1.2');
    assert.equal(await tlsHandshake(port, 'TLSv1.1'), 'refused');
    assert.equal(await tlsHandshake(port, 'TLSv1'), 'refused');
  });

  test('on SIGTERM a request still being received is answered in full before the process exits', async () => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    await new Promise<void>((r) => socket.once('secureConnect', () => r()));
    let response = '';
    socket.on('data', (c: Buffer) => (response += c.toString()));
    const body = JSON.stringify({ ghiChu: 'x'.repeat(80) });
    socket.write(`POST /api/v1/khong-co HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    portal.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // New connections are no longer accepted while the server drains.
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect(port, '127.0.0.1');
      probe.on('connect', () => (probe.destroy(), resolve(false)));
      probe.on('error', () => resolve(true));
    });
    assert.ok(refused, 'no new connections during shutdown');
    socket.write(body.slice(10));
    await new Promise<void>((r) => socket.on('close', () => r()));
    assert.match(response, /^HTTP\/1\.1 404/);
    assert.match(response, /Không tìm thấy tài nguyên/);
    assert.equal(await portal.exited, 0, portal.output());
  });
});

test('a certificate that is not one, or has a key under 2048 bits, stops the start with a clear message', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-tls-'));
  try {
    const bad = path.join(dir, 'bad.pem');
    execFileSync('sh', ['-c', `echo not-a-cert > ${bad}`]);
    const weak = selfSigned(dir, 1024);
    const env = { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', DATA_DIR: path.join(dir, 'data'), PORT: String(await freePort()) };
    await assert.rejects(startPortal({ ...env, TLS_CERT_FILE: bad, TLS_KEY_FILE: bad }), /Không dùng được chứng chỉ TLS/);
    await assert.rejects(startPortal({ ...env, TLS_CERT_FILE: weak.cert, TLS_KEY_FILE: weak.key }), /khóa RSA 1024 bit; cần tối thiểu 2048 bit/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
