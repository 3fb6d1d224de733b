// C1, A1 in Chromium: "Nộp tại". A citizen who lives in Cam Ranh opens a procedure received at
// several places, sees their own commune first, picks it, fills the form and sends it: the
// application carries Cam Ranh's code. Without JavaScript the picker's search and choice are
// plain GET requests. axe on every page; screenshots at 1280 and 375 px when asked for.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import type { DB } from '../../src/db/index.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { jpeg } from '../helpers/submission.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';

// Đăng ký thực hiện khuyến mại (level 4, the default form: a short request and one paper), here
// received by the department and, for this test, by three communes as well.
const SERVICE = '2.000002';
const CAM_RANH = '000.34.01.H34';
const PLACES = ['000.33.01.H34', '000.33.02.H34', CAM_RANH];
const SHOTS = process.env.DVCTT_SCREENSHOTS;

async function seed(db: DB) {
  await seedDemoCatalogAndAccounts(db);
  for (const agency of PLACES) await db.insertInto('service_implementation').values({ service_code: SERVICE, agency_code: agency }).onConflict((oc) => oc.columns(['service_code', 'agency_code']).doNothing()).execute();
  await sql`UPDATE account SET permanent_address = ${JSON.stringify({ province: 'Tỉnh Khánh Hòa', commune: 'Phường Cam Ranh', detail: 'Số 7 Nguyễn Trọng Kỷ' })}::jsonb, current_address = NULL WHERE username = 'congdan'`.execute(db);
}

describe('choosing where to apply in Chromium', () => {
  const portal = portalInBrowser({ seed });
  const field = (page: Page, path: string) => page.locator(`[id="f-${path}"]`);

  async function shots(page: Page, name: string) {
    if (!SHOTS) return;
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  const firstPlace = async (page: Page) => ((await page.locator('.where-list > li').first().locator('h2, h3').first().textContent()) ?? '').trim();

  test('a citizen of another commune sees their own commune first, picks it, fills the form and sends it there', async () => {
    const { browser, base, database } = portal;
    const page = await openSignedIn(browser, base, 'congdan', DEMO_PASSWORD, `/dich-vu-cong/${SERVICE}`);
    await page.getByRole('heading', { level: 2, name: 'Nộp tại' }).waitFor();
    assert.match(await firstPlace(page), /^Ủy ban nhân dân phường Cam Ranh/);
    await assertAccessible(page, 'service page with Nộp tại');

    // "Nộp hồ sơ trực tuyến" asks where first.
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${SERVICE}/noi-nop`);
    assert.match(await firstPlace(page), /^Ủy ban nhân dân phường Cam Ranh/);
    assert.ok(await page.getByText('Nơi bạn cư trú').first().isVisible());
    await assertAccessible(page, 'picker');
    await shots(page, 'noi-nop');

    // Without accents.
    await page.getByLabel('Tìm xã, phường, trung tâm').fill('bac nha trang');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Tìm thấy 1 nơi nộp').waitFor();
    assert.match(await firstPlace(page), /^Ủy ban nhân dân phường Bắc Nha Trang/);
    await assertAccessible(page, 'picker after a search');
    await shots(page, 'noi-nop-tim');
    await page.getByRole('link', { name: 'Xem tất cả nơi nộp' }).click();

    await page.getByRole('link', { name: /Nộp hồ sơ tại đây.*Cam Ranh/ }).click();
    await page.waitForURL(/\/to-khai\?noi-nop=000\.34\.01\.H34$/);
    assert.match((await page.locator('.form-place').textContent()) ?? '', /Nộp tại: Ủy ban nhân dân phường Cam Ranh/);
    await assertAccessible(page, 'form with its place');

    await page.getByRole('button', { name: 'Dùng thông tin đã lưu' }).click();
    await page.getByText('Thông tin đã lưu trong tài khoản và kho dữ liệu đã được điền').waitFor();
    if (!(await field(page, 'dateOfBirth').inputValue())) await field(page, 'dateOfBirth').fill('20/05/1990');
    if (!(await field(page, 'permanentAddress.detail').inputValue())) {
      await field(page, 'permanentAddress.province').selectOption('Tỉnh Khánh Hòa');
      await field(page, 'permanentAddress.commune').fill('Phường Cam Ranh');
      await field(page, 'permanentAddress.detail').fill('Số 7 Nguyễn Trọng Kỷ');
    }
    await field(page, 'content').fill('Đề nghị đăng ký chương trình khuyến mại "Tri ân khách hàng" tại cửa hàng ở phường Cam Ranh.');
    await page.getByLabel('Tôi cam đoan những thông tin khai trên đây').check();
    await page.getByRole('button', { name: /^Tiếp tục/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    await page.locator('input[name="component:the-le"]').setInputFiles({ name: 'the-le.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
    await page.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.match((await page.locator('.form-place').textContent()) ?? '', /Nộp tại: Ủy ban nhân dân phường Cam Ranh/);
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();

    const row = await database.db.selectFrom('application').select(['code', 'agency_code']).where('service_code', '=', SERVICE).executeTakeFirstOrThrow();
    assert.equal(row.agency_code, CAM_RANH);
    assert.match(row.code, /^000\.34\.01\.H34-\d{6}-\d{4}$/);
    assert.ok(await page.getByText(row.code).first().isVisible());
    await page.close();
  });

  test('without JavaScript: the e-form sends to the picker, the search and the choice are plain links and forms', async () => {
    const { browser, base } = portal;
    const page = await openSignedIn(browser, base, 'congdan', DEMO_PASSWORD, `/dich-vu-cong/${SERVICE}/noi-nop`, false);
    assert.match(await firstPlace(page), /^Ủy ban nhân dân phường Cam Ranh/);
    await page.getByLabel('Tìm xã, phường, trung tâm').fill('Nha Trang');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText(/Tìm thấy \d+ nơi nộp/).waitFor();
    await page.getByRole('link', { name: /Nộp hồ sơ tại đây.*phường Nha Trang$/ }).click();
    await page.waitForURL(/noi-nop=000\.33\.01\.H34$/);
    assert.match((await page.locator('.form-place').textContent()) ?? '', /Nộp tại: Ủy ban nhân dân phường Nha Trang/);
    // "Đổi nơi nộp" goes back to the list; the form remembers the last choice when reopened.
    await page.getByRole('link', { name: 'Đổi nơi nộp' }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${SERVICE}/noi-nop`);
    await page.goto(`${base}/dich-vu-cong/${SERVICE}/to-khai`);
    assert.match((await page.locator('.form-place').textContent()) ?? '', /Nộp tại: Ủy ban nhân dân phường Nha Trang/);
    await page.close();
  });
});
