// Application pages in Chromium: the officer's inbox and detail, the applicant's list and
// timeline, and the public lookup — each checked with axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

describe('application pages in Chromium', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  const signIn = (page: Page, username: string, next: string) => signInInBrowser(page, portal.base, username, DEMO_PASSWORD, next);

  test('officer, applicant and visitor pages pass axe; an officer receives an application with one click', async () => {
    const { app, browser, base } = portal;
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'congdan', password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const { code } = (await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example))).json() as { code: string };

    const officer = await (await browser.newContext()).newPage();
    officer.context().setDefaultTimeout(10_000);
    await signIn(officer, 'canbo.syt', '/can-bo/ho-so');
    await assertAccessible(officer, 'inbox');
    await officer.getByRole('link', { name: code }).click();
    await assertAccessible(officer, 'officer detail');
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    assert.match((await officer.getByRole('status').textContent()) ?? '', /Đã chuyển hồ sơ sang "Được tiếp nhận"/);
    await officer.getByRole('button', { name: 'Yêu cầu bổ sung giấy tờ' }).click();
    assert.match((await officer.getByRole('alert').textContent()) ?? '', /liệt kê đầy đủ một lần/);
    await assertAccessible(officer, 'officer detail with error');

    const citizen = await (await browser.newContext()).newPage();
    citizen.context().setDefaultTimeout(10_000);
    await signIn(citizen, 'congdan', '/ho-so');
    await assertAccessible(citizen, 'my applications');
    await citizen.getByRole('link', { name: code }).click();
    assert.ok(await citizen.getByText('Được tiếp nhận').first().isVisible());
    await assertAccessible(citizen, 'my application');
    await citizen.getByRole('link', { name: /^Thông báo \(\d+ mới\)$/ }).click();
    assert.ok(await citizen.getByRole('heading', { level: 2, name: new RegExp(`Hồ sơ ${code.replaceAll('.', '\\.')}: Được tiếp nhận`) }).isVisible());
    await assertAccessible(citizen, 'notices');
    await citizen.getByRole('button', { name: /^Đánh dấu đã đọc tất cả/ }).click();
    await citizen.getByRole('link', { name: /^Thông báo$/ }).waitFor(); // no unread notice left in the header
    assert.equal(await citizen.getByRole('button', { name: /^Đánh dấu đã đọc/ }).count(), 0);
    await assertAccessible(citizen, 'notices read');

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${base}/tra-cuu`);
    await assertAccessible(visitor, 'lookup');
    await visitor.getByLabel('Mã hồ sơ').fill(code);
    await visitor.getByLabel('4 số cuối số điện thoại hoặc CCCD của người nộp').fill('5678');
    await visitor.getByRole('button', { name: 'Tra cứu' }).click();
    assert.match((await visitor.getByRole('status').textContent()) ?? '', /Được tiếp nhận/);
    await assertAccessible(visitor, 'lookup with result');
  });
});
