// The files of an application in Chromium: the citizen sends the pharmacist application with its
// attachments (upload progress announced), the officer reads the files and asks for a document,
// the citizen supplements online, the officer sees it — each page checked with axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { formBodyFromAnswers } from '../../src/forms/validate.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

const PHARMACIST = '1.004616';
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);

describe('attachments in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  const signIn = (page: Page, username: string, next: string) => signInInBrowser(page, portal.base, username, DEMO_PASSWORD, next);

  test('submit with files and see the progress, officer asks for a document, citizen supplements, officer sees it', async () => {
    const { browser } = portal;
    const citizen = await (await browser.newContext()).newPage();
    citizen.context().setDefaultTimeout(15_000);
    await signIn(citizen, 'congdan', '/ho-so');
    // Every answer at once to the form's last step (as the form's own pages do step by step).
    const def = demoDefinition(PHARMACIST)!;
    const fields = formBodyFromAnswers(def, def.example!);
    await citizen.evaluate(
      ({ action, fields }) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        const token = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
        for (const [name, value] of [['_csrf', token], ...fields]) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name!;
          input.value = value!;
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      },
      { action: `/dich-vu-cong/${PHARMACIST}/to-khai`, fields },
    );
    await citizen.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    assert.match(await citizen.title(), /^Bước 5\/6: Thành phần hồ sơ/);
    await assertAccessible(citizen, 'components step');
    await citizen.locator('input[name="component:anh-chan-dung"]').setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: jpeg(200 * 1024) });
    await citizen.locator('input[name="component:van-bang"]').setInputFiles({ name: 'văn bằng.pdf', mimeType: 'application/pdf', buffer: pdf(4 * 1024 * 1024) });
    await citizen.locator('input[name="component:suc-khoe"]').setInputFiles({ name: 'suc-khoe.pdf', mimeType: 'application/pdf', buffer: pdf(300 * 1024) });
    await citizen.locator('input[name="component:xac-nhan-thuc-hanh"]').setInputFiles({ name: 'thuc-hanh.pdf', mimeType: 'application/pdf', buffer: pdf(300 * 1024) });
    // Everything the live region says is kept outside the page, to read after the next page opened.
    const said: string[] = [];
    await citizen.exposeFunction('reportSaid', (text: string) => said.push(text));
    await citizen.evaluate(() => {
      const report = (window as unknown as { reportSaid: (t: string) => void }).reportSaid;
      new MutationObserver(() => report(document.querySelector('.upload-status')?.textContent ?? '')).observe(document.querySelector('.upload-status')!, { childList: true, characterData: true, subtree: true });
    });
    await citizen.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.match(await citizen.title(), /^Bước 6\/6: Kiểm tra lại và gửi/);
    assert.ok(await citizen.getByText('văn bằng.pdf').isVisible(), 'the check page lists the files');
    await assertAccessible(citizen, 'check page with files');
    await citizen.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();
    assert.ok(said.some((s) => /^Đã tải lên \d{1,2}%$/.test(s)), `progress in percent: ${said.join(' | ')}`);
    assert.ok(said.some((s) => s.startsWith('Đã tải lên 100%')), 'and done');
    await assertAccessible(citizen, 'submitted');
    const code = ((await citizen.locator('.application-code').textContent()) ?? '').trim();

    const officer = await (await browser.newContext()).newPage();
    officer.context().setDefaultTimeout(15_000);
    await signIn(officer, 'canbo.syt', `/can-bo/ho-so/${code}`);
    assert.ok(await officer.getByRole('link', { name: 'văn bằng.pdf' }).isVisible());
    await assertAccessible(officer, 'officer page with files');
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.locator('input[name=component][value=van-bang]').check();
    await officer.getByLabel('Giấy tờ khác (mỗi dòng một giấy tờ)').fill('Bản sao sổ hộ khẩu');
    await officer.getByLabel('Lý do (bắt buộc)').fill('Văn bằng chụp mờ.');
    await officer.getByRole('button', { name: 'Yêu cầu bổ sung giấy tờ' }).click();
    assert.match((await officer.getByRole('status').textContent()) ?? '', /Yêu cầu bổ sung giấy tờ/);
    await assertAccessible(officer, 'officer page, documents requested');

    await citizen.goto(`${portal.base}/ho-so/${code}`);
    await assertAccessible(citizen, 'my application with a request');
    await citizen.getByRole('link', { name: 'Bổ sung giấy tờ trực tuyến' }).click();
    await assertAccessible(citizen, 'supplement page');
    await citizen.locator('input[name="component:van-bang"]').setInputFiles({ name: 'van-bang-ro.pdf', mimeType: 'application/pdf', buffer: pdf(500 * 1024) });
    await citizen.locator('input[name="item:k1"]').setInputFiles({ name: 'ho-khau.jpg', mimeType: 'image/jpeg', buffer: jpeg(100 * 1024) });
    await citizen.getByRole('button', { name: 'Nộp bổ sung' }).click();
    await citizen.getByText('Đã nộp đủ giấy tờ bổ sung').waitFor();
    await assertAccessible(citizen, 'after the supplement');

    await officer.goto(`${portal.base}/can-bo/ho-so/${code}`);
    assert.ok(await officer.getByRole('link', { name: 'van-bang-ro.pdf' }).isVisible());
    assert.ok(await officer.getByText('Đang xử lý').first().isVisible());
    await assertAccessible(officer, 'officer page after the supplement');
  });
});
