// A citizen's account journey in Chromium: register, profile, sign out, sign in again — and no axe
// violations on the sign-in, register and profile pages, with and without errors. (The pages carry
// no script; axe itself needs JavaScript, so this context keeps it on.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { signInInBrowser, submitSignIn } from '../helpers/sign-in.ts';

describe('accounts in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  test('register, see the profile, sign out, sign in again; every page passes axe', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.getByRole('link', { name: 'Đăng ký tài khoản' }).click();
    await assertAccessible(page, 'register');
    // The privacy notice links the full policy (Decree 13/2023).
    await page.getByRole('link', { name: 'Đọc đầy đủ chính sách bảo vệ dữ liệu cá nhân' }).click();
    await page.waitForURL(/\/chinh-sach-bao-ve-du-lieu$/);
    await assertAccessible(page, 'privacy policy');
    await page.goBack();

    // First with mistakes: the summary lists them and links to the fields.
    await page.getByLabel('Họ và tên').fill('Phạm Minh Châu');
    await page.getByLabel('Tên đăng nhập').fill('chau.pham');
    await page.getByLabel('Mật khẩu').fill('ngan');
    await page.getByLabel('Số căn cước công dân (CCCD)').fill('12345');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    // Two mistakes, and the consent box not ticked.
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Có 3 lỗi cần sửa/);
    await assertAccessible(page, 'register with errors');
    assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Phạm Minh Châu', 'what was typed is kept');

    await page.getByLabel('Mật khẩu').fill('Chau-minh-2026');
    await page.getByLabel('Số căn cước công dân (CCCD)').fill('079095001122');
    await page.getByLabel(/Tôi đã đọc và đồng ý/).check();
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForURL(/\/tai-khoan/);
    assert.match((await page.getByRole('status').textContent()) ?? '', /Tài khoản đã được tạo/);
    await assertAccessible(page, 'profile');

    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL(base + '/');
    await page.getByRole('link', { name: 'Đăng nhập' }).click();
    await assertAccessible(page, 'sign in');
    await submitSignIn(page, 'chau.pham', 'sai-mat-khau-9');
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Tên đăng nhập hoặc mật khẩu không đúng/);
    await assertAccessible(page, 'sign in with error');
    await page.getByLabel('Mật khẩu').fill('Chau-minh-2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(base + '/');
    assert.ok(await page.getByRole('link', { name: 'Phạm Minh Châu' }).isVisible(), 'the header names the signed-in person');
    await context.close();
  });

  test('an administrator’s pages — staff, audit log, password — pass axe, with and without errors', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInInBrowser(page, base, 'quantri', DEMO_PASSWORD, '/quan-tri/can-bo');
    await assertAccessible(page, 'staff');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /lỗi cần sửa/);
    await assertAccessible(page, 'staff with errors');
    await page.getByRole('link', { name: 'Xem nhật ký kiểm tra' }).click();
    assert.ok(await page.getByRole('cell', { name: 'quantri' }).first().isVisible());
    await assertAccessible(page, 'audit log');
    await page.goto(base + '/tai-khoan/mat-khau');
    await assertAccessible(page, 'password');
    await context.close();
  });
});
