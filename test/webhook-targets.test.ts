// S7 (ASVS 5.2.6): webhooks go to other systems on the internet, never to this machine or its
// private network, unless the operator allows it (DVCTT_WEBHOOK_ALLOW_PRIVATE). The name is resolved
// once and the connection goes to the address that was checked, whatever the resolver says next
// (DNS rebinding); a redirect is not followed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { isPrivateAddress, isPrivateHost, type Resolver } from '../src/notifications/address.ts';
import { DeliveryError, type OutgoingMessage } from '../src/notifications/channels/index.ts';
import { webhookChannel } from '../src/notifications/channels/webhook.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm } from './helpers/session.ts';

describe('private addresses', () => {
  test('private, loopback, link-local, unique-local and unspecified addresses are recognised; public ones are not', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '127.8.8.8', '169.254.169.254', '0.0.0.0', '::1', '[::1]', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '172.15.255.255', '203.113.131.1', '2001:4860:4860::8888', 'fe00::1', 'portal.gov.vn']) {
      assert.equal(isPrivateAddress(a), false, a);
    }
    assert.equal(isPrivateHost('localhost'), true);
    assert.equal(isPrivateHost('he-thong.tinh.gov.vn'), false);
  });
});

describe('delivery refuses a webhook to a private address', () => {
  let receiver: http.Server;
  let got = 0;
  before(async () => {
    receiver = http.createServer((req, res) => {
      got++;
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  });
  after(() => new Promise<void>((r) => receiver.close(() => r())));

  const message = (to: string): OutgoingMessage => ({ id: 'm-1', to, secret: 's', text: '', json: { a: 1 } });

  test('a loopback receiver, by address, mapped address or as localhost, is not connected to; allowed, it is', async () => {
    const port = (receiver.address() as AddressInfo).port;
    for (const to of [`http://127.0.0.1:${port}/nhan`, `http://localhost:${port}/nhan`, `http://[::ffff:127.0.0.1]:${port}/nhan`]) {
      await assert.rejects(webhookChannel().send(message(to)), (e: Error) => e instanceof DeliveryError && /Không gửi webhook đến địa chỉ nội bộ/.test(e.message), to);
    }
    assert.equal(got, 0, 'nothing reached the receiver');
    const sent = await webhookChannel({ allowPrivate: true }).send(message(`http://127.0.0.1:${port}/nhan`));
    assert.equal(sent.delivered, true);
    assert.equal(got, 1);
  });
});

describe('delivery connects to the address it checked, and only there', () => {
  const servers: (http.Server | tls.Server)[] = [];
  const listen = async <S extends http.Server | tls.Server>(server: S, host: string, port = 0): Promise<number> => {
    servers.push(server);
    await new Promise<void>((r) => server.listen(port, host, () => r()));
    return (server.address() as AddressInfo).port;
  };
  after(() => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))));
  const message = (to: string): OutgoingMessage => ({ id: 'm-2', to, secret: 's', text: '', json: { a: 1 } });
  /** A resolver whose answer changes after each question, as a rebinding name server's does. */
  const changing = (...answers: string[]) => {
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      const address = answers[Math.min(asked.length - 1, answers.length - 1)]!;
      return [{ address, family: 4 }];
    };
    return { resolve, asked };
  };

  test('a name that answers a public address at the check and loopback afterwards is never connected to on loopback', async () => {
    const hits: string[] = [];
    const port = await listen(http.createServer((req, res) => (hits.push(String(req.url)), res.end('ok'))), '127.0.0.1');
    const dns = changing('198.51.100.7', '127.0.0.1');
    await assert.rejects(
      webhookChannel({ resolve: dns.resolve, timeoutMs: 1500 }).send(message(`http://nhan.example.vn:${port}/nhan`)),
      (e: Error) => e instanceof DeliveryError && /Máy nhận webhook không trả lời/.test(e.message),
    );
    assert.deepEqual(dns.asked, ['nhan.example.vn'], 'the name was resolved once, at the check');
    assert.deepEqual(hits, [], 'the loopback receiver was reached');
    // Asked first, the loopback answer is refused before any connection.
    await assert.rejects(webhookChannel({ resolve: changing('127.0.0.1').resolve }).send(message(`http://nhan.example.vn:${port}/nhan`)), /Không gửi webhook đến địa chỉ nội bộ 127\.0\.0\.1/);
    assert.deepEqual(hits, []);
  });

  test('each delivery goes to the address its own check found, with the name in the Host header', async () => {
    const hits: { at: string; host: string }[] = [];
    const receiver = (at: string) => http.createServer((req, res) => (hits.push({ at, host: String(req.headers.host) }), req.resume(), res.end('ok')));
    const port = await listen(receiver('127.0.0.1'), '127.0.0.1');
    await listen(receiver('127.0.0.2'), '127.0.0.2', port);
    const dns = changing('127.0.0.1', '127.0.0.2');
    const channel = webhookChannel({ allowPrivate: true, resolve: dns.resolve });
    assert.equal((await channel.send(message(`http://nhan.example.vn:${port}/nhan`))).delivered, true);
    assert.deepEqual(hits, [{ at: '127.0.0.1', host: `nhan.example.vn:${port}` }]);
    assert.equal((await channel.send(message(`http://nhan.example.vn:${port}/nhan`))).delivered, true);
    assert.deepEqual(hits[1], { at: '127.0.0.2', host: `nhan.example.vn:${port}` });
    assert.equal(dns.asked.length, 2, 'one question per delivery');
  });

  test('a redirect, here to a private address, is not followed: the delivery fails and says so', async () => {
    let inside = 0;
    const internal = await listen(http.createServer((_req, res) => (inside++, res.end('bí mật'))), '127.0.0.1');
    const port = await listen(http.createServer((req, res) => (req.resume(), res.writeHead(302, { location: `http://127.0.0.1:${internal}/noi-bo` }).end())), '127.0.0.1');
    await assert.rejects(
      webhookChannel({ allowPrivate: true }).send(message(`http://127.0.0.1:${port}/nhan`)),
      (e: Error) => e instanceof DeliveryError && new RegExp(`chuyển hướng 302 đến http://127\\.0\\.0\\.1:${internal}/noi-bo; không theo chuyển hướng`).test(e.message),
    );
    assert.equal(inside, 0, 'the redirect was followed');
  });

  test('over HTTPS the checked address is connected to with the name in SNI, and the certificate is still checked against it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-webhook-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=nhan.example.vn', '-addext', 'subjectAltName=DNS:nhan.example.vn', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    const names: string[] = [];
    const context = tls.createSecureContext({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) });
    const port = await listen(tls.createServer({ SNICallback: (name, cb) => (names.push(name), cb(null, context)) }, (socket) => socket.end()), '127.0.0.1');
    // Self-signed, so not trusted: the delivery fails on the certificate, after SNI named the host.
    await assert.rejects(
      webhookChannel({ allowPrivate: true, resolve: changing('127.0.0.1').resolve }).send(message(`https://nhan.example.vn:${port}/nhan`)),
      (e: Error) => e instanceof DeliveryError && /self[- ]signed certificate/i.test(e.message),
    );
    assert.deepEqual(names, ['nhan.example.vn']);
  });
});

