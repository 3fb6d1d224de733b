// Asking for a one-time sign-in code in Chromium, at a phone's width: from the sign-in page to the
// request page, back to the sign-in page with the code field, and a wrong code refused — each
// page checked with axe and without sideways scrolling (S1, ASVS 2.2.1, WCAG 2.1 AA).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAccount } from '../../src/identity/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';

describe('one-time sign-in code in Chromium', () => {
  const portal = portalInBrowser({ seed: async (db) => void (await createAccount(db, { username: 'lan.nguyen', password: TEST_PASSWORD, fullName: 'Nguyễn Thị Lan', email: 'lan@example.vn' })) });

  test('a person asks for a code from the sign-in page, gets the code field, and a wrong code is refused in Vietnamese', async () => {
    const page = await (await portal.browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    page.context().setDefaultTimeout(15_000);
    const fitsWidth = async () => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await page.goto(`${portal.base}/dang-nhap`);
    await page.getByRole('link', { name: 'Nhận mã đăng nhập một lần qua thư điện tử' }).click();
    await page.waitForURL(`${portal.base}/dang-nhap/ma`);
    await assertAccessible(page, 'the code request page');
    await fitsWidth();
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Hãy nhập tên đăng nhập, thư điện tử hoặc số điện thoại/);
    await assertAccessible(page, 'the code request page with its error');
    await page.getByLabel('Tên đăng nhập, thư điện tử hoặc số điện thoại').fill('lan.nguyen');
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.getByText('chúng tôi vừa gửi một mã gồm 6 chữ số').waitFor();
    await assertAccessible(page, 'the sign-in page with the code field');
    await fitsWidth();
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByLabel(/Mã đăng nhập một lần/).fill('000000');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.error-summary').waitFor();
    assert.match(await page.locator('.error-summary').innerText(), /Mã đăng nhập không đúng, đã hết hạn hoặc đã được dùng/);
    assert.equal(new URL(page.url()).pathname, '/dang-nhap');
    await assertAccessible(page, 'the sign-in page with a refused code');
    await fitsWidth();
  });
});
