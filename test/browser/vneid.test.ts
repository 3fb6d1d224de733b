// S1, S5 in Chromium: with VNeID configured, the sign-in page leads with it and registration
// explains the way in instead; an administrator merges two accounts of one person through the
// page's form. axe checks each page, at a desk's width and a phone's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createAccount } from '../../src/identity/index.ts';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { assertAccessible, launchBrowser } from '../helpers/browser.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { portalWithProvider, type ProviderPortal } from '../helpers/oidc-provider.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

describe('VNeID first in Chromium', () => {
  let site: ProviderPortal;
  let browser: Browser;

  before(async () => {
    site = await portalWithProvider(async (db) => {
      await seedCatalogDemo(db);
      await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
      await createAccount(db, { username: 'lan.cu', password: TEST_PASSWORD, fullName: 'Nguyễn Thị Lan', idNumber: '056190001111' });
      await createAccount(db, { username: 'lan.moi', password: TEST_PASSWORD, fullName: 'Nguyễn Thị Lan' });
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('the sign-in and registration pages lead to VNeID, at 1280 and 375 pixels', async () => {
    for (const width of [1280, 375]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.base + '/dang-nhap');
      await assertAccessible(page, `sign-in page at ${width}px`);
      const lead = page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử (VNeID)' });
      assert.ok(await lead.isVisible());
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/sign-in-${width}.png`, fullPage: true });
      await page.goto(site.base + '/dang-ky');
      await assertAccessible(page, `registration closed at ${width}px`);
      assert.equal(await page.locator('input[name="password"]').count(), 0);
      await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử (VNeID)' }).click();
      await page.waitForURL((url) => url.href.startsWith(site.provider.issuer));
      await context.close();
    }
  });

  test('an administrator merges two accounts of one person through the form', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInInBrowser(page, site.base, 'qt.tinh', TEST_PASSWORD);
    await page.goto(site.base + '/quan-tri/can-bo');
    await page.getByRole('link', { name: 'Gộp hai tài khoản của một người' }).click();
    await assertAccessible(page, 'merge page');
    await page.getByLabel('Tài khoản bị gộp (tên đăng nhập)').fill('lan.moi');
    await page.getByLabel('Tài khoản giữ lại (tên đăng nhập)').fill('lan.cu');
    await page.getByRole('button', { name: 'Gộp tài khoản' }).click();
    await assertAccessible(page, 'merge page with an error');
    assert.match((await page.locator('.error-summary, [role="alert"]').first().textContent()) ?? '', /hãy ghi lý do gộp/);
    await page.getByLabel('Lý do gộp').fill('Đã đối chiếu CCCD bản gốc tại bộ phận một cửa');
    await page.getByRole('button', { name: 'Gộp tài khoản' }).click();
    await page.getByText('Đã gộp tài khoản lan.moi vào lan.cu').waitFor();
    await assertAccessible(page, 'merge page after merging');
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/merge-375.png`, fullPage: true });
    const merged = await site.db.selectFrom('account').select(['password_hash', 'locked_until']).where('username', '=', 'lan.moi').executeTakeFirstOrThrow();
    assert.equal(merged.password_hash, null);
    await context.close();
  });
});
