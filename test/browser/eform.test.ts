// The pharmacist's e-form (Ví dụ 3) in Chromium: reached from the service page, refused with
// every error listed when empty, and the check page once complete — axe on every step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { definitionForService } from '../../src/forms/index.ts';
import { formBodyFromAnswers } from '../../src/forms/validate.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';

const PHARMACIST = '1.004616';

describe('the pharmacist e-form in Chromium', () => {
  const portal = portalInBrowser({
    seed: async (db) => {
      await seedCatalogDemo(db);
      await seedDemoAccounts(db);
    },
  });

  /** Posts complete answers (the definition's example) the way the page's own form posts them. */
  async function postExample(page: Page) {
    const def = definitionForService(PHARMACIST)!;
    await page.evaluate((pairs) => {
      const form = document.querySelector<HTMLFormElement>('main form[method="post"][action$="/to-khai"]')!;
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

  test('from the service page to the form, its errors and its check page, each passing axe', async () => {
    const { browser, base } = portal;
    const page = await (await browser.newContext()).newPage();
    page.context().setDefaultTimeout(10_000);
    await page.goto(`${base}/dich-vu-cong/${PHARMACIST}`);
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Đơn đề nghị cấp Chứng chỉ hành nghề dược');
    await assertAccessible(page, 'e-form');

    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const summary = (await page.getByRole('alert').textContent()) ?? '';
    assert.match(summary, /lỗi/);
    assert.match(summary, /Có 16 lỗi cần sửa/);
    assert.match(summary, /Hãy nhập họ và tên/);
    await assertAccessible(page, 'e-form with errors');

    const def = definitionForService(PHARMACIST)!;
    await postExample(page);
    assert.ok(await page.getByText(String((def.example as Record<string, unknown>).fullName)).first().isVisible());
    await assertAccessible(page, 'check your answers');
  });

  test('Ví dụ 3 → 4: a signed-in citizen sends the checked form and is told at once it was received, with the code', async () => {
    const { browser, base, database } = portal;
    const page = await (await browser.newContext()).newPage();
    page.context().setDefaultTimeout(10_000);
    await page.goto(`${base}/dang-nhap?next=${encodeURIComponent(`/dich-vu-cong/${PHARMACIST}/to-khai`)}`);
    await page.getByLabel('Tên đăng nhập, thư điện tử hoặc số điện thoại').fill('congdan');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    await postExample(page);
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();
    const code = (await page.locator('.application-code').textContent()) ?? '';
    assert.match(code, /^000\.00\.12\.H34-\d{6}-\d{4}$/);
    await assertAccessible(page, 'submitted');
    const row = await database.db.selectFrom('application').select(['status', 'form_version']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.status, 1);
    assert.match(row.form_version ?? '', /@/);
    await page.getByRole('link', { name: 'Theo dõi hồ sơ này' }).click();
    assert.ok(await page.getByText('Mới đăng ký').first().isVisible());
  });
});
