// The form designer in Chromium (F1, F2; Art. 8, 18): an administrator makes a form from a service,
// splits it into three steps, adds a question shown on a condition and a repeating group, keeps
// its two papers to attach, previews it with the real e-form and its print, and publishes it; a
// citizen then fills and sends it — one application on the published version. axe on every
// designer page; screenshots at 1280 and 375 px when DVCTT_SCREENSHOTS names a folder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { jpeg } from '../helpers/submission.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';

// Cấp lại Chứng chỉ hành nghề dược (level 4): no form of its own in the demo; two papers besides the application.
const SERVICE = '1.004599';
const FORM = 'tk-1-004599';
const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('the form designer in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });
  const field = (page: Page, path: string) => page.locator(`[id="f-${path}"]`);

  /** axe on the page, and its screenshots at a desktop's and a phone's width. */
  async function checked(page: Page, label: string) {
    await assertAccessible(page, label);
    if (!SHOTS) return;
    const name = label.replace(/\W+/g, '-');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/designer-${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** axe needs script in the page: the no-JS page's HTML is checked in a page whose own scripts are refused. */
  async function checkedWithoutJs(page: Page, label: string) {
    const context = await portal.browser.newContext();
    const copy = await context.newPage();
    await copy.route('**/*.js', (r) => r.abort());
    await copy.goto(`${portal.base}/assets/site.css`);
    await copy.setContent(await page.content(), { waitUntil: 'load' });
    await checked(copy, label);
    await context.close();
  }

  const press = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' }).first().click();
  const saved = (page: Page) => page.getByText(/Đã lưu bản nháp \(lần lưu \d+\)/).waitFor();

  async function openSection(page: Page, title: RegExp) {
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: /^Phần:/ }).waitFor();
  }

  test('an administrator builds a three-step form with a condition, a repeating group and two papers, previews and publishes it; a citizen sends it', async () => {
    const { browser, base, database } = portal;
    const page = await openSignedIn(browser, base, 'quantri', DEMO_PASSWORD, '/quan-tri');
    await page.getByRole('link', { name: 'Thiết kế biểu mẫu' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Thiết kế biểu mẫu' }).waitFor();
    await checked(page, 'list');

    // A bad code is refused at its field; the right one makes the draft from the service.
    await field(page, 'service').fill('9.999999');
    await press(page, 'Tạo bản nháp');
    await page.getByText('Không có thủ tục mã “9.999999” trong danh mục.').first().waitFor();
    await checked(page, 'list with an error');
    await field(page, 'service').fill(SERVICE);
    await press(page, 'Tạo bản nháp');
    await page.waitForURL(`${base}/quan-tri/bieu-mau/${FORM}`);
    await checked(page, 'outline');

    // Three steps, each starting at a section.
    for (const [title, at] of [
      ['Người nộp hồ sơ', 'Thông tin người nộp hồ sơ'],
      ['Nội dung đề nghị', /^Đề nghị: Cấp lại/],
      ['Giấy tờ và cam đoan', 'Thành phần hồ sơ'],
    ] as const) {
      await field(page, 'stepTitle').fill(title);
      await page.getByLabel('Bắt đầu từ phần').selectOption({ label: typeof at === 'string' ? at : (await page.getByLabel('Bắt đầu từ phần').locator('option').allTextContents()).find((o) => at.test(o))! });
      await press(page, 'Thêm bước');
      await saved(page);
    }
    assert.equal(await page.locator('.fd-steps > li').count(), 3);

    // A question shown on a condition: a box, and the name it asks for when ticked.
    await openSection(page, /Thêm trường — “Đề nghị: Cấp lại/);
    await checked(page, 'section');
    await page.getByLabel('Loại trường').selectOption('checkbox');
    await field(page, 'label').fill('Nộp thay cho người khác');
    await press(page, 'Thêm trường');
    await saved(page);
    await openSection(page, /Thêm trường — “Đề nghị: Cấp lại/);
    await page.getByLabel('Loại trường').selectOption('text');
    await field(page, 'label').fill('Họ tên người được nộp thay');
    await field(page, 'id').fill('nguoiDuocNopThay');
    await press(page, 'Thêm trường');
    await saved(page);
    await page.getByRole('link', { name: /^Họ tên người được nộp thay/ }).click();
    await checked(page, 'field');
    await field(page, 'show-field').selectOption({ label: 'Nộp thay cho người khác (nop-thay-cho-nguoi-khac)' });
    await page.getByLabel('Bắt buộc khai').check();
    await press(page, 'Lưu bản nháp');
    await saved(page);

    // A repeating group, and a second column added to it.
    await openSection(page, /Thêm trường — “Đề nghị: Cấp lại/);
    await page.getByLabel('Loại trường').selectOption('group');
    await field(page, 'label').fill('Các cơ sở đã hành nghề');
    await press(page, 'Thêm trường');
    await saved(page);
    await openSection(page, /Thêm trường — “Đề nghị: Cấp lại/);
    await page.getByLabel('Đặt trong').selectOption({ label: 'Nhóm lặp lại “Các cơ sở đã hành nghề”' });
    await page.getByLabel('Loại trường').selectOption('date');
    await field(page, 'label').fill('Từ ngày');
    await press(page, 'Thêm trường');
    await saved(page);
    // Moved up within its group, with the button that names it.
    await press(page, 'Lên “Từ ngày”');
    await saved(page);
    assert.equal(await page.locator('.fd-group > li').first().locator('a').first().textContent(), 'Từ ngày — Sửa');

    // The two papers of the service are its attachment fields.
    assert.equal(await page.locator('.fd-meta', { hasText: 'Giấy tờ nộp kèm' }).count(), 2);

    // JSON view: a broken condition is refused with its path; nothing stored.
    await page.getByRole('link', { name: 'Sửa dạng JSON' }).click();
    await checked(page, 'json');
    const json = await field(page, 'json').inputValue();
    await field(page, 'json').fill(json.replace('"field": "nop-thay-cho-nguoi-khac"', '"field": "khong-co"'));
    await press(page, 'Lưu bản nháp');
    await page.getByText(/showIf\/field: điều kiện dựa vào trường "khong-co" không có trong biểu mẫu\./).first().waitFor();
    await checked(page, 'json with an error');
    await page.getByRole('link', { name: 'Về trình thiết kế' }).click();

    // The preview is the e-form itself, drawing the draft; the print preview is its PDF.
    await page.getByRole('link', { name: 'Xem trước tờ khai' }).click();
    await page.getByText('Xem trước bản nháp').waitFor();
    assert.equal((await page.locator('.step-progress').textContent())?.trim(), 'Bước 1/5: Người nộp hồ sơ');
    await checked(page, 'preview');
    await page.getByRole('button', { name: /^Tiếp tục/ }).click();
    assert.match((await page.getByRole('alert').first().textContent()) ?? '', /Có \d+ lỗi cần sửa/);
    const pdf = await page.request.get(`${base}/quan-tri/bieu-mau/${FORM}/ban-in.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    // Publish: the changes listed, then one press.
    await page.goto(`${base}/quan-tri/bieu-mau/${FORM}/cong-bo`);
    await page.getByText('Biểu mẫu chưa được công bố lần nào').waitFor();
    assert.ok(await page.getByText('“Họ tên người được nộp thay”').isVisible());
    await checked(page, 'publish');
    await press(page, /^Công bố phiên bản \d+$/);
    await page.getByText(/^Đã công bố phiên bản \d+\.$/).waitFor();

    // A citizen fills the published form: three steps, the papers, the check page, one application.
    const citizen = await openSignedIn(browser, base, 'congdan', DEMO_PASSWORD, `/dich-vu-cong/${SERVICE}/to-khai`);
    assert.equal((await citizen.locator('.step-progress').textContent())?.trim(), 'Bước 1/5: Người nộp hồ sơ');
    await citizen.getByRole('button', { name: 'Dùng thông tin đã lưu' }).click();
    await citizen.getByText('Thông tin đã lưu trong tài khoản và kho dữ liệu đã được điền').waitFor();
    if (!(await field(citizen, 'dateOfBirth').inputValue())) await field(citizen, 'dateOfBirth').fill('20/05/1990');
    if (!(await field(citizen, 'permanentAddress.detail').inputValue())) {
      await field(citizen, 'permanentAddress.province').selectOption('Tỉnh Khánh Hòa');
      await field(citizen, 'permanentAddress.commune').fill('Phường Nha Trang');
      await field(citizen, 'permanentAddress.detail').fill('25 Lê Thánh Tôn');
    }
    await citizen.getByRole('button', { name: /^Tiếp tục/ }).click();
    assert.equal((await citizen.locator('.step-progress').textContent())?.trim(), 'Bước 2/5: Nội dung đề nghị');
    await citizen.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    // The condition, live: the name is asked for only once the box is ticked.
    assert.equal(await citizen.locator('[data-path="nguoiDuocNopThay"]').isVisible(), false);
    await citizen.getByLabel('Nộp thay cho người khác').check();
    assert.equal(await citizen.locator('[data-path="nguoiDuocNopThay"]').isVisible(), true);
    await field(citizen, 'nguoiDuocNopThay').fill('Trần Thị Bình');
    await field(citizen, 'content').fill('Đề nghị cấp lại chứng chỉ hành nghề dược do bản cũ bị hư hỏng.');
    await field(citizen, 'cac-co-so-da-hanh-nghe.0.tu-ngay').fill('01/09/2015');
    await field(citizen, 'cac-co-so-da-hanh-nghe.0.noi-dung').fill('Nhà thuốc Minh Châu');
    await assertAccessible(citizen, 'published form, step 2');
    await citizen.getByRole('button', { name: /^Tiếp tục/ }).click();
    assert.equal((await citizen.locator('.step-progress').textContent())?.trim(), 'Bước 3/5: Giấy tờ và cam đoan');
    await citizen.getByLabel('Tôi cam đoan những thông tin khai trên đây').check();
    await citizen.getByRole('button', { name: /^Tiếp tục/ }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    for (const c of ['anh-chan-dung', 'cchn-duoc']) await citizen.locator(`input[name="component:${c}"]`).setInputFiles({ name: `${c}.jpg`, mimeType: 'image/jpeg', buffer: jpeg() });
    await citizen.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    await citizen.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();
    const rows = await database.db.selectFrom('application').select(['form_version', 'data']).where('service_code', '=', SERVICE).execute();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!.form_version ?? '', new RegExp(`^${FORM}@\\d+$`));
    assert.equal((rows[0]!.data as Record<string, unknown>).nguoiDuocNopThay, 'Trần Thị Bình');
    assert.equal(((rows[0]!.data as Record<string, unknown>)['cac-co-so-da-hanh-nghe'] as unknown[]).length, 1);
  });

  test('without JavaScript: a section added, moved and removed, a refusal with its reason, a step renamed — every edit a plain form post', async () => {
    const { browser, base, database } = portal;
    const page = await openSignedIn(browser, base, 'quantri', DEMO_PASSWORD, `/quan-tri/bieu-mau/${FORM}`, false);
    await field(page, 'title').fill('Ý kiến thêm');
    await field(page, 'label').fill('Ghi chú cho cơ quan');
    await page.getByLabel('Trường đầu tiên của phần: Loại trường').selectOption('textarea');
    await press(page, 'Thêm phần');
    await saved(page);
    // A section's only field offers no move; removing it is refused with the reason, nothing stored.
    assert.equal(await page.getByRole('button', { name: 'Lên “Ghi chú cho cơ quan”' }).count(), 0);
    await press(page, 'Xóa “Ghi chú cho cơ quan”');
    await page.getByRole('alert').getByText('Không xóa được trường “Ghi chú cho cơ quan”').waitFor();
    await checkedWithoutJs(page, 'refusal without JavaScript');
    await press(page, 'Lên “Ý kiến thêm”');
    await saved(page);
    await press(page, 'Xóa “Ý kiến thêm”');
    await saved(page);
    await page.locator('[id="f-step-nguoi-nop-ho-so"]').fill('Người nộp');
    await press(page, 'Đổi tên “Người nộp hồ sơ”');
    await saved(page);
    const draft = await database.db.selectFrom('form_definition').select('document').where('form_id', '=', FORM).where('status', '=', 'draft').executeTakeFirstOrThrow();
    const doc = draft.document as { sections: { title: string; fields: { label: string }[] }[]; steps: { title: string }[] };
    assert.equal(doc.steps[0]!.title, 'Người nộp');
    assert.ok(!doc.sections.some((s) => s.title === 'Ý kiến thêm'));
    assert.equal(doc.sections.at(-1)!.title, 'Cam đoan');
  });
});
