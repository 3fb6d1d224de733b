// The pharmacist's e-form (Ví dụ 3) in Chromium: reached from the service page, refused with
// every error listed when empty, and the check page once complete — axe on every step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { definitionForService } from '../../src/forms/index.ts';
import { formBodyFromAnswers } from '../../src/forms/validate.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';

const PHARMACIST = '1.004616';

describe('the pharmacist e-form in Chromium', () => {
  const portal = portalInBrowser({ seed: seedCatalogDemo });

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

    // Complete answers: the definition's own example, posted the way the page's form posts it.
    const def = definitionForService(PHARMACIST)!;
    const fields = formBodyFromAnswers(def, def.example as Record<string, unknown>);
    await page.evaluate((pairs) => {
      const form = document.querySelector<HTMLFormElement>('form[method="post"]')!;
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
    }, fields);
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.ok(await page.getByText(String((def.example as Record<string, unknown>).fullName)).first().isVisible());
    await assertAccessible(page, 'check your answers');
  });
});
