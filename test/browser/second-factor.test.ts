// An officer on a phone-sized screen (375 px) turns on the second factor from the account page and
// signs in with it, in Chromium; every page passes axe and nothing scrolls sideways (S1, U3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { totpCode } from '../../src/identity/totp.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { submitSignIn } from '../helpers/sign-in.ts';

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('second factor in Chromium at 375 px', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  test('an officer turns on the second factor, keeps the recovery codes, signs out and signs in with a code; every page passes axe', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const signInWithPassword = async () => {
      await page.goto(base + '/dang-nhap');
      await submitSignIn(page, 'canbo.syt', DEMO_PASSWORD);
    };
    await signInWithPassword();
    await page.waitForURL(/\/can-bo$/);

    await page.goto(base + '/tai-khoan');
    await page.getByRole('link', { name: /Bật hoặc xem xác thực hai bước/ }).click();
    await page.waitForURL(/\/tai-khoan\/xac-thuc-hai-buoc$/);
    await assertAccessible(page, 'second factor setup');
    assert.ok(await fitsWidth(page), 'the secret and the link wrap within 375 px');
    assert.ok(await page.getByRole('img', { name: /Mã QR để thêm tài khoản/ }).isVisible());
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);

    await page.getByLabel('Mã 6 chữ số').fill('12345');
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Mã không đúng/);
    await assertAccessible(page, 'second factor setup with an error');

    await page.getByLabel('Mã 6 chữ số').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    await page.getByRole('heading', { name: 'Đã bật xác thực hai bước' }).waitFor();
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    await assertAccessible(page, 'recovery codes');
    assert.ok(await fitsWidth(page));

    // On a narrow screen the header's links are behind "Menu chính".
    const signOut = page.getByRole('button', { name: 'Đăng xuất', exact: true });
    if (!(await signOut.isVisible())) await page.locator('summary.site-menu-toggle').click();
    await signOut.click();
    await page.waitForURL(base + '/');
    await signInWithPassword();
    await page.waitForURL(/\/dang-nhap\/ma-xac-thuc$/);
    await assertAccessible(page, 'code page');
    await page.getByLabel('Mã xác thực').fill('000000' === totpCode(secret, Date.now() + 30_000) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Mã xác thực không đúng hoặc đã được dùng/);
    await assertAccessible(page, 'code page with an error');
    // The setup used this step's code; the app's next one is accepted a step early.
    await page.getByLabel('Mã xác thực').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(/\/can-bo$/);

    // Signed in: the account's own page opens instead of the sign-in form.
    await page.goto(base + '/tai-khoan/xac-thuc-hai-buoc');
    await page.waitForURL(/\/tai-khoan\/xac-thuc-hai-buoc$/);
    assert.match((await page.locator('main').textContent()) ?? '', /Còn 10 mã khôi phục chưa dùng/);
    await assertAccessible(page, 'second factor status');
    await context.close();
  });
});