describeEachDatabase('an administrator registering a webhook', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    await createAccount(get().db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    app = await testApp(get().db);
  });
  after(() => app.close());

  test('a private, loopback or link-local address is refused with a Vietnamese message and nothing is saved; a public one is kept', async () => {
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    for (const url of ['http://10.0.0.5/nhan', 'https://192.168.1.10/', 'http://127.0.0.1:8080/', 'http://169.254.169.254/latest/meta-data/', 'https://[::1]/', 'https://[fd00::1]/', 'http://0.0.0.0/', 'http://localhost:3000/']) {
      const res = await submitForm(app, admin, '/quan-tri/webhook', '/quan-tri/webhook', { name: 'Hệ thống nội bộ', url });
      assert.equal(res.statusCode, 400, url);
      assert.match(res.body, /Không dùng địa chỉ nội bộ \(mạng riêng, máy này hoặc link-local\) cho webhook/, url);
    }
    assert.equal((await get().db.selectFrom('webhook_subscription').select('id').execute()).length, 0, 'nothing saved');
    const ok = await submitForm(app, admin, '/quan-tri/webhook', '/quan-tri/webhook', { name: 'Hệ thống một cửa', url: 'https://motcua.khanhhoa.gov.vn/dvctt/webhook' });
    assert.equal(ok.statusCode, 200);
    assert.equal((await get().db.selectFrom('webhook_subscription').select('id').execute()).length, 1);
  });
});
