// The national payment platform in Chromium: the citizen chooses it among the gateways, pays on
// the simulator's page (real redirects on loopback, the signed callback server to server), comes
// back to a link to the receipt; the officer's fee page offers the refund. Axe at 1280 and 375 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { PaygovSimulator } from '../../src/applications/payment/paygov-simulator.ts';
import { CALLBACK_PATH } from '../../src/applications/payment/paygov.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { testApp } from '../helpers/app.ts';
import { assertAccessible, launchBrowser } from '../helpers/browser.ts';
import { dbTarget, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { applicationInProcessing, seedFeePeople } from '../helpers/fees.ts';
import { freePort } from '../helpers/process.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('payment through the national payment platform in Chromium', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base = '';
  const sim = new PaygovSimulator({ merchant: 'SO-Y-TE-KH', secret: 'bi-mat-paygov-thu-nghiem-2026' });

  before(async () => {
    await sim.start();
    database = await freshDatabase(await dbTarget('embedded'));
    await seedFeePeople(database.db);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    sim.callbackUrl = `${base}${CALLBACK_PATH}`;
    app = await testApp(database.db, {
      PUBLIC_URL: base,
      DVCTT_PAYGOV_URL: sim.base,
      DVCTT_PAYGOV_MERCHANT: 'SO-Y-TE-KH',
      DVCTT_PAYGOV_SECRET: 'bi-mat-paygov-thu-nghiem-2026',
      DVCTT_PAYMENT_URL: 'http://127.0.0.1:9/paymentv2/vpcpay.html',
      DVCTT_PAYMENT_TMN_CODE: 'DVCTT001',
      DVCTT_PAYMENT_SECRET: 'bi-mat-thu-nghiem-2026',
    });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await sim.stop();
    await database?.drop();
  });

  /** Axe at a desktop's and a phone's width (and a screenshot of each when DVCTT_SCREENSHOTS names a folder). */
  const checkBothWidths = async (page: Page, label: string) => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `${label} at ${width} px`);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label.replaceAll(' ', '-')}-${width}.png`, fullPage: true });
    }
  };

  test('the citizen chooses the platform, pays, and comes back to the receipt; the officer can refund it', async () => {
    const { code } = await applicationInProcessing(app, [{ status: 2 }, { status: 4 }, { status: 6, note: 'Nộp phí thẩm định' }]);
    const citizen = await (await browser.newContext()).newPage();
    citizen.context().setDefaultTimeout(15_000);
    await signInInBrowser(citizen, base, 'an.dan', TEST_PASSWORD, `/ho-so/${code}/thanh-toan`);
    await checkBothWidths(citizen, 'paygov payment page');
    await citizen.getByLabel('Nền tảng thanh toán trực tuyến (PayGov)').check();
    await citizen.getByRole('button', { name: 'Thanh toán 500.000 đồng' }).click();
    await citizen.waitForURL(`${sim.base}/pay?**`);
    await citizen.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await citizen.waitForURL(`${base}/thanh-toan/paygov/ket-qua?**`);
    assert.ok(await citizen.getByRole('heading', { name: 'Thanh toán thành công' }).isVisible());
    await checkBothWidths(citizen, 'paygov outcome');
    assert.ok(await citizen.getByRole('link', { name: /Tải biên lai điện tử số BL-0000012H34-\d{4}-0000001 \(PDF\)/ }).isVisible());
    await citizen.goto(`${base}/ho-so/${code}`);
    assert.ok(await citizen.getByRole('link', { name: /Biên lai số BL-0000012H34-\d{4}-0000001: 500\.000 đồng \(PDF\)/ }).isVisible());

    const officer = await (await browser.newContext()).newPage();
    officer.context().setDefaultTimeout(15_000);
    await signInInBrowser(officer, base, 'cb.yte', TEST_PASSWORD, `/can-bo/ho-so/${code}/thu-phi`);
    await checkBothWidths(officer, 'officer fee page with refund');
    await officer.getByLabel(/Lý do hoàn 500\.000 đồng/).fill('Người nộp rút hồ sơ trước khi thẩm định');
    await officer.getByRole('button', { name: 'Hoàn 500.000 đồng' }).click();
    await officer.waitForURL(`${base}/can-bo/ho-so/${code}/thu-phi?hoan-tien=1`);
    assert.ok(await officer.getByRole('cell', { name: /Đã hoàn tiền: Người nộp rút hồ sơ/ }).isVisible());
    assert.equal(sim.refunds.length, 1);
  });
});
