// Phản ánh, kiến nghị in Chromium: a visitor reads the published answers, sends feedback with the
// plain form (errors first, then success) and tracks it; the health department's officer answers
// the overdue one and publishes it; each page passes axe and fits both 1280 px and a 375 px phone,
// the list and the form with its errors in English too (U5).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { seedPetitionsDemo } from '../../src/petitions/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('phản ánh, kiến nghị in Chromium', () => {
  const portal = portalInBrowser({
    seed: async (db) => {
      await seedCatalogDemo(db);
      await seedDemoAccounts(db);
      await seedPetitionsDemo(db);
    },
  });

  /** axe and no sideways scrolling, at desktop width and on a phone. */
  async function check(page: Page, label: string) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 900 });
      await assertAccessible(page, `${label} at ${width}px`);
      const overflow = await page.evaluate(() => {
        const el = document.scrollingElement ?? document.documentElement;
        return el.scrollWidth - el.clientWidth;
      });
      assert.equal(overflow, 0, `${label} scrolls sideways at ${width}px`);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/petitions-${label.replace(/\W+/g, '-')}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('a visitor sends and tracks feedback; the officer answers the overdue one and publishes it', { timeout: 180_000 }, async () => {
    const { browser, base } = portal;
    const visitor = await (await browser.newContext()).newPage();
    visitor.context().setDefaultTimeout(15_000);
    await visitor.goto(`${base}/phan-anh-kien-nghi`);
    await check(visitor, 'public list');
    await visitor.getByLabel(/Tìm trong phản ánh/).fill('giay kham suc khoe');
    await visitor.getByRole('button', { name: 'Tìm', exact: true }).click();
    await visitor.getByRole('link', { name: /giấy khám sức khỏe/ }).click();
    await check(visitor, 'published petition');

    await visitor.goto(`${base}/phan-anh-kien-nghi`);
    await visitor.getByRole('link', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await check(visitor, 'send form');
    await visitor.getByLabel(/^Tiêu đề/).fill('Trang thủ tục thiếu mức lệ phí');
    await visitor.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    assert.ok(await visitor.getByRole('heading', { name: /Có \d lỗi cần sửa/ }).isVisible());
    await check(visitor, 'send form with errors');
    await visitor.getByLabel(/^Nội dung/).fill('Trang thủ tục cấp chứng chỉ hành nghề dược không ghi mức phí thẩm định.');
    await visitor.getByLabel(/^Họ và tên/).fill('Lê Thị Mai');
    await visitor.getByLabel(/^Thư điện tử/).fill('mai@example.vn');
    await visitor.getByLabel(/^Mã thủ tục/).fill('1.004616');
    await visitor.getByLabel(/Tôi đồng ý/).check();
    await visitor.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await visitor.waitForURL(/\/phan-anh-kien-nghi\/da-gui/);
    await check(visitor, 'confirmation');
    const code = /PAKN-\d{8}-\d{4}/.exec((await visitor.locator('.notice-box').textContent()) ?? '')?.[0];
    assert.ok(code);
    assert.match((await visitor.locator('main').textContent()) ?? '', /Sở Y tế tỉnh Khánh Hòa/);

    await visitor.goto(`${base}/phan-anh-kien-nghi/tra-cuu`);
    await visitor.getByLabel(/^Mã phản ánh/).fill(code);
    await visitor.getByLabel(/^Thư điện tử hoặc số điện thoại/).fill('0900000000');
    await visitor.getByRole('button', { name: 'Tra cứu' }).click();
    await check(visitor, 'tracking error');
    await visitor.getByLabel(/^Thư điện tử hoặc số điện thoại/).fill('MAI@example.vn');
    await visitor.getByRole('button', { name: 'Tra cứu' }).click();
    assert.ok(await visitor.getByRole('heading', { name: `Phản ánh ${code}` }).isVisible());
    await check(visitor, 'tracking result');

    const officer = await (await browser.newContext()).newPage();
    officer.context().setDefaultTimeout(15_000);
    await signInInBrowser(officer, base, 'canbo.syt', DEMO_PASSWORD, '/can-bo/phan-anh-kien-nghi');
    await check(officer, 'officer list');
    // The demo's overdue petition comes first.
    const first = officer.locator('tbody tr').first();
    assert.match((await first.textContent()) ?? '', /PAKN-20260504-0001.*Quá hạn trả lời/);
    await officer.getByRole('link', { name: /phản ánh quá hạn trả lời/ }).click();
    assert.equal(await officer.locator('tbody tr').count(), 1);
    await officer.getByRole('link', { name: /chưa được trả lời yêu cầu bổ sung/ }).click();
    await check(officer, 'answer page');
    await officer.getByLabel(/^Nội dung trả lời/).fill('Sở Y tế đã gửi thông báo tiếp theo về hồ sơ của ông qua tài khoản trên cổng.');
    await officer.getByLabel(/Công khai phản ánh/).check();
    await officer.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await officer.waitForURL(/luu=tra-loi/);
    assert.ok(await officer.getByText('Đã lưu câu trả lời và báo cho người gửi.').isVisible());
    assert.ok(await officer.getByText('Không có phản ánh nào quá hạn trả lời.').isVisible());

    await visitor.goto(`${base}/phan-anh-kien-nghi`);
    assert.ok(await visitor.getByRole('link', { name: /chưa được trả lời yêu cầu bổ sung/ }).isVisible());
    assert.doesNotMatch((await visitor.content()) ?? '', /Nguyễn Văn An|congdan@example\.vn/);

    const admin = await (await browser.newContext()).newPage();
    admin.context().setDefaultTimeout(15_000);
    await signInInBrowser(admin, base, 'quantri', DEMO_PASSWORD, '/can-bo/phan-anh-kien-nghi');
    await check(admin, 'administrator list with handling days');
  });

  test('in English, the list and the form with its errors read in English and pass axe', { timeout: 120_000 }, async () => {
    const { browser, base } = portal;
    const context = await browser.newContext();
    await context.addCookies([{ name: 'lang', value: 'en', url: base }]);
    const visitor = await context.newPage();
    visitor.context().setDefaultTimeout(15_000);
    await visitor.goto(`${base}/phan-anh-kien-nghi`);
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'en');
    assert.ok(await visitor.getByRole('heading', { level: 1, name: 'Feedback and petitions' }).isVisible());
    await check(visitor, 'public list in English');
    await visitor.getByRole('link', { name: 'Send feedback or a petition' }).click();
    await visitor.getByLabel(/^Subject/).fill('Missing fee');
    await visitor.getByRole('button', { name: 'Send feedback or a petition' }).click();
    assert.ok(await visitor.getByRole('heading', { name: /There are \d problems/ }).isVisible());
    assert.ok(await visitor.getByText('Enter your full name.').first().isVisible());
    await check(visitor, 'send form with errors in English');
    await context.close();
  });
});
