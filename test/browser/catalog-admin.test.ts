// The catalog and agency administration in Chromium (C1, C4, A5): an administrator finds a procedure
// without accents, is refused a negative time limit at its field, saves a new one that the service
// page then shows, opens a place and takes it offline with a reason, edits an agency of the tree
// and adds an officer of a commune to a department. axe on every page; screenshots at 1280 and
// 375 px when DVCTT_SCREENSHOTS names a folder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';

const SERVICE = '1.004616'; // Cấp Chứng chỉ hành nghề dược, led by Sở Y tế
const HEALTH = '000.00.12.H34';
const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('the catalog administration in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  /** axe on the page, and its screenshots at a desktop's and a phone's width. */
  async function checked(page: Page, label: string) {
    await assertAccessible(page, label);
    await page.setViewportSize({ width: 375, height: 900 });
    const wide = await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
    assert.ok(wide <= 375, `${label} scrolls sideways at 375 px (${wide} px wide)`);
    await page.setViewportSize({ width: 1280, height: 900 });
    if (!SHOTS) return;
    const name = label.replace(/\W+/g, '-');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/catalog-admin-${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  const field = (page: Page, name: string) => page.locator(`[id="f-${name}"]`);
  const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).first().click();

  test('an administrator edits a time limit, a place and an agency, with errors at their fields', async () => {
    const { browser, base } = portal;
    const page = await openSignedIn(browser, base, 'quantri', DEMO_PASSWORD, '/quan-tri');
    await page.getByRole('link', { name: 'Danh mục thủ tục' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục' }).waitFor();
    await page.getByRole('searchbox', { name: 'Tìm thủ tục (tên hoặc mã TTHC)' }).fill('chung chi hanh nghe duoc');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await checked(page, 'list');
    await page.locator(`a[href="/quan-tri/danh-muc/${SERVICE}"]`).click();
    await page.getByRole('heading', { level: 2, name: 'Thông tin công bố' }).waitFor();
    await checked(page, 'service');

    await field(page, 'timeLimitDays').fill('-1');
    await press(page, 'Lưu thông tin công bố');
    await page.getByText('Thời hạn phải là số ngày làm việc, từ 0 đến 3650 (không âm).').first().waitFor();
    await checked(page, 'service with an error');
    await field(page, 'timeLimitDays').fill('15');
    await press(page, 'Lưu thông tin công bố');
    await page.getByText('Đã lưu thay đổi.').waitFor();
    await page.getByText(/Thời hạn giải quyết \(ngày làm việc\): quantri/).waitFor();

    await page.locator(`a[href="/quan-tri/danh-muc/${SERVICE}/noi-thuc-hien/${HEALTH}"]`).click();
    await page.getByRole('button', { name: 'Lưu nơi thực hiện' }).waitFor();
    await checked(page, 'place');
    await page.getByLabel('Giờ làm việc').fill('Thứ Hai – Thứ Sáu, 7:00–11:30 và 13:30–17:00');
    await press(page, 'Lưu nơi thực hiện');
    await page.getByText('Đã lưu thay đổi.').waitFor();
    await page.goto(`${base}/quan-tri/danh-muc/${SERVICE}`);
    await page.getByLabel('Lý do (người dân đọc được)').fill('Chuyển sang phần mềm một cửa mới');
    await press(page, 'Tạm ngừng');
    await page.getByText(/Tạm ngừng: Chuyển sang phần mềm một cửa mới/).first().waitFor();

    const citizen = await browser.newPage();
    await citizen.goto(`${base}/dich-vu-cong/${SERVICE}`);
    await citizen.getByText('15 ngày làm việc').first().waitFor();
    await citizen.close();

    await page.goto(`${base}/quan-tri`);
    await page.getByRole('link', { name: 'Cơ quan', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Cơ quan' }).waitFor();
    await checked(page, 'agencies');
    await page.locator(`a[href="/quan-tri/co-quan/${HEALTH}"]`).first().click();
    await checked(page, 'agency');
    await field(page, 'email').fill('khong-hop-le');
    await press(page, 'Lưu cơ quan');
    await page.getByText('Địa chỉ thư điện tử không hợp lệ.').first().waitFor();
    await checked(page, 'agency with an error');
    await field(page, 'email').fill('syt@khanhhoa.gov.vn');
    await press(page, 'Lưu cơ quan');
    await page.getByText('Đã lưu thay đổi.').waitFor();

    // An officer of a commune also works at Sở Y tế: listed with a button to stop.
    await field(page, 'member').fill('canbo.nhatrang');
    await press(page, 'Thêm');
    await page.getByText('Cán bộ đơn vị khác làm việc tại đây (1)').waitFor();
    await checked(page, 'agency with a member');
  });
});
