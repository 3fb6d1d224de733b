// V1, V4, F3 in Chromium: after Sở Y tế receives the pharmacist's application, the next e-form
// offers its data fields with their source — chosen with and without JavaScript — and "Kho dữ liệu
// của tôi" lists them and deletes one. axe on each page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

const PHARMACIST = '1.004616';
const FORM = `/dich-vu-cong/${PHARMACIST}/to-khai`;
const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('data fields from the store in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  const signedInPage = (browser: Browser, base: string, javaScriptEnabled: boolean) => openSignedIn(browser, base, 'congdan', DEMO_PASSWORD, FORM, javaScriptEnabled);
  async function look(page: Page, label: string, withoutJs = false) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label.replace(/\W+/g, '-')}.png`, fullPage: true });
    if (!withoutJs) return assertAccessible(page, label);
    // axe needs script in the page: the no-JS page's HTML is checked in a page whose scripts are refused.
    const context = await portal.browser.newContext();
    const copy = await context.newPage();
    await copy.route('**/*.js', (r) => r.abort());
    await copy.goto(`${portal.base}/assets/site.css`);
    await copy.setContent(await page.content(), { waitUntil: 'load' });
    await assertAccessible(copy, label);
    await context.close();
  }
  const field = (page: Page, path: string) => page.locator(`[id="f-${path}"]`);

  test('the store’s values are offered with their source, filled as chosen, listed and deleted in the store', async () => {
    const { app, base, browser } = portal;
    const token = async (username: string) => ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const citizen = { authorization: `Bearer ${await token('congdan')}` };
    const data = { ...demoDefinition(PHARMACIST)!.example, fullName: 'Nguyễn Văn An', phone: '0987654321', idIssuePlace: 'Cục Cảnh sát QLHC về TTXH' };
    const submitted = await app.inject(apiSubmission(citizen, PHARMACIST, data));
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { code } = submitted.json() as { code: string };
    const received = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: { authorization: `Bearer ${await token('canbo.syt')}` }, payload: { status: 2 } });
    assert.equal(received.statusCode, 200, received.body);

    // With JavaScript: the store's phone chosen over the account's; what was typed stays.
    const page = await signedInPage(browser, base, true);
    await page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    const offer = page.locator('section.saved-offer');
    assert.match((await offer.textContent()) ?? '', new RegExp(`Cục Cảnh sát QLHC về TTXH \\(nguồn: kho dữ liệu — Sở Y tế[^)]*cùng hồ sơ ${code.replace(/\./g, '\\.')}\\)`));
    assert.equal(await field(page, 'idIssuePlace').inputValue(), '', 'nothing filled silently');
    await look(page, 'fields offered');
    await field(page, 'email').fill('an@example.vn');
    await page.getByLabel(/^0987654321 \(nguồn: kho dữ liệu/).check();
    await page.getByRole('button', { name: 'Dùng thông tin đã lưu' }).click();
    await page.getByText('đã được điền vào các ô tương ứng').waitFor();
    assert.equal(await field(page, 'phone').inputValue(), '0987654321');
    assert.equal(await field(page, 'idIssuePlace').inputValue(), 'Cục Cảnh sát QLHC về TTXH');
    assert.equal(await field(page, 'permanentAddress.commune').inputValue(), 'Phường Nha Trang');
    assert.equal(await page.getByLabel('Nữ', { exact: true }).isChecked(), true);
    await look(page, 'fields filled');

    // Without JavaScript: the same offer, the account's phone by default.
    const plain = await signedInPage(browser, base, false);
    await plain.getByRole('button', { name: 'Dùng thông tin đã lưu' }).click();
    await plain.getByText('đã được điền vào các ô tương ứng').waitFor();
    assert.equal(await field(plain, 'phone').inputValue(), '0912345678');
    assert.equal(await field(plain, 'idIssueDate').inputValue(), '10/06/2021');
    await look(plain, 'fields filled without js', true);

    // The store lists them with their source; one is deleted and no longer offered.
    await page.goto(`${base}/kho-du-lieu`);
    const row = page.getByRole('row', { name: /Nơi cấp CCCD, CMND/ });
    assert.match((await row.textContent()) ?? '', /Cục Cảnh sát QLHC về TTXH.*Sở Y tế.*tiếp nhận lúc/);
    await look(page, 'store with fields');
    await row.getByRole('button', { name: /Xóa/ }).click();
    await page.getByText('Đã xóa thông tin khỏi kho dữ liệu').waitFor();
    assert.equal(await page.getByRole('row', { name: /Nơi cấp CCCD, CMND/ }).count(), 0);
    await look(page, 'store after deleting a field');
    await page.goto(`${base}${FORM}`);
    assert.doesNotMatch((await page.locator('section.saved-offer').textContent()) ?? '', /Cục Cảnh sát QLHC/);
  });
});
