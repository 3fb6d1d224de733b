// F1–F3, A1 (Art. 8, 13.1) in Chromium: a service without its own e-form still takes applications
// online through the default form — from the service page (which says the form is the default
// one) through the applicant's details offered from the account, the request, the papers and the
// pledge, to "Gửi hồ sơ" and the notice. axe on every page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { jpeg } from '../helpers/submission.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';

// Đăng ký thực hiện khuyến mại (level 4): one application paper (the e-form stands in for it) and
// the programme's rules as a required file.
const SERVICE = '2.000002';

describe('the default form in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });
  const field = (page: Page, path: string) => page.locator(`[id="f-${path}"]`);

  test('a service on the default form: the service page says so, the form is filled, the papers attached, the application sent', async () => {
    assert.equal(demoDefinition(SERVICE), undefined, 'the service has no own form in the demo');
    const { browser, base, database } = portal;
    const page = await openSignedIn(browser, base, 'congdan', DEMO_PASSWORD, `/dich-vu-cong/${SERVICE}`);
    await page.getByText('biểu mẫu mặc định').first().waitFor();
    await assertAccessible(page, 'service page with the default form');

    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${SERVICE}/to-khai`);
    assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /^Đề nghị: Đăng ký thực hiện khuyến mại/);
    await assertAccessible(page, 'default form');

    // Nothing filled: every required field says what is missing, nothing is kept as an application.
    await page.getByRole('button', { name: /^Tiếp tục/ }).click();
    assert.match((await page.getByRole('alert').first().textContent()) ?? '', /Có \d+ lỗi cần sửa/);
    await assertAccessible(page, 'default form with errors');

    // The account's details are offered, not filled silently (F3).
    await page.goto(`${base}/dich-vu-cong/${SERVICE}/to-khai`);
    assert.equal(await field(page, 'fullName').inputValue(), '');
    await page.getByRole('button', { name: 'Dùng thông tin đã lưu' }).click();
    await page.getByText('Thông tin đã lưu trong tài khoản và kho dữ liệu đã được điền').waitFor();
    if (!(await field(page, 'dateOfBirth').inputValue())) await field(page, 'dateOfBirth').fill('20/05/1990');
    if (!(await field(page, 'permanentAddress.detail').inputValue())) {
      await field(page, 'permanentAddress.province').selectOption('Tỉnh Khánh Hòa');
      await field(page, 'permanentAddress.commune').fill('Phường Nha Trang');
      await field(page, 'permanentAddress.detail').fill('25 Lê Thánh Tôn');
    }
    assert.notEqual(await field(page, 'fullName').inputValue(), '');
    await field(page, 'content').fill('Đề nghị đăng ký chương trình khuyến mại "Quay số trúng thưởng mùa hè" từ 01/06 đến 31/08 tại các cửa hàng trong tỉnh.');
    await page.getByLabel('Tôi cam đoan những thông tin khai trên đây').check();
    await page.getByRole('button', { name: /^Tiếp tục/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    await assertAccessible(page, 'default form: papers');
    await page.locator('input[name="component:the-le"]').setInputFiles({ name: 'the-le.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
    await page.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.ok(await page.getByText('Quay số trúng thưởng mùa hè', { exact: false }).first().isVisible());
    await assertAccessible(page, 'default form: check page');

    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();
    await assertAccessible(page, 'default form: sent');
    const row = await database.db.selectFrom('application').select(['form_version', 'data']).where('service_code', '=', SERVICE).executeTakeFirstOrThrow();
    assert.match(row.form_version ?? '', /^mac-dinh-2-000002@\d+$/);
    assert.match((row.data as { content: string }).content, /Quay số trúng thưởng/);
  });
});
