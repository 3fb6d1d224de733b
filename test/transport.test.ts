// HTTPS as an operator runs it (S2, S3): `dvctt cert`, then `dvctt start` with TLS and the HTTP
// redirect port, probed with openssl s_client on IPv6 and IPv4; certificate reload; bad certificates.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { createSelfSigned } from '../src/compliance/index.ts';
import { loadConfig } from '../src/config.ts';
import { createAccount, DEMO_PASSWORD } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { settled } from './helpers/eventually.ts';
import { freePort, runDvctt, startPortal, type Portal } from './helpers/process.ts';

/** openssl s_client at one protocol version; the client offers every cipher so only the server decides. */
function sClient(host: string, port: number, flag: string, cipher = 'DEFAULT:@SECLEVEL=0'): string {
  const r = spawnSync('openssl', ['s_client', '-connect', `${host}:${port}`, flag, '-cipher', cipher, '-servername', 'localhost'], { input: '', encoding: 'utf8', timeout: 15_000 });
  const m = /New, (\S+), Cipher is (\S+)/.exec(r.stdout + r.stderr);
  return m && m[1] !== '(NONE)' ? `${m[1]} ${m[2]}` : 'refused';
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const mod = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    mod
      .get(url, { rejectUnauthorized: false, headers } as https.RequestOptions, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

/** A form post over HTTP(S) with the browser's cookies; the answer's status, headers and body. */
function postForm(url: string, cookies: string, fields: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const mod = url.startsWith('https:') ? https : http;
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: 'POST', rejectUnauthorized: false, headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } } as https.RequestOptions, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a browser would send them back. */
const cookiePairs = (headers: http.IncomingHttpHeaders) => (headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');

/** The serial of the certificate a new TLS connection gets, or "refused". */
function servedSerial(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const s = tls.connect({ host, port, rejectUnauthorized: false, servername: 'localhost' }, () => {
      resolve(s.getPeerX509Certificate()?.serialNumber ?? 'none');
      s.end();
    });
    s.on('error', (e) => resolve(`refused: ${e.message}`));
  });
}

