// A4 in Chromium: the administrator enters the year's decision on
// /quan-tri/lich-lam-viec, sees a refused one explained next to its field, and sets an agency's
// working hours; every page passes axe at 1280 and 375 px wide.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('the working calendar’s administration in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  async function look(page: Page, label: string) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/calendar-${label}-${width}.png`, fullPage: true });
      await assertAccessible(page, `${label} at ${width} px`);
    }
  }

  test('a decision entered, a refused one explained, working hours set', async () => {
    const page = await openSignedIn(portal.browser, portal.base, 'quantri', DEMO_PASSWORD, '/quan-tri');
    await page.locator('#main').getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.getByRole('heading', { level: 1, name: /^Lịch làm việc năm / }).waitFor();
    await page.goto(`${portal.base}/quan-tri/lich-lam-viec?nam=2030`);
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc năm 2030' }).waitFor();
    await page.getByLabel('Số hiệu quyết định').fill('Quyết định số 30/QĐ-TTg');
    await page.getByLabel('Trích yếu').fill('Về việc hoán đổi ngày làm việc năm 2030');
    await page.getByLabel('Các ngày của quyết định').fill('05/03/2030; nghỉ; Nghỉ thêm\n16/03/2030; làm bù; Làm bù ngày 05/03');
    await page.getByRole('button', { name: 'Lưu quyết định' }).click();
    await page.getByText('Đã lưu quyết định').waitFor();
    const table = page.getByRole('table', { name: 'Ngày nghỉ và ngày làm bù năm 2030' });
    assert.match((await table.textContent()) ?? '', /Thứ Bảy, 16\/03\/2030\s*Làm bù\s*Làm bù ngày 05\/03\s*Quyết định số 30\/QĐ-TTg/);
    await look(page, 'year');

    await page.getByLabel('Số hiệu quyết định').fill('Quyết định số 31/QĐ-TTg');
    await page.getByLabel('Trích yếu').fill('Trùng ngày');
    await page.getByLabel('Các ngày của quyết định').fill('05/03/2030; nghỉ; Trùng');
    await page.getByRole('button', { name: 'Lưu quyết định' }).click();
    await page.locator('.error-summary, [role="alert"]').first().waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /đã có trong Quyết định số 30\/QĐ-TTg/);
    await look(page, 'refused');

    await page.getByRole('link', { name: 'Giờ làm việc của các cơ quan' }).click();
    await page.getByLabel('Cơ quan').selectOption({ label: 'Sở Y tế tỉnh Khánh Hòa' });
    await page.getByLabel('Giờ làm việc').fill('07:00-11:30, 13:00-16:30');
    await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await page.getByText('Đã lưu giờ làm việc').waitFor();
    assert.match((await page.getByRole('table', { name: 'Giờ làm việc hiện dùng' }).textContent()) ?? '', /Sở Y tế tỉnh Khánh Hòa\s*07:00-11:30, 13:00-16:30/);
    await look(page, 'hours');
    await page.context().close();
  });
});
