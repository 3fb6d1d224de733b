// Counter intake in Chromium (A3, U1): both steps at 1280 and 375 px checked with axe; an empty
// dossier sent shows every error in the summary, linked to its field, and stores nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

const CORRECTION = '1.004859';

describe('counter intake in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  test('choose, then the dossier; an empty dossier is refused with each error linked to its field', async () => {
    const page = await (await portal.browser.newContext()).newPage();
    page.context().setDefaultTimeout(15_000);
    await signInInBrowser(page, portal.base, 'canbo.nhatrang', DEMO_PASSWORD, '/can-bo/tiep-nhan');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `step 1 at ${width}px`);
    }
    await page.getByLabel('Số CCCD của người nộp').fill('079190012777');
    await page.getByLabel('Thủ tục').selectOption(CORRECTION);
    await page.getByLabel('Qua dịch vụ bưu chính').check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ (số hóa)' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Chưa có tài khoản với số CCCD 079190012777/);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `step 2 at ${width}px`);
    }
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.locator('.error-summary').waitFor();
    const summary = page.locator('.error-summary a');
    assert.ok((await summary.count()) >= 1);
    assert.equal(await summary.first().getAttribute('href'), '#f-applicant.fullName');
    assert.match(await page.title(), /^Lỗi: Tiếp nhận hồ sơ trực tiếp/);
    await assertAccessible(page, 'refused dossier');
  });
});
