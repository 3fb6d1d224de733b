// The pharmacist's e-form (Ví dụ 3) in Chromium, with and without JavaScript: every step filled,
// a draft saved and resumed from another browser, the check page and its change buttons; with
// JavaScript, conditions show and hide live, fields are checked when left with the server's
// messages, and practice rows are added and removed. axe on every step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { formBodyFromAnswers } from '../../src/forms/validate.ts';
import { jpeg } from '../helpers/submission.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';

const PHARMACIST = '1.004616';
const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('the pharmacist e-form in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  const signedInPage = (browser: Browser, base: string, javaScriptEnabled: boolean) => openSignedIn(browser, base, 'congdan', DEMO_PASSWORD, `/dich-vu-cong/${PHARMACIST}/to-khai`, javaScriptEnabled);

  const field = (page: Page, path: string) => page.locator(`[id="f-${path}"]`);
  const wrapper = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
  const progress = async (page: Page) => (await page.locator('.step-progress').textContent())?.trim() ?? '';
  async function checked(page: Page, label: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label.replace(/\W+/g, '-')}.png`, fullPage: true });
    await assertAccessible(page, label);
  }
  /** axe needs script in the page: the no-JS page's HTML is checked in a page whose scripts are refused. */
  async function checkedWithoutJs(page: Page, label: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label.replace(/\W+/g, '-')}.png`, fullPage: true });
    const html = await page.content();
    const context = await portal.browser.newContext();
    const copy = await context.newPage();
    await copy.route('**/*.js', (r) => r.abort());
    await copy.goto(`${portal.base}/assets/site.css`);
    await copy.setContent(html, { waitUntil: 'load' });
    assert.equal(await copy.evaluate(() => document.documentElement.classList.contains('js')), false);
    await assertAccessible(copy, label);
    await context.close();
  }

  async function fillStep1(page: Page) {
    await field(page, 'fullName').fill('Nguyễn Văn An');
    await field(page, 'dateOfBirth').fill('20/05/1990');
    await page.getByLabel('Nam', { exact: true }).check();
    await field(page, 'idNumber').fill('056090001234');
    await field(page, 'idIssueDate').fill('10/06/2021');
    await field(page, 'idIssuePlace').fill('Cục Cảnh sát quản lý hành chính về trật tự xã hội');
    await field(page, 'permanentAddress.province').selectOption('Tỉnh Khánh Hòa');
    await field(page, 'permanentAddress.commune').fill('Phường Nha Trang');
    await field(page, 'permanentAddress.detail').fill('12 Trần Phú');
    await field(page, 'phone').fill('0912345678');
  }
  async function fillStep2(page: Page) {
    await page.getByLabel('Bằng tốt nghiệp đại học ngành dược (Dược sĩ)').check();
    await field(page, 'degreeNumber').fill('DH-0123456');
    await field(page, 'degreeSchool').fill('Trường Đại học Dược Hà Nội');
    await field(page, 'graduationYear').fill('2013');
    await page.getByLabel('Người chịu trách nhiệm chuyên môn về dược của nhà thuốc').check();
    await page.getByLabel('Xét hồ sơ').check();
  }
  async function fillRow(page: Page, i: number, from: string, to: string) {
    await field(page, `practice.${i}.place`).fill(`Nhà thuốc số ${i + 1}`);
    await field(page, `practice.${i}.from`).fill(from);
    await field(page, `practice.${i}.to`).fill(to);
    await field(page, `practice.${i}.content`).fill('Bán lẻ thuốc');
  }
  const next = (page: Page) => page.getByRole('button', { name: /^Tiếp tục/ }).click();
  /** "Bước 5/6: Thành phần hồ sơ": each required paper (when `attach`), then on to the check page. */
  const throughFiles = async (page: Page, attach: boolean) => {
    await page.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    assert.match(await page.title(), /^Bước 5\/6: Thành phần hồ sơ/);
    if (attach) for (const c of ['anh-chan-dung', 'van-bang', 'suc-khoe', 'xac-nhan-thuc-hanh']) await page.locator(`input[name="component:${c}"]`).setInputFiles({ name: `${c}.jpg`, mimeType: 'image/jpeg', buffer: jpeg() });
    await page.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
  };

  test('with JavaScript: saved data on request, live conditions and checks, rows added and removed, a draft resumed elsewhere', async () => {
    const { browser, base, database } = portal;
    const page = await signedInPage(browser, base, true);
    await page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await progress(page), 'Bước 1/6: Người đề nghị');
    assert.equal(await field(page, 'fullName').inputValue(), '', 'nothing filled silently');
    await checked(page, 'js step 1');

    // F3: the stored values, on request only; what was typed elsewhere on the page stays.
    await field(page, 'idIssuePlace').fill('Cục Cảnh sát');
    await page.getByRole('button', { name: 'Dùng thông tin đã lưu' }).click();
    await page.getByText('đã được điền vào các ô tương ứng').waitFor();
    assert.equal(await field(page, 'fullName').inputValue(), 'Nguyễn Văn An');
    assert.equal(await field(page, 'idIssuePlace').inputValue(), 'Cục Cảnh sát');
    await page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });

    // A condition shows and hides its field as the box is ticked.
    assert.equal(await wrapper(page, 'currentAddress').isVisible(), false);
    await page.getByLabel('Chỗ ở hiện nay khác địa chỉ thường trú').check();
    assert.equal(await wrapper(page, 'currentAddress').isVisible(), true);
    await page.getByLabel('Chỗ ở hiện nay khác địa chỉ thường trú').uncheck();
    assert.equal(await wrapper(page, 'currentAddress').isVisible(), false);

    // A field is checked when left, with the server's message, and cleared once corrected.
    await field(page, 'idNumber').fill('123');
    await field(page, 'idIssuePlace').focus();
    await page.locator('[id="f-idNumber-error"]').waitFor();
    assert.match((await page.locator('[id="f-idNumber-error"]').textContent()) ?? '', /Số CCCD gồm 12 chữ số/);
    assert.equal(await field(page, 'idNumber').getAttribute('aria-invalid'), 'true');
    await checked(page, 'js step 1 with a live error');
    await field(page, 'idNumber').fill('056090001234');
    await page.locator('[id="f-idNumber-error"]').waitFor({ state: 'detached' });
    // A rule between two fields, live: the ID card cannot be issued before birth.
    await field(page, 'idIssueDate').fill('01/01/1980');
    await field(page, 'idIssuePlace').focus();
    assert.equal((await page.locator('[id="f-idIssueDate-error"]').textContent())?.replace('Lỗi: ', ''), 'Ngày cấp phải sau ngày sinh.');
    await fillStep1(page);
    await next(page);

    assert.equal(await progress(page), 'Bước 2/6: Văn bằng và nội dung đề nghị');
    await page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    await page.getByLabel('Văn bằng, chứng chỉ, giấy chứng nhận khác về y dược cổ truyền').check();
    assert.equal(await wrapper(page, 'degreeOther').isVisible(), true);
    await fillStep2(page);
    assert.equal(await wrapper(page, 'degreeOther').isVisible(), false);
    await checked(page, 'js step 2');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu bản nháp lúc').waitFor();

    // Another browser (another device): the draft is listed and resumes where it was saved.
    const other = await signedInPage(browser, base, true);
    await other.goto(`${base}/ho-so/ban-nhap`);
    await checked(other, 'drafts list');
    await other.getByRole('link', { name: /Khai tiếp/ }).click();
    await other.getByText('Bạn đang khai tiếp bản nháp').waitFor();
    assert.equal(await progress(other), 'Bước 2/6: Văn bằng và nội dung đề nghị');
    assert.equal(await field(other, 'degreeNumber').inputValue(), 'DH-0123456');
    await other.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    await next(other);

    // Rows: one shown, more added and removed with buttons, each renumbered.
    assert.equal(await progress(other), 'Bước 3/6: Quá trình thực hành');
    await other.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await other.locator('.group-row').count(), 1);
    await other.getByRole('button', { name: 'Thêm cơ sở thực hành' }).click();
    await other.getByRole('button', { name: 'Thêm cơ sở thực hành' }).click();
    assert.equal(await other.locator('.group-row').count(), 3);
    await fillRow(other, 0, '01/09/2013', '31/08/2014');
    await fillRow(other, 2, '01/09/2014', '31/08/2015');
    await other.getByRole('button', { name: 'Xóa cơ sở thực hành 2' }).click();
    assert.equal(await other.locator('.group-row').count(), 2);
    assert.equal(await field(other, 'practice.1.place').inputValue(), 'Nhà thuốc số 3', 'the third row became the second');
    assert.equal(await other.locator('.group-row legend').nth(1).textContent(), 'Cơ sở thực hành 2');
    await field(other, 'practice.1.to').fill('31/08/2012');
    await field(other, 'practice.1.content').focus();
    assert.equal((await other.locator('[id="f-practice.1.to-error"]').textContent())?.replace('Lỗi: ', ''), 'Cơ sở thực hành 2: đến ngày không được trước từ ngày.');
    await checked(other, 'js step 3 with rows');
    await field(other, 'practice.1.to').fill('31/08/2015');
    await next(other);

    assert.equal(await progress(other), 'Bước 4/6: Giấy tờ kèm theo và cam đoan');
    await checked(other, 'js step 4');
    await other.getByLabel('Tôi xin cam đoan').check();
    await next(other);
    await throughFiles(other, true);
    await other.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.ok(await other.getByText('Tên cơ sở thực hành: Nhà thuốc số 3').isVisible());
    await checked(other, 'js check page');

    await other.getByRole('button', { name: 'Thay đổi bước 1: Người đề nghị' }).click();
    assert.equal(await progress(other), 'Bước 1/6: Người đề nghị');
    assert.equal(await field(other, 'fullName').inputValue(), 'Nguyễn Văn An');
    for (let k = 0; k < 4; k++) await next(other);
    await throughFiles(other, false);
    await other.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    const draft = await database.db.selectFrom('form_draft').select('step').executeTakeFirstOrThrow();
    assert.equal(draft.step, 3);
  });

  test('without JavaScript: every step, a draft saved and resumed, the check page — the same rules on the server', async () => {
    const { browser, base, database } = portal;
    await database.db.deleteFrom('form_draft').execute();
    const page = await signedInPage(browser, base, false);
    assert.equal(await progress(page), 'Bước 1/6: Người đề nghị');
    await checkedWithoutJs(page, 'no-js step 1');
    await next(page);
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Có \d+ lỗi cần sửa/);
    await checkedWithoutJs(page, 'no-js step 1 with errors');
    await fillStep1(page);
    await next(page);
    assert.equal(await progress(page), 'Bước 2/6: Văn bằng và nội dung đề nghị');
    assert.ok(await wrapper(page, 'degreeOther').isVisible(), 'a conditional field stays, with its note');
    assert.ok(await page.getByText('Chỉ khai khi chọn “Văn bằng, chứng chỉ').isVisible());
    await checkedWithoutJs(page, 'no-js step 2');
    await fillStep2(page);
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu bản nháp lúc').waitFor();

    const again = await signedInPage(browser, base, false);
    assert.equal(await progress(again), 'Bước 2/6: Văn bằng và nội dung đề nghị');
    assert.equal(await field(again, 'graduationYear').inputValue(), '2013');
    await next(again);
    assert.equal(await progress(again), 'Bước 3/6: Quá trình thực hành');
    assert.equal(await again.locator('.group-row').count(), 2, 'a blank row more than filled');
    await fillRow(again, 0, '01/09/2013', '31/08/2012');
    await next(again);
    assert.match((await again.getByRole('alert').textContent()) ?? '', /Cơ sở thực hành 1: đến ngày không được trước từ ngày/);
    await checkedWithoutJs(again, 'no-js step 3 with an error');
    await field(again, 'practice.0.to').fill('31/08/2015');
    await next(again);
    assert.equal(await progress(again), 'Bước 4/6: Giấy tờ kèm theo và cam đoan');
    await checkedWithoutJs(again, 'no-js step 4');
    await again.getByRole('button', { name: 'Quay lại bước trước' }).click();
    assert.equal(await field(again, 'practice.0.to').inputValue(), '31/08/2015');
    await next(again);
    await again.getByLabel('Tôi xin cam đoan').check();
    await next(again);
    await checkedWithoutJs(again, 'no-js files step');
    await throughFiles(again, true);
    await again.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    await checkedWithoutJs(again, 'no-js check page');
    await again.getByRole('button', { name: 'Thay đổi bước 3: Quá trình thực hành' }).click();
    assert.equal(await progress(again), 'Bước 3/6: Quá trình thực hành');
    assert.equal(await field(again, 'practice.0.place').inputValue(), 'Nhà thuốc số 1');
  });

  /** Posts complete answers (the definition's example) the way the page's own form posts them. */
  async function postExample(page: Page) {
    const def = demoDefinition(PHARMACIST)!;
    await page.evaluate((pairs) => {
      const form = document.querySelector<HTMLFormElement>('main form#eform')!;
      const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
      const replacement = document.createElement('form');
      replacement.method = 'post';
      replacement.action = form.action;
      for (const [name, value] of [['_csrf', csrf], ...pairs]) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name!;
        input.value = value!;
        replacement.append(input);
      }
      document.body.append(replacement);
      replacement.submit();
    }, formBodyFromAnswers(def, def.example as Record<string, unknown>));
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
  }

  test('from the service page to the form; complete answers reach the check page', async () => {
    const { browser, base } = portal;
    const page = await (await browser.newContext()).newPage();
    page.context().setDefaultTimeout(10_000);
    await page.goto(`${base}/dich-vu-cong/${PHARMACIST}`);
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Đơn đề nghị cấp Chứng chỉ hành nghề dược');
    await postExample(page);
    assert.ok(await page.getByText(String((demoDefinition(PHARMACIST)!.example as Record<string, unknown>).fullName)).first().isVisible());
  });

});
