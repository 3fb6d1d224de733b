// A3 in Chromium: the officer receives an online application and opens its
// receipt's printable page from the papers panel; printed, the sheet stands alone; the applicant
// finds the receipt on their page; the unit's tracking book. Every page passes axe at 1280 and 375 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;
const SERVICE = '1.004616';

describe('the one-stop papers in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  async function look(page: Page, label: string) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/papers-${label}-${width}.png`, fullPage: true });
      await assertAccessible(page, `${label} at ${width} px`);
    }
  }

  test('the receipt printed from the officer’s page, the applicant’s list, the tracking book', { timeout: 240_000 }, async () => {
    const { app } = portal;
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'congdan', password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const code = ((await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, SERVICE, demoDefinition(SERVICE)!.example))).json() as { code: string }).code;

    const page = await openSignedIn(portal.browser, portal.base, 'canbo.syt', DEMO_PASSWORD, `/can-bo/ho-so/${code}`);
    await page.getByRole('heading', { level: 2, name: 'Giấy tờ một cửa' }).waitFor();
    assert.match((await page.locator('section[aria-labelledby="papers-heading"]').textContent()) ?? '', /chưa có giấy tờ nào/);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Đã chuyển hồ sơ sang "Được tiếp nhận"').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/papers-officer-1280.png`, fullPage: true });
    await page.locator(`a[href="/can-bo/ho-so/${code}/giay-to/tiep-nhan.html"]`).click();
    await page.getByRole('heading', { level: 1, name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
    assert.match((await page.locator('.paper-sheet').textContent()) ?? '', new RegExp(`Mã hồ sơ: ${code.replace(/\./g, '\\.')}.*Trần Thị Bình`, 's'));
    await look(page, 'receipt');
    // Printed: the sheet alone, without the portal's header, menu and footer.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').first().isVisible(), false);
    assert.equal(await page.locator('.paper-tools').isVisible(), false);
    assert.equal(await page.locator('.paper-sheet').isVisible(), true);
    if (SHOTS) await page.pdf({ path: `${SHOTS}/papers-receipt-printed.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${portal.base}/can-bo/so-theo-doi`);
    await page.getByRole('heading', { level: 1, name: 'Sổ theo dõi hồ sơ (Mẫu số 06)' }).waitFor();
    assert.ok(((await page.getByRole('table', { name: '1 hồ sơ, theo thứ tự nộp' }).textContent()) ?? '').includes(code));
    await look(page, 'book');
    await page.getByLabel('Từ ngày').fill('2020-01-01');
    await page.getByRole('button', { name: 'Xem sổ' }).click();
    await page.locator('.error-summary').waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /tối đa 366 ngày/);
    await look(page, 'book-refused');
    await page.context().close();

    const mine = await openSignedIn(portal.browser, portal.base, 'congdan', DEMO_PASSWORD, `/ho-so/${code}`);
    await mine.getByRole('heading', { level: 2, name: 'Giấy tờ cơ quan gửi bạn' }).waitFor();
    assert.equal(await mine.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' }).getAttribute('href'), `/ho-so/${code}/giay-to/tiep-nhan.pdf`);
    await look(mine, 'applicant');
    await mine.context().close();
  });
});
