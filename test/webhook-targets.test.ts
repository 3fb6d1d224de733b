// S7 (ASVS 5.2.6): webhooks go to other systems on the internet, never to this machine or its
// private network, unless the operator allows it (DVCTT_WEBHOOK_ALLOW_PRIVATE).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { isPrivateAddress, isPrivateHost } from '../src/notifications/address.ts';
import { DeliveryError, type OutgoingMessage } from '../src/notifications/channels/index.ts';
import { webhookChannel } from '../src/notifications/channels/webhook.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm } from './helpers/session.ts';

const PASSWORD = 'Mat-khau-2026';

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

describeEachDatabase('an administrator registering a webhook', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    await createAccount(get().db, { username: 'qt.tinh', password: PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    app = await testApp(get().db);
  });
  after(() => app.close());

  test('a private, loopback or link-local address is refused with a Vietnamese message and nothing is saved; a public one is kept', async () => {
    const admin = await signedIn(app, 'qt.tinh', PASSWORD);
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
