// S1 in Chromium: a citizen signs in with the national identity provider (a real OpenID Connect
// provider on loopback, with its development login and consent pages), agrees to the portal's
// privacy notice the first time, lands signed in on the page they asked for, and comes back to the
// same account without being asked again. axe checks the portal's pages only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, launchBrowser } from '../helpers/browser.ts';
import { portalWithProvider, type ProviderPortal } from '../helpers/oidc-provider.ts';

describe('sign-in with the identity provider in Chromium', () => {
  let site: ProviderPortal;
  let browser: Browser;

  before(async () => {
    site = await portalWithProvider();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const accounts = async () => Number((await site.db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  /** At the provider's own pages (not the portal's, so no axe here): log in, then consent. */
  async function signInAtProvider(page: Page, login: string) {
    await page.waitForURL((url) => url.href.startsWith(site.provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('mat-khau-bat-ky');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  test('a citizen signs in through the provider, agrees to the privacy notice the first time, lands on their profile with the name from the claims, and comes back to the same account', async () => {
    for (const round of [1, 2]) {
      const context = await browser.newContext();
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(site.base + '/dang-nhap?next=%2Ftai-khoan');
      await assertAccessible(page, 'sign-in page with the provider button');
      await page.getByRole('link', { name: 'Đăng nhập bằng Tài khoản định danh điện tử (VNeID)' }).click();
      await signInAtProvider(page, '079192000111');
      if (round === 1) {
        // New to the portal: the privacy notice and the consent box before any account exists.
        await page.waitForURL(site.base + '/dang-nhap/oidc/callback?*');
        assert.equal(await accounts(), 0, 'no account before consent');
        await assertAccessible(page, 'consent after the first provider sign-in');
        await page.getByRole('button', { name: 'Đồng ý và tạo tài khoản' }).click();
        assert.match((await page.getByRole('alert').textContent()) ?? '', /Hãy đánh dấu ô đồng ý/);
        await assertAccessible(page, 'consent with its error');
        await page.getByLabel('Tôi đã đọc và đồng ý cho cổng xử lý dữ liệu cá nhân của tôi như thông báo trên.').check();
        await page.getByRole('button', { name: 'Đồng ý và tạo tài khoản' }).click();
      }
      await page.waitForURL(site.base + '/tai-khoan');
      assert.ok(await page.getByRole('link', { name: 'Đỗ Thị Hạnh' }).isVisible(), `round ${round}: the header names the person from the claims`);
      assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Đỗ Thị Hạnh');
      await assertAccessible(page, `profile after provider sign-in (round ${round})`);
      assert.equal(await accounts(), 1, `round ${round}: one account for one subject`);
      await context.close();
    }
    const sessions = await site.db.selectFrom('session').select('account_id').execute();
    assert.equal(sessions.length, 2);
    assert.equal(new Set(sessions.map((s) => s.account_id)).size, 1);
  });

  test('coming back with a used or unknown state shows a clear Vietnamese page that passes axe', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const res = await page.goto(site.base + '/dang-nhap/oidc/callback?state=khong-ton-tai&code=gia');
    assert.equal(res?.status(), 400);
    assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /Phiên đăng nhập không còn hợp lệ/);
    assert.match((await page.locator('main').textContent()) ?? '', /Phiên đăng nhập đã hết hạn hoặc không hợp lệ/);
    await assertAccessible(page, 'expired provider sign-in');
    await page.getByRole('link', { name: 'Quay lại trang đăng nhập' }).click();
    await page.waitForURL(/\/dang-nhap\?next=/);
    await context.close();
  });
});
