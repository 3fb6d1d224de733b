// C2, C3 in Chromium: the pager with ellipses, the empty result with its ways back and the
// synonyms page pass axe (WCAG 2.1 AA) and do not scroll sideways on a desktop or a 375 px phone;
// a synonym added on the page is used by the next search typed in the box.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { createAccount } from '../../src/identity/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

describe('catalog search pages in Chromium', () => {
  const portal = portalInBrowser({
    seed: async (db) => {
      await seedCatalogDemo(db);
      await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    },
  });

  async function check(page: Page, label: string) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `${label} at ${width}px`);
      const scrollWidth = await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
      assert.ok(scrollWidth <= width, `${label} scrolls sideways at ${width}px (${scrollWidth}px)`);
    }
  }

  test('the pager and the empty result are accessible, and the empty result’s link leads back to the whole list', async () => {
    const page = await portal.browser.newPage();
    try {
      await page.goto(`${portal.base}/dich-vu-cong?pageSize=2&page=6`);
      const pager = page.getByRole('navigation', { name: 'Phân trang kết quả' });
      assert.equal(await pager.locator('[aria-current="page"]').textContent(), 'Trang 6');
      assert.equal(await pager.getByText('…').count(), 2);
      await check(page, 'page 6 of the list');

      await page.goto(`${portal.base}/dich-vu-cong`);
      await page.locator('#services-q').fill('zzqxw không có');
      await page.locator('#services-q ~ button').click();
      await page.getByText('Không tìm thấy dịch vụ công phù hợp').waitFor();
      await check(page, 'an empty result');
      await page.getByRole('link', { name: 'Xem toàn bộ danh mục dịch vụ công' }).click();
      await page.waitForURL(`${portal.base}/dich-vu-cong`);
      assert.match(await page.locator('#results-heading').innerText(), /Tìm thấy \d+ dịch vụ công/);
    } finally {
      await page.close();
    }
  });

  test('an administrator adds a synonym on an accessible page and the search box understands it at once', async () => {
    const page = await portal.browser.newPage();
    try {
      await signInInBrowser(page, portal.base, 'qt.tinh', TEST_PASSWORD);
      await page.goto(`${portal.base}/quan-tri/tu-dong-nghia`);
      await check(page, 'the synonyms page');

      await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
      await page.getByText('Hãy nhập từ hoặc cụm từ người dân hay gõ').first().waitFor();
      await check(page, 'the synonyms page with errors');

      await page.getByLabel(/Từ người dân gõ/).fill('GPKDVT');
      await page.getByLabel(/Cụm từ trong tên thủ tục/).fill('giấy phép kinh doanh vận tải');
      await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
      await page.getByText('Đã thêm từ đồng nghĩa').waitFor();

      await page.goto(`${portal.base}/dich-vu-cong`);
      await page.locator('#services-q').fill('gpkdvt');
      await page.locator('#services-q ~ button').click();
      await page.waitForURL(/q=gpkdvt/);
      assert.equal(await page.locator('.service-list li h3 a').first().innerText(), 'Cấp Giấy phép kinh doanh vận tải bằng xe ô tô');
    } finally {
      await page.close();
    }
  });
});