describeEachDatabase('HTTPS served by dvctt itself', (get_) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-transport-'));
  let portal: Portal;
  let port: number;
  let redirectPort: number;
  const certFile = path.join(dir, 'tls', 'cert.pem');
  const keyFile = path.join(dir, 'tls', 'key.pem');
  before(async () => {
    const made = await runDvctt(['cert', '--type', 'ec', '--out', path.join(dir, 'tls')], {});
    assert.equal(made.code, 0, made.output);
    port = await freePort();
    redirectPort = await freePort();
    portal = await startPortal({
      DATABASE_URL: get_().url,
      DATA_DIR: path.join(dir, 'data'),
      PORT: String(port),
      DVCTT_HTTP_REDIRECT_PORT: String(redirectPort),
      PUBLIC_URL: `https://localhost:${port}`,
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
      DVCTT_LOG_LEVEL: 'info',
    });
  });
  after(async () => {
    if (portal?.child.exitCode === null) {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('dvctt cert wrote an EC P-256 certificate for localhost and its loopback addresses, key readable only by its owner', () => {
    const text = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-text'], { encoding: 'utf8' });
    assert.match(text, /NIST CURVE: P-256/);
    assert.match(text, /DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/);
    assert.equal(execFileSync('stat', ['-c', '%a', keyFile], { encoding: 'utf8' }).trim(), '600');
  });

  test('openssl s_client: TLS 1.0 and 1.1 refused, 1.2 and 1.3 accepted, on [::1] and 127.0.0.1', () => {
    for (const host of ['[::1]', '127.0.0.1']) {
      assert.equal(sClient(host, port, '-tls1'), 'refused', host);
      assert.equal(sClient(host, port, '-tls1_1'), 'refused', host);
      assert.match(sClient(host, port, '-tls1_2'), /^TLSv1\.2 ECDHE-ECDSA-.*(GCM|POLY1305)/, host);
      assert.match(sClient(host, port, '-tls1_3'), /^TLSv1\.3 TLS_/, host);
    }
  });

  test('TLS 1.2 offers only forward-secret AEAD suites: CBC and static-RSA suites are refused', () => {
    assert.equal(sClient('127.0.0.1', port, '-tls1_2', 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0'), 'refused');
    assert.equal(sClient('127.0.0.1', port, '-tls1_2', 'AES128-GCM-SHA256:@SECLEVEL=0'), 'refused');
    assert.match(sClient('127.0.0.1', port, '-tls1_2', 'ECDHE-ECDSA-CHACHA20-POLY1305'), /CHACHA20/);
  });

  test('the HTTP port answers every path with a 301 to the same path over HTTPS at PUBLIC_URL, on both address families', async () => {
    for (const host of ['[::1]', '127.0.0.1']) {
      const res = await get(`http://${host}:${redirectPort}/dich-vu-cong?q=h%E1%BB%99+t%E1%BB%8Bch`);
      assert.equal(res.status, 301, host);
      assert.equal(res.headers.location, `https://localhost:${port}/dich-vu-cong?q=h%E1%BB%99+t%E1%BB%8Bch`);
      const followed = await get(res.headers.location!);
      assert.equal(followed.status, 200);
    }
    const injected = await get(`http://127.0.0.1:${redirectPort}/`, { host: 'evil.example/"><script>' });
    assert.equal(injected.headers.location, `https://localhost:${port}/`, 'a malformed Host header goes to PUBLIC_URL');
  });

  test('the HTTP port never sends a visitor to the host named in the Host header, only to PUBLIC_URL\'s', async () => {
    for (const host of ['evil.example', 'evil.example:8443', '[::1]']) {
      const res = await get(`http://127.0.0.1:${redirectPort}/dang-nhap?next=/ho-so`, { host });
      assert.equal(res.status, 301, host);
      assert.equal(res.headers.location, `https://localhost:${port}/dang-nhap?next=/ho-so`, host);
    }
    const doubled = await get(`http://127.0.0.1:${redirectPort}//evil.example/`, { host: 'evil.example' });
    assert.equal(new URL(doubled.headers.location!).host, `localhost:${port}`);
  });

  test('pages carry HSTS, a CSP with frame-ancestors none and no inline script, nosniff, a Referrer-Policy, and Secure cookies', async () => {
    const res = await get(`https://[::1]:${port}/`);
    assert.match(String(res.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    const cookie = await get(`https://127.0.0.1:${port}/hien-thi?chu=lon&next=/`);
    assert.equal(cookie.status, 303);
    assert.match(String(cookie.headers['set-cookie']), /; Secure/);
  });

  test('over HTTPS the session cookie is __Host-dvctt_session: Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const form = await get(`https://127.0.0.1:${port}/dang-nhap`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const res = await postForm(`https://127.0.0.1:${port}/dang-nhap`, cookiePairs(form.headers), { _csrf: csrf, login: 'congdan', password: DEMO_PASSWORD });
    assert.equal(res.status, 303, res.body);
    const session = (res.headers['set-cookie'] ?? []).find((c) => c.includes('dvctt_session='));
    assert.ok(session, 'a session cookie is set');
    assert.match(session, /^__Host-dvctt_session=[A-Za-z0-9_-]{43};/);
    const attributes = session.split('; ').slice(1);
    for (const a of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax']) assert.ok(attributes.includes(a), `${a} in ${session}`);
    assert.ok(!attributes.some((a) => /^domain=/i.test(a)), 'no Domain');
    const me = await get(`https://127.0.0.1:${port}/api/v1/me`, { cookie: session.split(';')[0]! });
    assert.equal(me.status, 200, 'the portal reads the session back by its __Host- name');
    const plainName = await get(`https://127.0.0.1:${port}/api/v1/me`, { cookie: session.split(';')[0]!.replace('__Host-', '') });
    assert.equal(plainName.status, 401, 'the plain name is not read over HTTPS');
  });

  test('a renewed certificate written over the files is served without a restart and without refusing a connection; a weak one is not', async () => {
    const before = await servedSerial(port);
    let probing = true;
    const failures: string[] = [];
    const probe = (async () => {
      while (probing) {
        const s = await servedSerial(port, '::1');
        if (s.startsWith('refused')) failures.push(s);
      }
    })();
    // As certbot does: write new files next to the old ones, then rename over them.
    const renewed = createSelfSigned({ keyType: 'rsa' });
    writeFileSync(`${keyFile}.new`, renewed.keyPem);
    writeFileSync(`${certFile}.new`, renewed.certPem);
    renameSync(`${keyFile}.new`, keyFile);
    renameSync(`${certFile}.new`, certFile);
    let now = before;
    for (let i = 0; i < 100 && now !== renewed.cert.serialNumber; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = await servedSerial(port);
    }
    probing = false;
    await probe;
    assert.equal(now, renewed.cert.serialNumber, 'the new certificate is served');
    assert.deepEqual(failures, []);

    // A 1024-bit certificate is refused at reload too: the renewed one stays in service.
    const weakDir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-weak-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', path.join(weakDir, 'k.pem'), '-out', path.join(weakDir, 'c.pem'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    renameSync(path.join(weakDir, 'k.pem'), keyFile);
    renameSync(path.join(weakDir, 'c.pem'), certFile);
    rmSync(weakDir, { recursive: true, force: true });
    await settled(() => portal.output().includes('TLS certificate not reloaded'), { every: 100 });
    assert.match(portal.output(), /khóa RSA 1024 bit[^\n]*TLS certificate not reloaded/);
    assert.equal(await servedSerial(port), renewed.cert.serialNumber);

    // SIGHUP reads the files on demand: put the renewed pair back and ask.
    writeFileSync(keyFile, renewed.keyPem);
    writeFileSync(certFile, renewed.certPem);
    portal.child.kill('SIGHUP');
    await settled(() => /SIGHUP: certificate reload/.test(portal.output()), { every: 100 });
    assert.match(portal.output(), /SIGHUP: certificate reload/);
    assert.equal(await servedSerial(port), renewed.cert.serialNumber);
    assert.equal(portal.child.exitCode, null, 'still running');
  });
});

test('certificates the server refuses at start: 1024-bit RSA, an EC key under P-256, an expired one', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-badcert-'));
  try {
    const env = { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', DATA_DIR: path.join(dir, 'data'), PORT: String(await freePort()) };
    const make = (name: string, args: string[]) => {
      execFileSync('openssl', ['req', '-x509', ...args, '-nodes', '-keyout', path.join(dir, `${name}.key`), '-out', path.join(dir, `${name}.crt`), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
      return { TLS_CERT_FILE: path.join(dir, `${name}.crt`), TLS_KEY_FILE: path.join(dir, `${name}.key`) };
    };
    await assert.rejects(startPortal({ ...env, ...make('rsa1024', ['-newkey', 'rsa:1024']) }), /khóa RSA 1024 bit; cần tối thiểu 2048 bit/);
    await assert.rejects(startPortal({ ...env, ...make('p224', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp224r1']) }), /đường cong secp224r1; cần P-256 trở lên/);
    const old = createSelfSigned({ now: new Date(Date.now() - 10 * 86_400_000), days: 2 });
    writeFileSync(path.join(dir, 'old.crt'), old.certPem);
    writeFileSync(path.join(dir, 'old.key'), old.keyPem);
    await assert.rejects(startPortal({ ...env, TLS_CERT_FILE: path.join(dir, 'old.crt'), TLS_KEY_FILE: path.join(dir, 'old.key') }), /đã hết hạn từ/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dvctt cert refuses bad options with a clear message and writes nothing; does not overwrite without --force', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-certcli-'));
  try {
    const out = path.join(dir, 'tls');
    let r = await runDvctt(['cert', '--type', 'dsa', '--out', out], {});
    assert.equal(r.code, 2);
    assert.match(r.output, /--type "dsa" không hợp lệ; dùng rsa/);
    r = await runDvctt(['cert', '--host', 'a b', '--out', out], {});
    assert.match(r.output, /không phải tên miền hay địa chỉ IP/);
    assert.equal(existsSync(out), false);
    r = await runDvctt(['cert', '--out', out, '--host', 'dichvucong.khanhhoa.gov.vn', '--days', '30'], {});
    assert.equal(r.code, 0, r.output);
    const cert = new X509Certificate(readFileSync(path.join(out, 'cert.pem')));
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(cert.subjectAltName, 'DNS:dichvucong.khanhhoa.gov.vn');
    r = await runDvctt(['cert', '--out', out], {});
    assert.equal(r.code, 2);
    assert.match(r.output, /đã có; dùng --force để ghi đè/);
    assert.equal(new X509Certificate(readFileSync(path.join(out, 'cert.pem'))).serialNumber, cert.serialNumber);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('behind a TLS-terminating proxy', () => {
  test('settings: the redirect port needs TLS; the trusted proxy is true/false or a list of addresses', () => {
    assert.throws(() => loadConfig({ DVCTT_HTTP_REDIRECT_PORT: '8080' }), /DVCTT_HTTP_REDIRECT_PORT: chỉ dùng khi cổng phục vụ HTTPS/);
    assert.throws(() => loadConfig({ DVCTT_HTTP_REDIRECT_PORT: '80x' }), /DVCTT_HTTP_REDIRECT_PORT: "80x" không phải số cổng/);
    assert.deepEqual(loadConfig({ DVCTT_TRUST_PROXY: '10.0.0.5, fd00::/8' }).trustProxy, ['10.0.0.5', 'fd00::/8']);
    assert.equal(loadConfig({ DVCTT_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.throws(() => loadConfig({ DVCTT_TRUST_PROXY: 'proxy.local' }), /DVCTT_TRUST_PROXY: "proxy.local" không phải địa chỉ IP hay dải CIDR/);
    assert.throws(() => loadConfig({ DVCTT_TRUST_PROXY: '10.0.0.0/33' }), /không phải địa chỉ IP hay dải CIDR/);
  });
});

describeEachDatabase('behind a TLS-terminating proxy (DVCTT_TRUST_PROXY)', (get_) => {
  test('X-Forwarded-Proto https from the trusted proxy gives HSTS and Secure cookies; http is redirected to PUBLIC_URL', async () => {
    const app = await testApp(get_().db, { DVCTT_TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://dichvucong.example.vn' });
    try {
      const secure = await app.inject({ url: '/hien-thi?chu=lon&next=/', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' });
      assert.match(String(secure.headers['strict-transport-security']), /max-age=31536000/);
      assert.match(String(secure.headers['set-cookie']), /; Secure/);
      const plain = await app.inject({ url: '/dich-vu-cong?page=2', headers: { 'x-forwarded-proto': 'http' }, remoteAddress: '127.0.0.1' });
      assert.equal(plain.statusCode, 301);
      assert.equal(plain.headers.location, 'https://dichvucong.example.vn/dich-vu-cong?page=2');
      // From an address that is not the proxy, the header is not believed: no HSTS over plain HTTP.
      const spoofed = await app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '203.0.113.9' });
      assert.equal(spoofed.headers['strict-transport-security'], undefined);
    } finally {
      await app.close();
    }
  });

  test('behind the trusted HTTPS proxy, signing in sets __Host-dvctt_session with Path=/, Secure, HttpOnly, SameSite=Lax and no Domain', async () => {
    await createAccount(get_().db, { username: 'dan.proxy', password: 'Mat-khau-2026!', fullName: 'Người Dân Sau Proxy' });
    const app = await testApp(get_().db, { DVCTT_TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://dichvucong.example.vn' });
    try {
      const viaProxy = { headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' };
      const form = await app.inject({ url: '/dang-nhap', ...viaProxy });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const cookies = Object.fromEntries(form.cookies.map((c) => [c.name, c.value]));
      const res = await app.inject({ method: 'POST', url: '/dang-nhap', cookies, payload: { _csrf: csrf, login: 'dan.proxy', password: 'Mat-khau-2026!' }, ...viaProxy });
      assert.equal(res.statusCode, 303, res.body);
      const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.includes('dvctt_session='));
      assert.match(String(header), /^__Host-dvctt_session=[A-Za-z0-9_-]{43}; /);
      const attributes = String(header).split('; ').slice(1);
      for (const a of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax']) assert.ok(attributes.includes(a), `${a} in ${header}`);
      assert.ok(!attributes.some((a) => /^domain=/i.test(a)), 'no Domain');
      const name = '__Host-dvctt_session';
      const token = res.cookies.find((c) => c.name === name)!.value;
      assert.equal((await app.inject({ url: '/tai-khoan', cookies: { [name]: token }, ...viaProxy })).statusCode, 200, 'read back by the same name');
      const out = await app.inject({ method: 'POST', url: '/dang-xuat', cookies: { [name]: token }, payload: { _csrf: (await app.inject({ url: '/tai-khoan', cookies: { [name]: token }, ...viaProxy })).body.match(/name="_csrf" value="([^"]+)"/)![1]! }, ...viaProxy });
      assert.match(String(out.headers['set-cookie']), /__Host-dvctt_session=; .*Path=\/; .*Secure/, 'sign-out clears the same cookie');
    } finally {
      await app.close();
    }
  });

  test('without a trusted proxy, X-Forwarded-Proto is ignored', async () => {
    const app = await testApp(get_().db);
    try {
      const res = await app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['strict-transport-security'], undefined);
    } finally {
      await app.close();
    }
  });
});
