// A level-4 application in Chromium: the citizen pays through the gateway simulator (real
// redirects on loopback, the signed notice server to server) and the application moves on; the
// officer finishes with a signed result; the citizen downloads and verifies it. Axe on each page.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { GatewaySimulator } from '../../src/applications/index.ts';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { testApp } from '../helpers/app.ts';
import { assertAccessible, launchBrowser } from '../helpers/browser.ts';
import { dbTarget, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

describe('payment and signed results in Chromium', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base = '';
  const simulator = new GatewaySimulator({ tmnCode: 'DVCTT001', secret: 'bi-mat-thu-nghiem-2026' });

  before(async () => {
    await simulator.start();
    database = await freshDatabase(await dbTarget('embedded'));
    await seedCatalogDemo(database.db);
    await seedDemoAccounts(database.db);
    // The portal's address is known once it listens; the gateway learns its IPN address then.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    base = `http://127.0.0.1:${port}`;
    app = await testApp(database.db, {
      PUBLIC_URL: base,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'dvctt-browser-results-')),
      DVCTT_PAYMENT_URL: simulator.paymentUrl,
      DVCTT_PAYMENT_TMN_CODE: 'DVCTT001',
      DVCTT_PAYMENT_SECRET: 'bi-mat-thu-nghiem-2026',
    });
    await app.listen({ port, host: '127.0.0.1' });
    simulator.ipnUrl = `${base}/api/v1/payments/vnpay/ipn`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await simulator.stop();
    await database?.drop();
  });

  const signIn = (page: Page, username: string, next: string) => signInInBrowser(page, base, username, DEMO_PASSWORD, next);

  test('the citizen pays through the gateway, the officer finishes with a signed result, the citizen downloads and verifies it', async () => {
    const token = async (username: string) => ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const citizenApi = { authorization: `Bearer ${await token('congdan')}` };
    const officerApi = { authorization: `Bearer ${await token('canbo.syt')}` };
    const { code } = (await app.inject(apiSubmission(citizenApi, '1.004616', demoDefinition('1.004616')!.example))).json() as { code: string };
    for (const status of [2, 4]) await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: officerApi, payload: { status } });

    const officer = await (await browser.newContext()).newPage();
    officer.context().setDefaultTimeout(15_000);
    await signIn(officer, 'canbo.syt', `/can-bo/ho-so/${code}`);
    await officer.getByRole('link', { name: 'Yêu cầu thực hiện nghĩa vụ tài chính' }).click();
    await assertAccessible(officer, 'officer fee page');
    await officer.getByRole('button', { name: 'Yêu cầu thực hiện nghĩa vụ tài chính' }).click();
    assert.match((await officer.getByRole('status').textContent()) ?? '', /Yêu cầu thực hiện nghĩa vụ tài chính/);

    const citizen = await (await browser.newContext({ acceptDownloads: true })).newPage();
    citizen.context().setDefaultTimeout(15_000);
    await signIn(citizen, 'congdan', `/ho-so/${code}`);
    await citizen.getByRole('link', { name: 'Thanh toán phí, lệ phí' }).click();
    await assertAccessible(citizen, 'payment page');
    assert.ok(await citizen.getByRole('img', { name: /Mã VietQR: chuyển 500\.000 đồng/ }).isVisible());
    await citizen.getByRole('button', { name: 'Thanh toán 500.000 đồng qua VNPAY' }).click();
    await citizen.waitForURL(`${simulator.paymentUrl}?**`);
    await citizen.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await citizen.waitForURL(`${base}/thanh-toan/vnpay/ket-qua?**`);
    assert.ok(await citizen.getByRole('heading', { name: 'Thanh toán thành công' }).isVisible());
    await assertAccessible(citizen, 'payment outcome');
    assert.deepEqual(simulator.ipnCalls.map((c) => JSON.parse(c.body) as { RspCode: string }).map((b) => b.RspCode), ['00']);
    await citizen.getByRole('link', { name: `Xem hồ sơ ${code}` }).click();
    assert.ok(await citizen.getByText('Đang xử lý').first().isVisible());

    await officer.goto(`${base}/can-bo/ho-so/${code}`);
    await officer.getByRole('link', { name: 'Đã xử lý xong' }).click();
    await assertAccessible(officer, 'officer result page');
    await officer.getByLabel('Tạo văn bản "Kết quả giải quyết" từ mẫu').check();
    await officer.getByLabel('Nội dung giải quyết').fill('Cấp Chứng chỉ hành nghề dược số 123/CCHN-D-SYT-KH.');
    await officer.getByRole('button', { name: 'Ký số và hoàn thành xử lý' }).click();
    assert.match((await officer.getByRole('status').textContent()) ?? '', /Đã xử lý xong/);

    await citizen.goto(`${base}/ho-so/${code}`);
    await citizen.getByRole('link', { name: 'Nhận kết quả giải quyết' }).click();
    await assertAccessible(citizen, 'result page');
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /Tải kết quả/ }).click()]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dvctt-download-')), 'ketqua.pdf');
    await download.saveAs(file);
    await citizen.getByRole('link', { name: 'trang xác thực kết quả' }).click();
    await assertAccessible(citizen, 'verification page');
    await citizen.getByLabel('Tệp kết quả cần kiểm tra').setInputFiles(file);
    await citizen.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    assert.ok(await citizen.getByRole('heading', { name: 'Hợp lệ: chữ ký số đúng, tệp không bị thay đổi' }).isVisible());
    await assertAccessible(citizen, 'verification verdict');
  });
});
